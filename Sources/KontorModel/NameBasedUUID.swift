import Foundation

/// Name-based UUIDs, version 5 (SHA-1), per RFC 9562 section 5.5.
enum NameBasedUUID {
    /// The RFC 9562 URL namespace, `6ba7b811-9dad-11d1-80b4-00c04fd430c8`.
    static let urlNamespace = UUID(uuidString: "6BA7B811-9DAD-11D1-80B4-00C04FD430C8")!

    /// The RFC 9562 DNS namespace, `6ba7b810-9dad-11d1-80b4-00c04fd430c8`.
    static let dnsNamespace = UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8")!

    /// `UUIDv5(namespace, name)`: SHA-1 over the namespace's 16 bytes followed by `name`, truncated to 16 bytes, with
    /// the version nibble set to 5 and the variant bits to `10`.
    static func version5(namespace: UUID, name: some Sequence<UInt8>) -> UUID {
        var hasher = SHA1()
        hasher.update(bytes(of: namespace))
        hasher.update(name)
        var digest = hasher.finalize()
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]
            )
        )
    }

    /// `UUIDv5(namespace, UTF-8(first) + 0x00 + UTF-8(second))`: the zero byte keeps `("ab", "c")` and
    /// `("a", "bc")` apart.
    static func version5(namespace: UUID, _ first: String, _ second: String) -> UUID {
        version5(namespace: namespace, name: Array(first.utf8) + [0] + Array(second.utf8))
    }

    /// The 16 bytes of a UUID in network order.
    static func bytes(of uuid: UUID) -> [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }
}
