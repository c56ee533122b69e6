/// A postal address, used for ``CanonicalOrder/shipTo`` and ``CanonicalOrder/billTo``.
///
/// JSON: `{name, company, street, street2, city, region, postalCode, country, phone, email}`. Only `country` is
/// structurally required; ``BasicOrderValidator`` additionally demands name, street, city and (where the country uses
/// them) postal code on `shipTo`.
public struct Address: Sendable, Hashable, Codable {
    /// The recipient's name.
    public var name: String?

    /// The company, for business addresses.
    public var company: String?

    /// Street and house number.
    public var street: String?

    /// A second address line (apartment, building, c/o).
    public var street2: String?

    /// The city.
    public var city: String?

    /// State, province or region, as the sender wrote it.
    public var region: String?

    /// The postal code.
    public var postalCode: String?

    /// The country, ISO 3166-1 alpha-2.
    public var country: CountryCode

    /// A phone number for the carrier.
    public var phone: String?

    /// An e-mail address for delivery notifications.
    public var email: String?

    /// Creates an address.
    public init(
        name: String? = nil,
        company: String? = nil,
        street: String? = nil,
        street2: String? = nil,
        city: String? = nil,
        region: String? = nil,
        postalCode: String? = nil,
        country: CountryCode,
        phone: String? = nil,
        email: String? = nil
    ) {
        self.name = name
        self.company = company
        self.street = street
        self.street2 = street2
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.phone = phone
        self.email = email
    }
}
