import Foundation

/// Envelope settings for documents Kontor sends: parties, control numbers, date, version and delimiters.
public struct X12EnvelopeSettings: Sendable, Hashable {
    /// ISA05, the sender's id qualifier (e.g. `ZZ`, `01`, `12`).
    public var senderQualifier: String
    /// ISA06, the sender's id (padded to 15 characters when written).
    public var senderID: String
    /// ISA07, the receiver's id qualifier.
    public var receiverQualifier: String
    /// ISA08, the receiver's id (padded to 15 characters when written).
    public var receiverID: String
    /// GS02; defaults to ``senderID``.
    public var applicationSenderCode: String?
    /// GS03; defaults to ``receiverID``.
    public var applicationReceiverCode: String?
    /// ISA13 (written with 9 digits) and IEA02.
    public var interchangeControlNumber: Int
    /// GS06 and GE02 of the first group; further groups count up from here.
    public var groupControlNumber: Int
    /// ST02 / SE02 of the first transaction (written with at least 4 digits).
    public var transactionControlNumber: Int
    /// ISA09/ISA10 and GS04/GS05, in UTC.
    public var date: Date
    /// ISA15: `P` production or `T` test.
    public var usageIndicator: String
    /// ISA12 interchange control version, like `00401` or `00501`.
    public var interchangeVersion: String
    /// GS08, like `004010` or `005010`.
    public var groupVersion: String
    /// The delimiters to write with.
    public var delimiters: X12Delimiters

    /// Creates settings; version 004010, `*` `>` `~` `^` delimiters and production usage by default.
    public init(
        senderQualifier: String = "ZZ",
        senderID: String,
        receiverQualifier: String = "ZZ",
        receiverID: String,
        applicationSenderCode: String? = nil,
        applicationReceiverCode: String? = nil,
        interchangeControlNumber: Int,
        groupControlNumber: Int,
        transactionControlNumber: Int = 1,
        date: Date = Date(),
        usageIndicator: String = "P",
        interchangeVersion: String = "00401",
        groupVersion: String = "004010",
        delimiters: X12Delimiters = .standard
    ) {
        self.senderQualifier = senderQualifier
        self.senderID = senderID
        self.receiverQualifier = receiverQualifier
        self.receiverID = receiverID
        self.applicationSenderCode = applicationSenderCode
        self.applicationReceiverCode = applicationReceiverCode
        self.interchangeControlNumber = interchangeControlNumber
        self.groupControlNumber = groupControlNumber
        self.transactionControlNumber = transactionControlNumber
        self.date = date
        self.usageIndicator = usageIndicator
        self.interchangeVersion = interchangeVersion
        self.groupVersion = groupVersion
        self.delimiters = delimiters
    }
}

/// A functional group to write: GS01, GS08 and its transactions (each a list of segments from after ST to before SE).
struct X12OutboundGroup {
    var functionalIdentifier: String
    var version: String
    var transactions: [X12OutboundTransaction]
}

/// A transaction to write: ST01, optional ST03 and the body segments (tag first).
struct X12OutboundTransaction {
    var setIdentifier: String
    var implementationReference: String?
    var body: [[String]]
}

/// Renders segments with delimiters, replacing delimiter bytes inside data by spaces and dropping trailing empty
/// elements.
enum X12Render {
    /// Renders an interchange; `interchangeAcknowledgement` is a TA1 segment placed right after the ISA.
    static func interchange(
        _ groups: [X12OutboundGroup],
        settings: X12EnvelopeSettings,
        interchangeAcknowledgement: [String]? = nil
    ) -> String {
        let stamp = X12Date.stamp(settings.date)
        let delimiters = settings.delimiters
        let isaControl = X12Date.pad(settings.interchangeControlNumber % 1_000_000_000, 9)
        let repetition = settings.interchangeVersion >= "00402" ? delimiters.repetition.map(character) ?? "U" : "U"
        var segments: [[String]] = [
            [
                "ISA", "00", fixed("", 10), "00", fixed("", 10), settings.senderQualifier, fixed(settings.senderID, 15),
                settings.receiverQualifier, fixed(settings.receiverID, 15), stamp.short, stamp.time, repetition,
                settings.interchangeVersion, isaControl, "0", settings.usageIndicator, character(delimiters.subElement),
            ]
        ]
        if let interchangeAcknowledgement { segments.append(interchangeAcknowledgement) }
        var groupControl = settings.groupControlNumber
        var transactionControl = settings.transactionControlNumber
        for group in groups {
            segments.append([
                "GS", group.functionalIdentifier, settings.applicationSenderCode ?? settings.senderID,
                settings.applicationReceiverCode ?? settings.receiverID, stamp.long, stamp.time, String(groupControl),
                "X", group.version,
            ])
            for transaction in group.transactions {
                let control = X12Date.pad(transactionControl, 4)
                var st = ["ST", transaction.setIdentifier, control]
                if let reference = transaction.implementationReference { st.append(reference) }
                segments.append(st)
                segments += transaction.body
                segments.append(["SE", String(transaction.body.count + 2), control])
                transactionControl += 1
            }
            segments.append(["GE", String(group.transactions.count), String(groupControl)])
            groupControl += 1
        }
        segments.append(["IEA", String(groups.count), isaControl])
        var output: [UInt8] = []
        for (number, segment) in segments.enumerated() {
            var elements = segment
            if number > 0 {
                while elements.count > 1 && elements.last?.isEmpty == true { elements.removeLast() }
            }
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(delimiters.element) }
                if number == 0 && position == 16 {
                    output.append(delimiters.subElement)
                } else if number == 0 && position == 11 && element.utf8.count == 1 {
                    output.append(contentsOf: element.utf8)
                } else {
                    for byte in element.utf8 {
                        output.append(delimiters.contains(byte) || byte < 0x20 ? 0x20 : byte)
                    }
                }
            }
            output.append(delimiters.segment)
            output.append(0x0A)
        }
        return String(decoding: output, as: UTF8.self)
    }

    static func fixed(_ text: String, _ width: Int) -> String {
        let cut = String(text.prefix(width))
        return cut + String(repeating: " ", count: width - cut.count)
    }

    static func character(_ byte: UInt8) -> String {
        String(decoding: [byte], as: UTF8.self)
    }
}
