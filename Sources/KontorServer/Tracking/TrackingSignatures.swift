import KontorConnectors

/// How each carrier format signs its webhooks, and the environment variable holding the shared secret
/// (`KONTOR_TRACKING_<FORMAT>_SECRET`). Without a secret the route takes unsigned deliveries.
public enum TrackingSignatures {
    /// EasyPost: `X-Hmac-Signature: hmac-sha256-hex=<hex>`; AfterShip: `aftership-hmac-sha256: <base64>`; any
    /// other format: `X-Kontor-Signature: sha256=<hex>`.
    public static func scheme(for format: String) -> ConnectorInstance.Signature {
        let variable = environmentVariable(for: format)
        switch format {
        case "easypost":
            return .init(
                header: "X-Hmac-Signature",
                encoding: .hex,
                prefix: "hmac-sha256-hex=",
                secretEnvironmentVariable: variable
            )
        case "aftership":
            return .init(header: "aftership-hmac-sha256", encoding: .base64, secretEnvironmentVariable: variable)
        default:
            return .init(
                header: "X-Kontor-Signature",
                encoding: .hex,
                prefix: "sha256=",
                secretEnvironmentVariable: variable
            )
        }
    }

    /// `KONTOR_TRACKING_EASYPOST_SECRET` for `easypost` (non-alphanumerics become `_`).
    public static func environmentVariable(for format: String) -> String {
        let name = String(format.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        return "KONTOR_TRACKING_\(name)_SECRET"
    }
}
