import KontorModel
import Testing

@Suite("Postal code formats")
struct PostalCodeFormatTests {
    @Test(
        "Real postal codes are plausible",
        arguments: [
            ("DE", "10115"), ("DE", "01067"), ("AT", "1010"), ("CH", "8001"), ("NL", "1012 AB"), ("NL", "1012ab"),
            ("FR", "75008"), ("GB", "SW1A 1AA"), ("GB", "M1 1AE"), ("GB", "EC1A1BB"), ("GB", "B33 8TH"),
            ("GB", "CR2 6XH"), ("GB", "DN55 1PT"), ("US", "94107"), ("US", "31139-0020"), (" US", " 10001 "),
            ("PL", "00-950"), ("SE", "114 55"), ("IE", "D02 X285"), ("CA", "K1A 0B1"),
        ]
    )
    func plausible(country: String, code: String) throws {
        let country = try #require(CountryCode(normalizing: country))
        #expect(PostalCodeFormat.isPlausible(code, in: country) == true, "\(country) \(code)")
    }

    @Test(
        "Wrong shapes are not",
        arguments: [
            ("DE", "1011"), ("DE", "101155"), ("DE", "1O115"), ("AT", "10100"), ("CH", "800"), ("NL", "1012"),
            ("NL", "AB 1012"), ("FR", "7500"), ("GB", "12345"), ("GB", "SW1A"), ("US", "9410"), ("US", "94107-12"),
            ("US", "ABCDE"),
        ]
    )
    func implausible(country: String, code: String) throws {
        let country = try #require(CountryCode(country))
        #expect(PostalCodeFormat.isPlausible(code, in: country) == false, "\(country) \(code)")
    }

    @Test("Countries without a known format are not judged")
    func unknownCountry() {
        #expect(PostalCodeFormat.isPlausible("anything", in: CountryCode("BR")!) == nil)
        #expect(PostalCodeFormat.example(for: CountryCode("NL")!) == "4 digits and 2 letters (1234 AB)")
    }
}
