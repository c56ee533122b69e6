/// Why an interchange's sender or receiver does not fit a trading partner profile.
struct PartnerResolutionError: Error {
    var message: String
}

/// The envelope ids of one standard, for matching interchanges to ``TradingPartner`` profiles.
struct EnvelopeIdentity {
    /// `X12` or `EDIFACT`, for messages.
    var standard: String
    var partnerIDs: KeyPath<TradingPartner, [TradingPartner.Identifier]>
    var ourID: KeyPath<TradingPartner, TradingPartner.Identifier?>

    static var x12: EnvelopeIdentity { EnvelopeIdentity(standard: "X12", partnerIDs: \.x12, ourID: \.ourX12) }
    static var edifact: EnvelopeIdentity {
        EnvelopeIdentity(standard: "EDIFACT", partnerIDs: \.edifact, ourID: \.ourEdifact)
    }

    /// The partner that sent an interchange: `bound` when the transport is tied to one (its ids, when it lists any,
    /// must include the sender), else the profile listing the sender. When the profile names this system's own id,
    /// the interchange must be addressed to it.
    func resolve(
        sender: (qualifier: String?, id: String?),
        receiver: (qualifier: String?, id: String?),
        bound: TradingPartner?,
        in directory: TradingPartnerDirectory
    ) -> Result<TradingPartner, PartnerResolutionError> {
        let senderText = Self.text(sender)
        let partner: TradingPartner
        if let bound {
            let ids = bound[keyPath: partnerIDs]
            guard ids.isEmpty || ids.contains(where: { $0.matches(qualifier: sender.qualifier, id: sender.id) }) else {
                return .failure(
                    PartnerResolutionError(
                        message: "\(standard) sender \(senderText) is not trading partner '\(bound.name)' "
                            + "(its ids: \(ids.map(\.description).joined(separator: ", ")))"
                    )
                )
            }
            partner = bound
        } else {
            guard
                let found = directory.partners.first(where: {
                    $0[keyPath: partnerIDs].contains { $0.matches(qualifier: sender.qualifier, id: sender.id) }
                })
            else {
                return .failure(
                    PartnerResolutionError(
                        message: "unknown trading partner: no profile under connectors/partners/ lists \(standard) "
                            + "sender \(senderText)"
                    )
                )
            }
            partner = found
        }
        if let ours = partner[keyPath: ourID], !ours.matches(qualifier: receiver.qualifier, id: receiver.id) {
            return .failure(
                PartnerResolutionError(
                    message: "the interchange is addressed to \(Self.text(receiver)), not to this system (\(ours)) "
                        + "as trading partner '\(partner.name)' knows it"
                )
            )
        }
        return .success(partner)
    }

    private static func text(_ party: (qualifier: String?, id: String?)) -> String {
        let id = party.id ?? "(none)"
        guard let qualifier = party.qualifier, !qualifier.isEmpty else { return id }
        return "\(qualifier):\(id)"
    }
}
