import CCurl
import Dispatch
import Foundation

/// Outbound HTTP through libcurl. Each request gets its own easy handle, created, used and
/// cleaned up on a dispatch queue (curl_easy_perform blocks), never on Swift's cooperative pool.
public struct CurlHTTPClient: Sendable {
    private static let globalInit: Void = {
        curl_global_init(Int(CURL_GLOBAL_ALL))
    }()

    public init() {
        _ = Self.globalInit
    }

    public func execute(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        let result: Result<HTTPClientResponse, HTTPClientError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Self.perform(request))
            }
        }
        return try result.get()
    }

    /// Runs one request synchronously on the calling thread.
    static func perform(_ request: HTTPClientRequest) -> Result<HTTPClientResponse, HTTPClientError> {
        guard let handle = curl_easy_init() else {
            return .failure(HTTPClientError(code: -1, message: "cannot create a curl handle", url: request.url))
        }
        defer { curl_easy_cleanup(handle) }
        let sink = ResponseSink()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in request.headers {
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // Without this, libcurl sends "Expect: 100-continue" for larger bodies and waits.
        headerList = curl_slist_append(headerList, "Expect:")

        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        let code: CURLcode = request.url.withCString { url in
            errorBuffer.withUnsafeMutableBufferPointer { errors in
                withExtendedLifetime(sink) {
                    let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
                    kontor_curl_setopt_pointer(handle, CURLOPT_URL, url)
                    kontor_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errors.baseAddress)
                    kontor_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, headerList)
                    kontor_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
                    kontor_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(request.timeout.components.seconds * 1000))
                    kontor_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
                    kontor_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
                    kontor_curl_setopt_callback(handle, CURLOPT_WRITEFUNCTION, curlWrite)
                    kontor_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
                    kontor_curl_setopt_callback(handle, CURLOPT_HEADERFUNCTION, curlHeader)
                    kontor_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)
                    kontor_curl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, request.method)
                    if request.method == "HEAD" { kontor_curl_setopt_long(handle, CURLOPT_NOBODY, 1) }
                    if let body = request.body {
                        return body.withUnsafeBytes { bytes in
                            kontor_curl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
                            // COPYPOSTFIELDS: libcurl keeps its own copy of the body.
                            kontor_curl_setopt_pointer(
                                handle,
                                CURLOPT_COPYPOSTFIELDS,
                                bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)
                            )
                            return curl_easy_perform(handle)
                        }
                    }
                    return curl_easy_perform(handle)
                }
            }
        }
        guard code == CURLE_OK else {
            let text = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = text.isEmpty ? String(cString: curl_easy_strerror(code)) : text
            return .failure(HTTPClientError(code: Int32(code.rawValue), message: message, url: request.url))
        }
        var status = 0
        kontor_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPClientResponse(status: status, headers: sink.headers, body: sink.body))
    }
}

/// Collects one response; used only by the thread running its request.
private final class ResponseSink {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []

    func addHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers.removeAll()  // a new response (after 100 Continue or a redirect) starts over
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        headers.append((name, value))
    }
}

// libcurl's data callbacks: `size * count` bytes at `data` for the sink behind `context`.
private let curlWrite: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data,
    size,
    count,
    context in
    withChunk(data, size * count, context) { sink, bytes in sink.body.append(contentsOf: bytes) }
}

private let curlHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data,
    size,
    count,
    context in
    withChunk(data, size * count, context) { sink, bytes in sink.addHeaderLine(String(decoding: bytes, as: UTF8.self)) }
}

private func withChunk(
    _ data: UnsafeMutablePointer<CChar>?,
    _ length: Int,
    _ context: UnsafeMutableRawPointer?,
    _ body: (ResponseSink, UnsafeBufferPointer<UInt8>) -> Void
) -> Int {
    guard let data, let context else { return 0 }
    let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
    data.withMemoryRebound(to: UInt8.self, capacity: length) {
        body(sink, UnsafeBufferPointer(start: $0, count: length))
    }
    return length
}
