import CCurl
import Dispatch
import Foundation

/// Hands finished MIME messages to a mail server over SMTP through libcurl (`smtp://`, STARTTLS, `smtps://`, AUTH).
///
/// Like ``CurlHTTPClient``, each delivery gets its own easy handle on a dispatch queue (curl_easy_perform blocks).
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration

    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    public init(configuration: SMTPConfiguration) {
        _ = Self.globalInit
        self.configuration = configuration
    }

    /// Sends `message` (a complete RFC 5322 message with CRLF line ends) from `sender` to `recipients` (bare
    /// addresses, used for `MAIL FROM` and `RCPT TO`). Returns when the server accepted it (250 after the data).
    public func send(from sender: String, to recipients: [String], message: [UInt8]) async throws(SMTPError) {
        let configuration = configuration
        let result: Result<Void, SMTPError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: Self.perform(configuration, from: sender, to: recipients, message: message)
                )
            }
        }
        try result.get()
    }

    static func perform(
        _ configuration: SMTPConfiguration,
        from sender: String,
        to recipients: [String],
        message: [UInt8]
    ) -> Result<Void, SMTPError> {
        guard let handle = curl_easy_init() else {
            return .failure(SMTPError(curlCode: -1, message: "cannot create a curl handle", url: configuration.url))
        }
        defer { curl_easy_cleanup(handle) }
        var recipientList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipientList) }
        for recipient in recipients {
            recipientList = curl_slist_append(recipientList, "<\(recipient)>")
        }
        let source = MessageSource(message)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        // libcurl copies string options, so temporary C strings suffice.
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            withExtendedLifetime(source) {
                kontor_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress)
                kontor_curl_setopt_pointer(handle, CURLOPT_URL, configuration.effectiveURL)
                kontor_curl_setopt_pointer(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
                kontor_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                kontor_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
                kontor_curl_setopt_long(
                    handle,
                    CURLOPT_TIMEOUT_MS,
                    Int(configuration.timeout.components.seconds * 1000)
                )
                kontor_curl_setopt_long(handle, CURLOPT_USE_SSL, configuration.useSSLLevel)
                if !configuration.verifyCertificate {
                    kontor_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
                    kontor_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
                }
                if let username = configuration.username {
                    kontor_curl_setopt_pointer(handle, CURLOPT_USERNAME, username)
                    kontor_curl_setopt_pointer(handle, CURLOPT_PASSWORD, configuration.password ?? "")
                }
                kontor_curl_setopt_pointer(handle, CURLOPT_MAIL_FROM, "<\(sender)>")
                kontor_curl_setopt_pointer(handle, CURLOPT_MAIL_RCPT, recipientList)
                kontor_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
                kontor_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(message.count))
                kontor_curl_setopt_callback(handle, CURLOPT_READFUNCTION, smtpRead)
                kontor_curl_setopt_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(source).toOpaque())
                return curl_easy_perform(handle)
            }
        }
        guard code == CURLE_OK else {
            let text = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var message = text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
            if let password = configuration.password, !password.isEmpty {
                message = message.replacingOccurrences(of: password, with: "<redacted>")
            }
            var reply = 0
            kontor_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
            return .failure(
                SMTPError(
                    curlCode: Int32(code.rawValue),
                    message: message,
                    url: configuration.url,
                    replyCode: reply > 0 ? reply : nil
                )
            )
        }
        return .success(())
    }
}

/// The message being uploaded; read only by the thread running its delivery.
private final class MessageSource {
    let data: [UInt8]
    var offset = 0

    init(_ data: [UInt8]) { self.data = data }
}

private let smtpRead: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer,
    size,
    count,
    context in
    guard let buffer, let context else { return 0 }
    let source = Unmanaged<MessageSource>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, source.data.count - source.offset)
    guard length > 0 else { return 0 }
    source.data.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(from: bytes.baseAddress! + source.offset, byteCount: length)
    }
    source.offset += length
    return length
}
