import Foundation
import KontorConnectors
import KontorKafka
import KontorMapping
import KontorModel
import KontorWorkers
import Logging

/// Takes carrier tracking documents (`POST /v1/tracking/{format}`): checks the carrier's signature when a secret is
/// configured, translates the document with the `tracking-<format>` mapping and publishes each scan on
/// ``KontorTopics/shipmentTracking`` keyed by tracking number. Documents that cannot be translated are quarantined.
public struct TrackingIngest: Sendable {
    /// What became of a delivery.
    public enum Outcome: Sendable {
        /// Every scan is acknowledged by Kafka.
        case accepted([TrackingEventEnvelope])
        case unknownFormat([String])
        case unauthorized(String)
        case invalid(MappingError, quarantineID: String?)
        case unavailable(String)
    }

    let mappings: [String: Mapping]
    let secrets: [String: String]
    let producer: KafkaProducer
    let quarantine: QuarantineWriter

    /// - Parameters:
    ///   - catalog: the mappings; those with `target: tracking` are the formats, by ``Mapping/trackingFormat``.
    ///   - environment: where the secrets are read (``TrackingSignatures/environmentVariable(for:)``).
    public init(
        catalog: MappingCatalog,
        producer: KafkaProducer,
        quarantine: QuarantineWriter,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        var mappings: [String: Mapping] = [:]
        var secrets: [String: String] = [:]
        for mapping in catalog.mappings where mapping.target == .tracking {
            mappings[mapping.trackingFormat] = mapping
            let variable = TrackingSignatures.environmentVariable(for: mapping.trackingFormat)
            if let secret = environment[variable], !secret.isEmpty { secrets[mapping.trackingFormat] = secret }
        }
        self.mappings = mappings
        self.secrets = secrets
        self.producer = producer
        self.quarantine = quarantine
    }

    /// The formats taken, sorted.
    public var formats: [String] { mappings.keys.sorted() }

    /// Checks, translates and publishes one delivery; `header` reads a request header by name.
    public func receive(
        format: String,
        body: [UInt8],
        contentType: String?,
        header: (String) -> String?
    ) async -> Outcome {
        guard let mapping = mappings[format] else { return .unknownFormat(formats) }
        if let secret = secrets[format] {
            let scheme = TrackingSignatures.scheme(for: format)
            switch WebhookSignature(configuration: scheme, secret: secret).verify(
                body: body,
                headerValue: header(scheme.header)
            ) {
            case .valid: break
            case .missing: return .unauthorized("missing \(scheme.header) header")
            case .malformed: return .unauthorized("\(scheme.header) is not a valid signature")
            case .mismatch: return .unauthorized("\(scheme.header) does not match the body")
            }
        }
        let scans: [TrackingEvent]
        do {
            scans = try mapping.translateTracking(body)
        } catch {
            let id = await quarantine.keep(
                body,
                reason: error.description,
                field: error.field ?? error.canonicalField,
                source: "tracking/\(format)",
                contentType: contentType
            )
            return .invalid(error, quarantineID: id)
        }
        let events = scans.map(Self.envelope)
        var messages: [KafkaProducerMessage] = []
        for event in events {
            guard let message = try? EventMessage.make(event, topic: KontorTopics.shipmentTracking) else {
                return .unavailable("cannot encode the tracking event \(event.id)")
            }
            messages.append(message)
        }
        for result in await producer.send(messages) {
            if case .failure(let error) = result { return .unavailable("\(error)") }
        }
        return .accepted(events)
    }

    /// The scan's envelope. Its id derives from the scan itself, so a carrier's redelivery is the same event.
    static func envelope(_ scan: TrackingEvent) -> TrackingEventEnvelope {
        let name = [scan.format, scan.trackingNumber, scan.occurredAt.rfc3339String, scan.status.rawValue]
            .joined(separator: "/")
        let id = EventID.derived(from: EventID("kontor-tracking"), stage: name)
        return TrackingEventEnvelope(
            id: id,
            source: .ingest("tracking/\(scan.format)"),
            subject: scan.trackingNumber,
            time: scan.occurredAt,
            correlationID: CorrelationID(id),
            data: scan
        )
    }
}
