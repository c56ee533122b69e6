/// Reading the leading digits of a postal code for distance estimates.
enum PostalCodePrefix {
    /// The first `count` characters of `postalCode` (after leading spaces) as a number when they are all ASCII
    /// digits, else `nil`. Letters (as in British or Canadian postcodes) give `nil`: their prefixes say little about
    /// distance.
    static func leadingDigits(_ postalCode: String, count: Int) -> Int? {
        var value = 0
        var taken = 0
        for byte in postalCode.utf8 {
            if taken == 0 && byte == UInt8(ascii: " ") { continue }
            guard taken < count else { break }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            taken += 1
        }
        return taken == count ? value : nil
    }
}
