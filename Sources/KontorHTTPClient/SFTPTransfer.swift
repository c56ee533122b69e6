import CCurl
import Foundation

/// One libcurl SFTP request: an optional transfer (download, listing or upload) with remote commands before
/// (`quote`) and after (`postQuote`) it. With `commandsOnly` only the commands run.
struct SFTPTransfer {
    var urlPath: String
    var quote: [String] = []
    var postQuote: [String] = []
    var commandsOnly = false
    var upload: Data?
    var maxDownloadSize: Int?
    /// The command reported in a ``SFTPError/Kind/commandFailed`` error.
    var describedCommand: String?

    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    /// Runs the request synchronously on the calling thread, returning the downloaded bytes.
    func perform(_ configuration: SFTPConfiguration) -> Result<Data, SFTPError> {
        _ = Self.globalInit
        let url = configuration.baseURL + urlPath
        guard let handle = curl_easy_init() else {
            return .failure(SFTPError(kind: .other, message: "cannot create a curl handle", url: url))
        }
        defer { curl_easy_cleanup(handle) }
        var quoteList: UnsafeMutablePointer<curl_slist>?
        var postQuoteList: UnsafeMutablePointer<curl_slist>?
        defer {
            curl_slist_free_all(quoteList)
            curl_slist_free_all(postQuoteList)
        }
        for command in quote { quoteList = curl_slist_append(quoteList, command) }
        for command in postQuote { postQuoteList = curl_slist_append(postQuoteList, command) }

        let sink = SFTPDownloadSink(limit: maxDownloadSize)
        let source = SFTPUploadSource(upload ?? Data())
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        // libcurl copies string options, so temporary C strings suffice.
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errors in
            withExtendedLifetime((sink, source)) {
                kontor_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress)
                kontor_curl_setopt_pointer(handle, CURLOPT_URL, url)
                kontor_curl_setopt_pointer(handle, CURLOPT_PROTOCOLS_STR, "sftp")
                kontor_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                kontor_curl_setopt_long(
                    handle,
                    CURLOPT_CONNECTTIMEOUT_MS,
                    configuration.connectTimeout.milliseconds
                )
                kontor_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, configuration.operationTimeout.milliseconds)
                configuration.applyLogin(to: handle)
                if let quoteList { kontor_curl_setopt_pointer(handle, CURLOPT_QUOTE, quoteList) }
                if let postQuoteList { kontor_curl_setopt_pointer(handle, CURLOPT_POSTQUOTE, postQuoteList) }
                if commandsOnly { kontor_curl_setopt_long(handle, CURLOPT_NOBODY, 1) }
                if let maxDownloadSize {
                    // Refused before the transfer when the server reports the size; the sink checks as well.
                    kontor_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxDownloadSize))
                }
                kontor_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, sftpWrite)
                kontor_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
                if let upload {
                    kontor_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
                    kontor_curl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(upload.count))
                    kontor_curl_setopt_callback(handle, CURLOPT_READFUNCTION, sftpRead)
                    kontor_curl_setopt_pointer(
                        handle,
                        CURLOPT_READDATA,
                        Unmanaged.passUnretained(source).toOpaque()
                    )
                }
                return curl_easy_perform(handle)
            }
        }
        guard code == CURLE_OK else {
            let text = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var message = text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
            for secret in configuration.authentication.secrets where !secret.isEmpty {
                message = message.replacingOccurrences(of: secret, with: "<redacted>")
            }
            let kind: SFTPError.Kind = sink.exceeded ? .tooLarge : Self.kind(of: code, message: message)
            if sink.exceeded, let maxDownloadSize { message = "the download exceeds \(maxDownloadSize) bytes" }
            return .failure(
                SFTPError(
                    kind: kind,
                    curlCode: Int32(code.rawValue),
                    message: message,
                    url: url,
                    command: code == CURLE_QUOTE_ERROR ? describedCommand : nil
                )
            )
        }
        return .success(sink.data)
    }

    static func kind(of code: CURLcode, message: String) -> SFTPError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT: .connectionFailed
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_PEER_FAILED_VERIFICATION: .hostVerificationFailed
        case CURLE_LOGIN_DENIED: .authenticationFailed
        case CURLE_REMOTE_FILE_NOT_FOUND: .notFound
        case CURLE_REMOTE_ACCESS_DENIED: .permissionDenied
        case CURLE_FILESIZE_EXCEEDED: .tooLarge
        // libcurl words SFTP status codes in its message ("rm command failed: No such file or directory").
        case CURLE_QUOTE_ERROR where message.contains("No such file"): .notFound
        case CURLE_QUOTE_ERROR where message.contains("Permission denied"): .permissionDenied
        case CURLE_QUOTE_ERROR: .commandFailed
        default: .other
        }
    }
}

extension SFTPConfiguration {
    /// "sftp://host:port", IPv6 addresses in brackets; never with credentials.
    var baseURL: String {
        let host = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "sftp://\(host):\(port)"
    }

    /// User, credentials and host key checking; credentials go in options, never in the URL.
    fileprivate func applyLogin(to handle: UnsafeMutableRawPointer) {
        kontor_curl_setopt_pointer(handle, CURLOPT_USERNAME, user)
        switch authentication {
        case .privateKey(let path, let passphrase, let publicKeyPath):
            kontor_curl_setopt_long(handle, CURLOPT_SSH_AUTH_TYPES, Int(CURLSSH_AUTH_PUBLICKEY))
            kontor_curl_setopt_pointer(handle, CURLOPT_SSH_PRIVATE_KEYFILE, path)
            if let publicKeyPath { kontor_curl_setopt_pointer(handle, CURLOPT_SSH_PUBLIC_KEYFILE, publicKeyPath) }
            if let passphrase { kontor_curl_setopt_pointer(handle, CURLOPT_KEYPASSWD, passphrase) }
        case .password(let password):
            kontor_curl_setopt_long(handle, CURLOPT_SSH_AUTH_TYPES, Int(CURLSSH_AUTH_PASSWORD))
            kontor_curl_setopt_pointer(handle, CURLOPT_PASSWORD, password)
        }
        switch hostVerification {
        case .knownHosts(let path):
            kontor_curl_setopt_pointer(handle, CURLOPT_SSH_KNOWNHOSTS, path)
        case .sha256Fingerprint(let fingerprint):
            let bare = fingerprint.hasPrefix("SHA256:") ? String(fingerprint.dropFirst(7)) : fingerprint
            kontor_curl_setopt_pointer(handle, CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256, bare)
        case .insecureAcceptAnyHostKey:
            break  // libcurl checks nothing when neither option is set
        }
    }
}

extension Duration {
    fileprivate var milliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}

/// Collects a download up to a limit; used only by the thread running its request.
private final class SFTPDownloadSink {
    let limit: Int?
    var data = Data()
    var exceeded = false

    init(limit: Int?) { self.limit = limit }
}

/// Hands an upload to libcurl piece by piece; used only by the thread running its request.
private final class SFTPUploadSource {
    let data: Data
    var offset = 0

    init(_ data: Data) { self.data = data }
}

private let sftpWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data,
    size,
    count,
    context in
    guard let data, let context else { return 0 }
    let sink = Unmanaged<SFTPDownloadSink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    if let limit = sink.limit, sink.data.count + length > limit {
        sink.exceeded = true
        return 0  // makes libcurl stop with CURLE_WRITE_ERROR
    }
    sink.data.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private let sftpRead: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    buffer,
    size,
    count,
    context in
    guard let buffer, let context else { return 0 }
    let source = Unmanaged<SFTPUploadSource>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, source.data.count - source.offset)
    guard length > 0 else { return 0 }
    source.data.withUnsafeBytes { bytes in
        UnsafeMutableRawPointer(buffer).copyMemory(
            from: bytes.baseAddress! + source.offset,
            byteCount: length
        )
    }
    source.offset += length
    return length
}
