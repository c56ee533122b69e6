import Foundation

/// Random record ids.
enum UUIDString {
    /// A random UUID as 32 lowercase hex digits.
    static func randomLowercaseHex() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
