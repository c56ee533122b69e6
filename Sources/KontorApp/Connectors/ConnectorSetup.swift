import Foundation
import KontorConnectors
import KontorHTTPClient
import KontorKafka
import KontorMapping
import KontorServer
import KontorStore
import Logging
import ServiceLifecycle

/// How one configured connector stands after startup, as `kontor run` reports it.
public struct ConnectorStatus: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var type: String
    /// `ready`, `disabled` or `unavailable`.
    public var state: String
    public var detail: String

    public var description: String { "\(name) (\(type)\(detail.isEmpty ? "" : ", \(detail)")): \(state)" }
}

/// Turns connector instance files into webhook endpoints and polling services, and trading partner profiles into
/// the B2B document reader every B2B transport (file drop, HTTP) shares.
struct ConnectorSetup {
    var endpoints: [WebhookEndpoint] = []
    var services: [any Service] = []
    var statuses: [ConnectorStatus] = []
    let inbound: B2BInbound

    init(
        instances: [ConnectorInstance],
        partners: TradingPartnerDirectory,
        catalog: MappingCatalog,
        producer: KafkaProducer,
        store: any ConnectorStateStore,
        progressStore: (any OrderProgressStore)?,
        stateDirectory: String,
        environment: [String: String],
        logger: Logger
    ) {
        let publisher = OrderPublisher(producer: producer, progressStore: progressStore, logger: logger)
        let quarantine = QuarantineWriter(producer: producer, logger: logger)
        // Partners' outbound folders, like file-drop folders, are relative to the state folder.
        let partners = TradingPartnerDirectory(
            partners.partners.map { partner in
                var partner = partner
                if let folder = partner.outboundDirectory, !folder.hasPrefix("/") {
                    partner.outboundDirectory = (stateDirectory as NSString).appendingPathComponent(folder)
                }
                return partner
            }
        )
        inbound = B2BInbound(
            processor: B2BDocumentProcessor(partners: partners, catalog: catalog, store: store),
            publisher: publisher,
            logger: logger
        )
        for instance in instances {
            var status = ConnectorStatus(name: instance.name, type: instance.type.rawValue, state: "ready", detail: "")
            defer {
                statuses.append(status)
                logger.info(
                    "connector \(status.state)",
                    metadata: ["kontor.connector": "\(instance.name)", "kontor.detail": "\(status.detail)"]
                )
            }
            if let path = instance.path { status.detail = "POST \(path)" }
            guard instance.enabled else {
                status.state = "disabled"
                continue
            }
            if instance.type == .sftp {
                let settings = instance.sftp!
                status.detail = "polls sftp://\(settings.host):\(settings.port)/\(settings.inbox)"
                if let partner = settings.partner, partners.partner(named: partner) == nil {
                    status.state = "unavailable"
                    status.detail += "; no trading partner profile '\(partner)' under connectors/partners/"
                    continue
                }
                switch settings.clientConfiguration(environment: environment) {
                case .success(let configuration):
                    services.append(
                        B2BMailboxPoller(
                            name: instance.name,
                            mailbox: SFTPMailbox(client: SFTPClient(configuration), settings: settings),
                            inbound: inbound,
                            partner: settings.partner,
                            pollInterval: settings.pollInterval,
                            logger: logger
                        )
                    )
                case .failure(let error):
                    status.state = "unavailable"
                    status.detail += "; \(error)"
                }
                continue
            }
            if instance.type == .fileDrop {
                let settings = instance.fileDrop!.resolvingPaths(against: stateDirectory)
                status.detail = "watches \(settings.inbox)"
                if let partner = settings.partner, partners.partner(named: partner) == nil {
                    status.state = "unavailable"
                    status.detail += "; no trading partner profile '\(partner)' under connectors/partners/"
                    continue
                }
                services.append(
                    B2BMailboxPoller(
                        name: instance.name,
                        mailbox: LocalFolderMailbox(settings: settings),
                        inbound: inbound,
                        partner: settings.partner,
                        pollInterval: settings.pollInterval,
                        logger: logger
                    )
                )
                continue
            }
            guard let mappingName = instance.mapping, let mapping = catalog.mapping(named: mappingName) else {
                status.state = "unavailable"
                status.detail +=
                    (status.detail.isEmpty ? "" : "; ") + "no mapping '\(instance.mapping ?? "")' under mappings/"
                if let path = instance.path {
                    endpoints.append(
                        .init(connector: instance.name, path: path, state: .unavailable(reason: status.detail))
                    )
                }
                continue
            }
            switch instance.type {
            case .webhook:
                let variable = instance.signature!.secretEnvironmentVariable
                guard let secret = environment[variable], !secret.isEmpty else {
                    status.state = "unavailable"
                    status.detail += "; secret $\(variable) is not set"
                    endpoints.append(
                        .init(
                            connector: instance.name,
                            path: instance.path!,
                            state: .unavailable(reason: "secret not configured")
                        )
                    )
                    continue
                }
                let receiver = WebhookReceiver(
                    instance: instance,
                    mapping: mapping,
                    secret: secret,
                    publisher: publisher,
                    quarantine: quarantine,
                    state: store,
                    logger: logger
                )
                endpoints.append(.init(connector: instance.name, path: instance.path!, state: .ready(receiver)))
            case .amazonSPAPI:
                let settings = instance.amazon!
                status.detail = "polls \(settings.endpoint) every \(settings.pollInterval)"
                let credentials: AmazonCredentials
                switch settings.credentials(from: environment) {
                case .success(let found):
                    credentials = found
                case .failure(let error):
                    status.state = "unavailable"
                    status.detail += "; \(error)"
                    continue
                }
                services.append(
                    AmazonOrdersPoller(
                        instance: instance,
                        mapping: mapping,
                        credentials: credentials,
                        publisher: publisher,
                        quarantine: quarantine,
                        state: store,
                        logger: logger
                    )
                )
            default:
                status.state = "unavailable"
            }
        }
    }
}
