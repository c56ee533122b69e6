/// A local time of day `HH:MM`, as a service's pickup cut-off is written.
struct CutoffTime: Sendable, Hashable {
    /// Minutes after midnight.
    let minutes: Int

    /// Parses `HH:MM` (00:00 to 23:59); `nil` for anything else.
    init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let hours = Int(parts[0]),
            let minutes = Int(parts[1]), (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        self.minutes = hours * 60 + minutes
    }
}
