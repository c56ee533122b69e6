/// Why an outbound B2B XML document cannot be written.
///
/// ``location`` names where: a field of the message (`lines[0].lineNumber`, 0-based like ``OrderDecodingError``)
/// or, for characters XML cannot hold, the XPath of the element or attribute in the document being written
/// (`/cXML/Request/ConfirmationRequest/ConfirmationItem[2]/ConfirmationStatus/Comments`).
public struct B2BXMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: Sendable, Hashable {
        /// Text holds a character XML 1.0 does not allow (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE,
        /// U+FFFF); such text is refused, never silently dropped.
        case invalidCharacter
        /// The format requires a value the message does not have.
        case missingField
        /// The message has a value the format cannot carry, or values that contradict each other.
        case invalidValue
    }

    /// The kind of problem.
    public let kind: Kind

    /// The message field or document XPath the problem is at.
    public let location: String

    /// A readable explanation.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, at location: String, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    /// `"lines[0].lineNumber: ..."`.
    public var description: String {
        "\(location): \(message)"
    }
}
