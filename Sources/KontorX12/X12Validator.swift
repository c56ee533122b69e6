/// Checks the envelopes of an interchange and the header segment of the common transaction sets.
///
/// Each transaction is judged on its own: a bad transaction is rejected, the others of its group stay accepted.
public struct X12Validator: Sendable {
    /// GS08 prefixes that are supported; other versions get AK905 code `2` and the whole group is rejected.
    public var supportedVersionPrefixes: [String]

    /// Creates a validator.
    public init(supportedVersionPrefixes: [String] = ["004010", "005010"]) {
        self.supportedVersionPrefixes = supportedVersionPrefixes
    }

    /// Validates an interchange.
    public func validate(_ interchange: X12Interchange) -> X12ValidationReport {
        var report = X12ValidationReport(interchangeIssues: interchangeIssues(interchange), groups: [])
        for group in interchange.groups {
            report.groups.append(validate(group))
        }
        return report
    }

    private func interchangeIssues(_ interchange: X12Interchange) -> [X12Issue] {
        var issues: [X12Issue] = []
        let isa = interchange.isa
        if isa.count != 16 {
            issues.append(
                X12Issue(
                    level: .interchange,
                    code: "024",
                    segmentTag: "ISA",
                    segmentPosition: isa.index,
                    message: "ISA has \(isa.count) elements, expected 16"
                )
            )
        }
        if !isDigits(isa[13], length: 9...9) {
            issues.append(
                X12Issue(
                    level: .interchange,
                    code: "018",
                    segmentTag: "ISA",
                    segmentPosition: isa.index,
                    elementPosition: 13,
                    elementReference: 709,
                    badData: isa[13],
                    message: "ISA13 control number \"\(isa[13])\" is not 9 digits"
                )
            )
        }
        guard let iea = interchange.iea else {
            issues.append(
                X12Issue(
                    level: .interchange,
                    code: "023",
                    segmentTag: "IEA",
                    segmentPosition: (interchange.groups.last?.ge?.index ?? isa.index) + 1,
                    message: "IEA interchange trailer is missing"
                )
            )
            return issues + unexpected(interchange)
        }
        if iea[2] != isa[13] {
            issues.append(
                X12Issue(
                    level: .interchange,
                    code: "001",
                    segmentTag: "IEA",
                    segmentPosition: iea.index,
                    elementPosition: 2,
                    elementReference: 709,
                    badData: iea[2],
                    message: "IEA02 \"\(iea[2])\" does not match ISA13 \"\(isa[13])\""
                )
            )
        }
        if Int(iea[1]) != interchange.groups.count {
            issues.append(
                X12Issue(
                    level: .interchange,
                    code: "021",
                    segmentTag: "IEA",
                    segmentPosition: iea.index,
                    elementPosition: 1,
                    elementReference: 16,
                    badData: iea[1],
                    message: "IEA01 says \(iea[1]) functional groups, found \(interchange.groups.count)"
                )
            )
        }
        return issues + unexpected(interchange)
    }

    private func unexpected(_ interchange: X12Interchange) -> [X12Issue] {
        interchange.unexpectedSegments.map {
            X12Issue(
                level: .interchange,
                code: "024",
                segmentTag: $0.tag,
                segmentPosition: $0.index,
                message: "segment \($0.tag) is outside the envelope structure"
            )
        }
    }

    private func validate(_ group: X12FunctionalGroup) -> X12GroupResult {
        var issues: [X12Issue] = []
        let gs = group.gs
        func groupIssue(_ code: String, _ tag: String, _ index: Int, _ message: String) {
            issues.append(
                X12Issue(level: .group, code: code, segmentTag: tag, segmentPosition: index, message: message)
            )
        }
        if !supportedVersionPrefixes.contains(where: { group.version.hasPrefix($0) }) {
            groupIssue("2", "GS", gs.index, "GS08 version \"\(group.version)\" is not supported")
        }
        if !isDigits(gs[6], length: 1...9) {
            groupIssue("6", "GS", gs.index, "GS06 group control number \"\(gs[6])\" is not 1-9 digits")
        }
        if let ge = group.ge {
            if ge[2] != gs[6] {
                groupIssue("4", "GE", ge.index, "GE02 \"\(ge[2])\" does not match GS06 \"\(gs[6])\"")
            }
            if Int(ge[1]) != group.transactions.count {
                groupIssue(
                    "5",
                    "GE",
                    ge.index,
                    "GE01 says \(ge[1]) transaction sets, found \(group.transactions.count)"
                )
            }
        } else {
            groupIssue("3", "GE", (group.transactions.last?.segments.last?.index ?? gs.index) + 1, "GE is missing")
        }
        var seen: Set<String> = []
        var results: [X12TransactionResult] = []
        for transaction in group.transactions {
            var transactionIssues = validate(transaction)
            if !seen.insert(transaction.controlNumber).inserted {
                transactionIssues.append(
                    X12Issue(
                        level: .transaction,
                        code: "23",
                        segmentTag: "ST",
                        segmentPosition: 1,
                        elementPosition: 2,
                        elementReference: 329,
                        badData: transaction.controlNumber,
                        message: "ST02 \"\(transaction.controlNumber)\" is used twice in this group"
                    )
                )
            }
            results.append(
                X12TransactionResult(
                    setIdentifier: transaction.setIdentifier,
                    controlNumber: transaction.controlNumber,
                    implementationReference: transaction.st[3],
                    issues: transactionIssues
                )
            )
        }
        return X12GroupResult(
            functionalIdentifier: group.functionalIdentifier,
            controlNumber: gs[6],
            version: group.version,
            issues: issues,
            transactions: results
        )
    }

    /// Validates one transaction's ST/SE envelope and its header segment.
    public func validate(_ transaction: X12Transaction) -> [X12Issue] {
        var issues: [X12Issue] = []
        let st = transaction.st
        func transactionIssue(_ code: String, _ tag: String, _ position: Int, _ element: Int?, _ message: String) {
            issues.append(
                X12Issue(
                    level: .transaction,
                    code: code,
                    segmentTag: tag,
                    segmentPosition: position,
                    elementPosition: element,
                    message: message
                )
            )
        }
        if !isDigits(st[1], length: 3...3) {
            transactionIssue("6", "ST", 1, 1, "ST01 \"\(st[1])\" is not a transaction set identifier")
        }
        if st[2].utf8.count < 4 || st[2].utf8.count > 9 {
            transactionIssue("7", "ST", 1, 2, "ST02 \"\(st[2])\" must have 4 to 9 characters")
        }
        if let se = transaction.se {
            let position = transaction.segments.count
            if se[2] != st[2] {
                transactionIssue("3", "SE", position, 2, "SE02 \"\(se[2])\" does not match ST02 \"\(st[2])\"")
            }
            if Int(se[1]) != transaction.segments.count {
                transactionIssue(
                    "4",
                    "SE",
                    position,
                    1,
                    "SE01 says \(se[1]) segments, found \(transaction.segments.count) from ST through SE"
                )
            }
        } else {
            transactionIssue("2", "SE", transaction.segments.count + 1, nil, "SE transaction set trailer is missing")
        }
        var segmentIssues: [X12Issue] = []
        for segment in transaction.segments where !isSegmentID(segment.tag) {
            segmentIssues.append(
                X12Issue(
                    level: .segment,
                    code: "1",
                    segmentTag: segment.tag,
                    segmentPosition: transaction.position(of: segment),
                    message: "\"\(segment.tag)\" is not a segment id"
                )
            )
        }
        segmentIssues += headerIssues(transaction)
        if !segmentIssues.isEmpty {
            issues += segmentIssues
            transactionIssue("5", "ST", 1, nil, "one or more segments in error")
        }
        return issues
    }

    /// Required header segment per transaction set: tag, mandatory elements, date elements (position: reference).
    private static let headers: [String: (tag: String, mandatory: [Int: Int], dates: [Int: Int])] = [
        "850": ("BEG", [1: 353, 2: 92, 3: 324, 5: 373], [5: 373]),
        "855": ("BAK", [1: 353, 2: 587, 3: 324, 4: 373], [4: 373]),
        "856": ("BSN", [1: 353, 2: 396, 3: 373, 4: 337], [3: 373]),
        "810": ("BIG", [1: 373, 2: 76], [1: 373]),
        "997": ("AK1", [1: 479, 2: 28], [:]),
        "999": ("AK1", [1: 479, 2: 28], [:]),
    ]

    private func headerIssues(_ transaction: X12Transaction) -> [X12Issue] {
        guard let rule = Self.headers[transaction.setIdentifier] else { return [] }
        guard let header = transaction.body.first(where: { $0.tag == rule.tag }) else {
            return [
                X12Issue(
                    level: .segment,
                    code: "3",
                    segmentTag: rule.tag,
                    segmentPosition: 2,
                    message: "mandatory segment \(rule.tag) is missing"
                )
            ]
        }
        var issues: [X12Issue] = []
        let position = transaction.position(of: header)
        for (element, reference) in rule.mandatory.sorted(by: { $0.key < $1.key }) where header.isEmpty(element) {
            issues.append(
                X12Issue(
                    level: .element,
                    code: "1",
                    segmentTag: rule.tag,
                    segmentPosition: position,
                    elementPosition: element,
                    elementReference: reference,
                    message: "mandatory element \(rule.tag)\(element < 10 ? "0" : "")\(element) is missing"
                )
            )
        }
        for (element, reference) in rule.dates.sorted(by: { $0.key < $1.key })
        where !header.isEmpty(element) && X12Date.isoDate(header[element]) == nil {
            issues.append(
                X12Issue(
                    level: .element,
                    code: "8",
                    segmentTag: rule.tag,
                    segmentPosition: position,
                    elementPosition: element,
                    elementReference: reference,
                    badData: header[element],
                    message: "\"\(header[element])\" is not a CCYYMMDD date"
                )
            )
        }
        return issues
    }

    private func isDigits(_ text: String, length: ClosedRange<Int>) -> Bool {
        length.contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private func isSegmentID(_ tag: String) -> Bool {
        (2...3).contains(tag.utf8.count)
            && tag.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
            && tag.utf8.first.map { $0 >= 0x41 } == true
    }
}

/// The outcome of validating an interchange.
public struct X12ValidationReport: Sendable, Hashable {
    /// ISA/IEA problems.
    public var interchangeIssues: [X12Issue]
    /// One result per functional group, in document order.
    public var groups: [X12GroupResult]

    /// Creates a report.
    public init(interchangeIssues: [X12Issue], groups: [X12GroupResult]) {
        self.interchangeIssues = interchangeIssues
        self.groups = groups
    }

    /// Every issue at every level.
    public var allIssues: [X12Issue] {
        interchangeIssues + groups.flatMap { $0.issues + $0.transactions.flatMap(\.issues) }
    }
}

/// The outcome of validating one functional group.
public struct X12GroupResult: Sendable, Hashable {
    /// GS01.
    public var functionalIdentifier: String
    /// GS06.
    public var controlNumber: String
    /// GS08.
    public var version: String
    /// GS/GE problems (AK905 codes).
    public var issues: [X12Issue]
    /// One result per transaction, in document order.
    public var transactions: [X12TransactionResult]

    /// Creates a group result.
    public init(
        functionalIdentifier: String,
        controlNumber: String,
        version: String,
        issues: [X12Issue],
        transactions: [X12TransactionResult]
    ) {
        self.functionalIdentifier = functionalIdentifier
        self.controlNumber = controlNumber
        self.version = version
        self.issues = issues
        self.transactions = transactions
    }

    /// Transactions that are not rejected.
    public var acceptedCount: Int { transactions.count { $0.status != .rejected } }

    /// AK901: R when the group itself is in error or every transaction is rejected, P when some are, E when
    /// some were accepted with errors, else A.
    public var status: X12AckStatus {
        if !issues.isEmpty || (acceptedCount == 0 && !transactions.isEmpty) { return .rejected }
        if acceptedCount < transactions.count { return .partiallyAccepted }
        if transactions.contains(where: { $0.status == .acceptedWithErrors }) { return .acceptedWithErrors }
        return .accepted
    }
}

/// The outcome of validating one transaction set.
public struct X12TransactionResult: Sendable, Hashable {
    /// ST01.
    public var setIdentifier: String
    /// ST02.
    public var controlNumber: String
    /// ST03 (implementation convention reference, 005010 and later), or `""`.
    public var implementationReference: String
    /// The problems found; empty when the transaction is accepted.
    public var issues: [X12Issue]
    /// Codes of issues that only note errors without rejecting (reported with status E); empty by default.
    public var nonFatalCodes: Set<String>

    /// Creates a transaction result.
    public init(
        setIdentifier: String,
        controlNumber: String,
        implementationReference: String = "",
        issues: [X12Issue],
        nonFatalCodes: Set<String> = []
    ) {
        self.setIdentifier = setIdentifier
        self.controlNumber = controlNumber
        self.implementationReference = implementationReference
        self.issues = issues
        self.nonFatalCodes = nonFatalCodes
    }

    /// A when there are no issues, E when every transaction-level issue is non-fatal, else R.
    public var status: X12AckStatus {
        let transactionCodes = issues.filter { $0.level == .transaction }.map(\.code)
        if issues.isEmpty { return .accepted }
        if !transactionCodes.isEmpty && transactionCodes.allSatisfy(nonFatalCodes.contains) {
            return .acceptedWithErrors
        }
        return .rejected
    }
}
