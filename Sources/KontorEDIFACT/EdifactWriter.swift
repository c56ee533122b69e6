import Foundation

/// An interchange party in `UNB` (S002/S003): an identification and its code qualifier (e.g. `14` for a GLN).
public struct EdifactPartyIdentification: Sendable, Hashable {
    /// The identification, e.g. a GLN.
    public var id: String
    /// The identification code qualifier (0007), e.g. `14`.
    public var qualifier: String?

    /// Creates a party identification.
    public init(id: String, qualifier: String? = nil) {
        self.id = id
        self.qualifier = qualifier
    }

    var components: [String] { qualifier.map { [id, $0] } ?? [id] }
}

/// The `UNB` data of an outbound interchange.
public struct EdifactEnvelope: Sendable, Hashable {
    /// Who sends (usually Kontor's own id at the partner).
    public var sender: EdifactPartyIdentification
    /// Who receives.
    public var recipient: EdifactPartyIdentification
    /// The interchange control reference (0020), unique per sender; at most 14 characters.
    public var controlReference: String
    /// When the interchange was prepared; written in UTC.
    public var preparedAt: Date
    /// The syntax identifier, e.g. `UNOC` (ISO 8859-1) or `UNOY` (UTF-8, syntax version 4).
    public var syntaxIdentifier: String
    /// The syntax version number, `3` or `4`.
    public var syntaxVersion: String
    /// Marks a test interchange (`UNB` 0035 = 1).
    public var isTest: Bool

    /// Creates an envelope.
    public init(
        sender: EdifactPartyIdentification,
        recipient: EdifactPartyIdentification,
        controlReference: String,
        preparedAt: Date = Date(),
        syntaxIdentifier: String = "UNOC",
        syntaxVersion: String = "3",
        isTest: Bool = false
    ) {
        self.sender = sender
        self.recipient = recipient
        self.controlReference = controlReference
        self.preparedAt = preparedAt
        self.syntaxIdentifier = syntaxIdentifier
        self.syntaxVersion = syntaxVersion
        self.isTest = isTest
    }
}

/// One outbound message before enveloping: its identifier and body segments (without `UNH`/`UNT`).
public struct EdifactOutboundMessage: Sendable, Hashable {
    /// The message type, e.g. `ORDRSP`.
    public var type: String
    /// The directory version, e.g. `D`.
    public var version: String
    /// The directory release, e.g. `96A`.
    public var release: String
    /// The controlling agency, e.g. `UN`.
    public var agency: String
    /// The association assigned code, e.g. `EAN005`.
    public var associationCode: String?
    /// The message reference number (0062).
    public var referenceNumber: String
    /// The body segments: tag and elements (each a list of components).
    public var segments: [EdifactSegment]

    /// Creates a message.
    public init(
        type: String,
        version: String = "D",
        release: String = "96A",
        agency: String = "UN",
        associationCode: String? = nil,
        referenceNumber: String = "1",
        segments: [EdifactSegment]
    ) {
        self.type = type
        self.version = version
        self.release = release
        self.agency = agency
        self.associationCode = associationCode
        self.referenceNumber = referenceNumber
        self.segments = segments
    }
}

/// Writes EDIFACT: single segments with release-character escaping, and whole interchanges with correct counts.
///
/// Trailing empty components and elements are left out, as the syntax rules require. The document writers
/// (``orderResponse(for:response:envelope:)``, ``despatchAdvice(for:advice:envelope:)``,
/// ``invoice(for:invoice:envelope:)``) are in `EdifactDocuments.swift`.
public struct EdifactWriter: Sendable {
    /// The service characters used.
    public var delimiters: EdifactDelimiters
    /// Writes `UNA` first (always done when the delimiters differ from the defaults).
    public var writesServiceStringAdvice: Bool
    /// Puts a line feed after every segment terminator, for humans.
    public var lineBreaks: Bool

    /// Creates a writer.
    public init(
        delimiters: EdifactDelimiters = .standard,
        writesServiceStringAdvice: Bool = true,
        lineBreaks: Bool = false
    ) {
        self.delimiters = delimiters
        self.writesServiceStringAdvice = writesServiceStringAdvice
        self.lineBreaks = lineBreaks
    }

    /// `value` with a release character before every service character.
    public func escape(_ value: String) -> String {
        guard value.utf8.contains(where: delimiters.isSpecial) else { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 4)
        let release = delimiters.release ?? UInt8(ascii: "?")
        for byte in value.utf8 {
            if delimiters.isSpecial(byte) { bytes.append(release) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// One segment with its terminator, e.g. `segment("DTM", [["137", "20250301", "102"]])` is `DTM+137:20250301:102'`.
    public func segment(_ tag: String, _ elements: [[String]]) -> String {
        var elements = elements.map { components in
            var components = components
            while let last = components.last, last.isEmpty { components.removeLast() }
            return components
        }
        while let last = elements.last, last.isEmpty { elements.removeLast() }
        let component = String(UnicodeScalar(delimiters.component))
        let element = String(UnicodeScalar(delimiters.element))
        var text = tag
        for components in elements {
            text += element + components.map(escape).joined(separator: component)
        }
        text.append(Character(UnicodeScalar(delimiters.segment)))
        if lineBreaks { text += "\n" }
        return text
    }

    /// A complete interchange: `UNA` (optional), `UNB`, every message as `UNH` .. `UNT`, and `UNZ`.
    public func interchange(_ envelope: EdifactEnvelope, messages: [EdifactOutboundMessage]) -> String {
        var text = ""
        if writesServiceStringAdvice || delimiters != .standard {
            text += "UNA" + delimiters.serviceStringAdvice
            if lineBreaks { text += "\n" }
        }
        let (date, time) = Self.dateAndTime(envelope.preparedAt, longYear: envelope.syntaxVersion >= "4")
        text += segment(
            "UNB",
            [
                [envelope.syntaxIdentifier, envelope.syntaxVersion], envelope.sender.components,
                envelope.recipient.components, [date, time], [envelope.controlReference], [], [], [], [], [],
                envelope.isTest ? ["1"] : [],
            ]
        )
        for message in messages {
            var identifier = [message.type, message.version, message.release, message.agency]
            if let code = message.associationCode { identifier.append(code) }
            text += segment("UNH", [[message.referenceNumber], identifier])
            for body in message.segments { text += segment(body.tag, body.elements) }
            text += segment("UNT", [[String(message.segments.count + 2)], [message.referenceNumber]])
        }
        text += segment("UNZ", [[String(messages.count)], [envelope.controlReference]])
        return text
    }

    /// `YYMMDD` (or `CCYYMMDD`) and `HHMM` in UTC.
    static func dateAndTime(_ date: Date, longYear: Bool) -> (String, String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : String(value)
        }
        let year = parts.year ?? 2000
        let yearText = longYear ? String(year) : two(year % 100)
        return (yearText + two(parts.month) + two(parts.day), two(parts.hour) + two(parts.minute))
    }
}
