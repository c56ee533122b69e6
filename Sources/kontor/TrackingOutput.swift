import Foundation
import KontorMapping
import KontorModel

/// Prints the tracking events of a carrier document as a pretty JSON array; on failure `error: …` and exit 1.
func printTrackingEvents(_ input: [UInt8], mapping: Mapping) {
    let events: [TrackingEvent]
    do {
        events = try mapping.translateTracking(input)
    } catch {
        fail("\(error)")
    }
    guard let output = try? CanonicalJSON.encode(events, prettyPrinted: true) else { fail("cannot encode the events") }
    FileHandle.standardOutput.write(output + Data("\n".utf8))
}
