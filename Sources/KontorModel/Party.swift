/// The buyer of an order. JSON: `{id, name, email, phone, vatId}`.
///
/// All fields are structurally optional; ``BasicOrderValidator`` requires an `id` or a `name`.
public struct Party: Sendable, Hashable, Codable {
    /// The buyer's id in the sending system (customer number, GLN, ...).
    public var id: String?

    /// The buyer's name.
    public var name: String?

    /// The buyer's e-mail address.
    public var email: String?

    /// The buyer's phone number.
    public var phone: String?

    /// The buyer's VAT identification number, e.g. `DE123456789`.
    public var vatId: String?

    /// Creates a party.
    public init(
        id: String? = nil,
        name: String? = nil,
        email: String? = nil,
        phone: String? = nil,
        vatId: String? = nil
    ) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.vatId = vatId
    }
}
