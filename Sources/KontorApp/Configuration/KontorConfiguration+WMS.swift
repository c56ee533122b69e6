import Foundation

extension KontorConfiguration {
    /// `<connectors>/wms`: one YAML file per WMS that takes pick tasks over HTTP (see `WMSConnection`).
    public var wmsConnectorsDirectory: String {
        (connectorsDirectory as NSString).appendingPathComponent("wms")
    }
}
