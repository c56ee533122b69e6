import Foundation
import Hummingbird

extension Parameters {
    /// The path parameter `name`, percent-decoded (Hummingbird hands it over as sent: a client that encodes an id's
    /// colon or a SKU's space would otherwise miss), or "" when the route has none.
    func decoded(_ name: String) -> String {
        let raw = get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }
}
