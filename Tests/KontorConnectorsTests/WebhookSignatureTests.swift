import Foundation
import KontorConnectors
import Testing

@Suite("Webhook signatures")
struct WebhookSignatureTests {
    // Digests computed independently with Python's hmac module for secret "hush" and this body.
    let body = Array("{\"id\":820982911946154508,\"name\":\"#9999\"}".utf8)

    func signature(
        _ algorithm: ConnectorInstance.Signature.Algorithm = .hmacSHA256,
        _ encoding: ConnectorInstance.Signature.Encoding = .base64,
        prefix: String = ""
    ) -> WebhookSignature {
        WebhookSignature(
            configuration: ConnectorInstance.Signature(
                header: "X-Sig",
                algorithm: algorithm,
                encoding: encoding,
                prefix: prefix,
                secretEnvironmentVariable: "S"
            ),
            secret: "hush"
        )
    }

    @Test("Shopify/WooCommerce style: base64 HMAC-SHA256")
    func base64SHA256() {
        let check = signature()
        #expect(check.verify(body: body, headerValue: "YBwnJ9vsibq7srObgXybmGHWuwos+jDEL//7749XS78=") == .valid)
        #expect(check.sign(body) == "YBwnJ9vsibq7srObgXybmGHWuwos+jDEL//7749XS78=")
        #expect(check.verify(body: body + [0x20], headerValue: check.sign(body)) == .mismatch)
        #expect(check.verify(body: body, headerValue: nil) == .missing)
        #expect(check.verify(body: body, headerValue: "  ") == .missing)
        #expect(check.verify(body: body, headerValue: "not base64!") == .malformed)
    }

    @Test("Hex with a prefix, and HMAC-SHA512")
    func hexAndSHA512() {
        let hex = signature(.hmacSHA256, .hex, prefix: "sha256=")
        let expected = "sha256=601c2727dbec89babbb2b39b817c9b9861d6bb0a2cfa30c42ffffbef8f574bbf"
        #expect(hex.verify(body: body, headerValue: expected) == .valid)
        #expect(
            hex.verify(
                body: body,
                headerValue: expected.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")
            ) == .valid
        )
        #expect(
            hex.verify(body: body, headerValue: "601c2727dbec89babbb2b39b817c9b9861d6bb0a2cfa30c42ffffbef8f574bbf")
                == .malformed
        )
        #expect(hex.verify(body: body, headerValue: "sha256=601c") == .mismatch)
        #expect(hex.verify(body: body, headerValue: "sha256=zz") == .malformed)
        let sha512 = signature(.hmacSHA512)
        #expect(
            sha512.verify(
                body: body,
                headerValue: "mowqOuB4v0ITrlm99ap28zZZZbyxzrPZADlyrFPRxKt5kl5IVjN/8sigAEP0DOP2tLk+I8yyay+HHbcXSPdSpw=="
            ) == .valid
        )
    }
}
