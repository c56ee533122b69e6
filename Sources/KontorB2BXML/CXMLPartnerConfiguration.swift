/// A cXML credential: an identity in a domain, e.g. `NetworkID` `AN01000000001` or `DUNS` `123456789`.
public struct CXMLCredential: Sendable, Hashable {
    /// The domain of ``identity``, e.g. `NetworkID`, `DUNS` or `NetworkId`.
    public var domain: String

    /// The identity within ``domain``.
    public var identity: String

    /// Creates a credential.
    public init(domain: String, identity: String) {
        self.domain = domain
        self.identity = identity
    }
}

/// `production` or `test`: cXML `Request/@deploymentMode`.
public enum CXMLDeploymentMode: String, Sendable, Hashable {
    /// Real documents.
    case production
    /// Test documents.
    case test
}

/// What the cXML envelope says about the two trading partners: the `Header` credentials and the `Request` mode.
///
/// `description` leaves out the shared secret, so the configuration can be logged.
public struct CXMLPartnerConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// `Header/From`: the sending organisation (Kontor's side, the supplier).
    public var from: CXMLCredential

    /// `Header/To`: the receiving organisation (the buyer).
    public var to: CXMLCredential

    /// `Header/Sender`: who transmits the document (the supplier itself or its network).
    public var sender: CXMLCredential

    /// `Header/Sender/Credential/SharedSecret`, agreed with the receiver; left out when `nil`.
    public var sharedSecret: String?

    /// `Header/Sender/UserAgent`.
    public var userAgent: String

    /// `Request/@deploymentMode`.
    public var deploymentMode: CXMLDeploymentMode

    /// The cXML version named in the DOCTYPE (`http://xml.cxml.org/schemas/cXML/<version>/Fulfill.dtd`).
    public var version: String

    /// The part after `@` in generated payload ids, e.g. the sender's host name.
    public var payloadIDDomain: String

    /// Creates a partner configuration.
    public init(
        from: CXMLCredential,
        to: CXMLCredential,
        sender: CXMLCredential,
        sharedSecret: String? = nil,
        userAgent: String = "Kontor",
        deploymentMode: CXMLDeploymentMode = .production,
        version: String = "1.2.050",
        payloadIDDomain: String = "kontor"
    ) {
        self.from = from
        self.to = to
        self.sender = sender
        self.sharedSecret = sharedSecret
        self.userAgent = userAgent
        self.deploymentMode = deploymentMode
        self.version = version
        self.payloadIDDomain = payloadIDDomain
    }

    /// The configuration without the shared secret.
    public var description: String {
        "cXML \(version) \(deploymentMode.rawValue) from \(from.domain):\(from.identity) to \(to.domain):\(to.identity)"
            + " sender \(sender.domain):\(sender.identity)" + (sharedSecret == nil ? "" : " (shared secret set)")
    }
}
