import KontorModel

/// An ``Address`` as a cXML `Contact` with a role (`shipFrom`, `shipTo`).
///
/// `Name` is the company, or the person when there is no company; with both, the person goes to
/// `PostalAddress/DeliverTo`. `street` and `street2` become `Street` lines, `region` `State`, and `country` both
/// `Country/@isoCountryCode` and its text. `email` becomes `Email`; the phone is left out because cXML wants it split
/// into country, area and local number.
enum CXMLContact {
    static func contact(_ address: Address, role: String, at path: String) throws(B2BXMLError) -> XMLElement {
        guard let name = nonBlank(address.company) ?? nonBlank(address.name) else {
            throw B2BXMLError(.missingField, at: path + ".name", "cXML Contact needs a Name: give a company or a name")
        }
        guard let street = nonBlank(address.street) else {
            throw B2BXMLError(.missingField, at: path + ".street", "cXML PostalAddress needs at least one Street")
        }
        guard let city = nonBlank(address.city) else {
            throw B2BXMLError(.missingField, at: path + ".city", "cXML PostalAddress needs a City")
        }
        var postal = XMLElement("PostalAddress")
        if nonBlank(address.company) != nil { postal.add("DeliverTo", text: nonBlank(address.name)) }
        postal.add("Street", text: street)
        postal.add("Street", text: nonBlank(address.street2))
        postal.add("City", text: city)
        postal.add("State", text: nonBlank(address.region))
        postal.add("PostalCode", text: nonBlank(address.postalCode))
        postal.add("Country", [("isoCountryCode", address.country.rawValue)], text: address.country.rawValue)
        var contact = XMLElement(
            "Contact",
            [("role", role)],
            children: [XMLElement("Name", [("xml:lang", "en")], text: name), postal]
        )
        contact.add("Email", text: nonBlank(address.email))
        return contact
    }

    private static func nonBlank(_ value: String?) -> String? {
        guard let value, value.contains(where: { !$0.isWhitespace }) else { return nil }
        return value
    }
}
