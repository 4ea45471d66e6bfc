/// The HTTP/1.1 request the web checks send: a plain GET with the Host header, asking the server to close the
/// connection afterwards so the end of the body is never in doubt (RFC 9112).
public enum HTTPRequest {
    /// `GET path HTTP/1.1` with `Host`, `User-Agent`, `Accept` and `Connection: close`. `host` is the site's name
    /// (or an address: IPv6 literals get their brackets); `port` is added to Host when it is not 80.
    public static func get(host: String, port: Int = 80, path: String = "/") -> [UInt8] {
        var hostField = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        if port != 80 { hostField += ":\(port)" }
        let text = "GET \(path) HTTP/1.1\r\nHost: \(hostField)\r\nUser-Agent: v6ready/1 (IPv6 readiness check)\r\n"
            + "Accept: */*\r\nConnection: close\r\n\r\n"
        return Array(text.utf8)
    }
}

/// A response as the checks need it: status, headers, body (cut at the reader's limit).
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var reason: String
    /// Header fields in order, names as sent.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The body was longer than the reader keeps; only its beginning is in `body`.
    public var bodyTruncated: Bool

    public init(status: Int, reason: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
                bodyTruncated: Bool = false) {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
        self.bodyTruncated = bodyTruncated
    }

    /// The first field named `name`, compared without case.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.body == rhs.body
            && lhs.bodyTruncated == rhs.bodyTruncated && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// Why bytes from a web server are not an HTTP/1.x response this reader accepts.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads an HTTP/1.x response from a byte stream in pieces of any size, with bounded memory: headers up to
/// `maximumHeaderBytes`, the body up to `maximumBodyBytes` (the rest is not needed to compare pages, so the reader
/// stops there and says the body was cut). Bodies framed by Content-Length, chunked transfer coding, or the end of the
/// connection; 1xx interim responses are skipped; a response to which no body belongs (204, 304) ends at its headers.
public struct HTTPResponseReader: Sendable {
    public let maximumHeaderBytes: Int
    public let maximumBodyBytes: Int

    private enum Framing: Sendable {
        case length(Int)
        case chunked
        case untilClose
    }

    private enum ChunkState: Sendable {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers
    }

    private var buffer: [UInt8] = []
    private var head: (status: Int, reason: String, headers: [(name: String, value: String)])?
    private var framing: Framing = .untilClose
    private var chunkState: ChunkState = .size
    private var body: [UInt8] = []
    private var truncated = false
    private var done = false

    public init(maximumHeaderBytes: Int = 65_536, maximumBodyBytes: Int = 1_048_576) {
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumBodyBytes = maximumBodyBytes
    }

    /// The response once it is complete (or once the kept part of the body is full); nil while more is needed.
    public var response: HTTPResponse? {
        guard done, let head else { return nil }
        return HTTPResponse(status: head.status, reason: head.reason, headers: head.headers, body: body,
                            bodyTruncated: truncated)
    }

    /// Feeds the next bytes; throws as soon as they cannot be part of a valid response.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(HTTPParseError) {
        guard !done else { return }
        buffer.append(contentsOf: bytes)
        try process()
    }

    /// The peer closed the connection: the response, complete or framed by the close, or why it is incomplete.
    public mutating func finish() throws(HTTPParseError) -> HTTPResponse {
        if let response { return response }
        guard head != nil else {
            throw HTTPParseError(buffer.isEmpty ? "the server closed the connection without a response"
                                 : "the server closed the connection in the middle of the response headers")
        }
        switch framing {
        case .untilClose:
            done = true
            return response!
        case .length(let remaining):
            throw HTTPParseError("the server closed the connection \(remaining) bytes before the end of the body")
        case .chunked:
            throw HTTPParseError("the server closed the connection before the last chunk of the body")
        }
    }

    private mutating func process() throws(HTTPParseError) {
        while !done {
            if head == nil {
                guard let end = Self.find([13, 10, 13, 10], in: buffer) else {
                    if buffer.count > maximumHeaderBytes {
                        throw HTTPParseError("response headers are longer than \(maximumHeaderBytes) bytes")
                    }
                    return
                }
                guard end + 4 <= maximumHeaderBytes else {
                    throw HTTPParseError("response headers are longer than \(maximumHeaderBytes) bytes")
                }
                let parsed = try Self.parseHead(Array(buffer[..<end]))
                buffer.removeFirst(end + 4)
                if (100...199).contains(parsed.status) { continue }  // 100 Continue and friends: the real one follows
                head = parsed
                framing = try Self.framing(of: parsed)
                if case .length(0) = framing { done = true }
                continue
            }
            switch framing {
            case .untilClose:
                keep(buffer[...])
                buffer.removeAll()
                return
            case .length(let remaining):
                let take = min(remaining, buffer.count)
                keep(buffer[..<take])
                buffer.removeFirst(take)
                framing = .length(remaining - take)
                if remaining - take == 0 { done = true }
                return
            case .chunked:
                guard try processChunks() else { return }
            }
        }
    }

    /// Advances through chunked data; false when more bytes are needed.
    private mutating func processChunks() throws(HTTPParseError) -> Bool {
        while true {
            switch chunkState {
            case .size:
                guard let end = Self.find([13, 10], in: buffer) else {
                    if buffer.count > 1024 { throw HTTPParseError("chunk size line longer than 1024 bytes") }
                    return false
                }
                let line = buffer[..<end].prefix { $0 != UInt8(ascii: ";") }
                let digits = String(decoding: line, as: UTF8.self).trimmingSpaces()
                // Hex digits only: Int(_:radix:) would also take a sign, and "-1" is not a chunk size.
                guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy(\.isHexDigit),
                      let size = Int(digits, radix: 16) else {
                    throw HTTPParseError("bad chunk size \(String(reflecting: digits))")
                }
                buffer.removeFirst(end + 2)
                chunkState = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                guard !buffer.isEmpty else { return false }
                let take = min(remaining, buffer.count)
                keep(buffer[..<take])
                buffer.removeFirst(take)
                chunkState = remaining - take == 0 ? .dataEnd : .data(remaining: remaining - take)
                if done { return true }
            case .dataEnd:
                guard buffer.count >= 2 else { return false }
                guard buffer[0] == 13, buffer[1] == 10 else { throw HTTPParseError("chunk data not followed by CRLF") }
                buffer.removeFirst(2)
                chunkState = .size
            case .trailers:
                guard let end = Self.find([13, 10], in: buffer) else {
                    if buffer.count > maximumHeaderBytes { throw HTTPParseError("trailer section too long") }
                    return false
                }
                buffer.removeFirst(end + 2)
                if end == 0 {
                    done = true
                    return true
                }
            }
        }
    }

    /// Keeps body bytes up to the limit; reaching it ends the reading (the rest is not needed).
    private mutating func keep(_ bytes: ArraySlice<UInt8>) {
        let room = maximumBodyBytes - body.count
        if bytes.count > room {
            body.append(contentsOf: bytes.prefix(room))
            truncated = true
            done = true
        } else {
            body.append(contentsOf: bytes)
        }
    }

    private static func parseHead(_ bytes: [UInt8]) throws(HTTPParseError) -> (status: Int, reason: String, headers: [(name: String, value: String)]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3,
              let status = Int(parts[1]), (100...999).contains(status) else {
            throw HTTPParseError("not an HTTP/1.x status line: \(String(reflecting: String(statusLine.prefix(80))))")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw HTTPParseError("malformed header line: \(String(reflecting: String(line.prefix(80))))")
            }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces()))
        }
        return (status, parts.count > 2 ? String(parts[2]) : "", headers)
    }

    private static func framing(of head: (status: Int, reason: String, headers: [(name: String, value: String)]))
        throws(HTTPParseError) -> Framing
    {
        if head.status == 204 || head.status == 304 { return .length(0) }
        let fields = head.headers
        if let coding = fields.last(where: { $0.name.lowercased() == "transfer-encoding" })?.value.lowercased() {
            if coding.split(separator: ",").last.map({ String($0).trimmingSpaces() }) == "chunked" {
                return .chunked
            }
            return .untilClose
        }
        let lengths = Set(fields.filter { $0.name.lowercased() == "content-length" }.map(\.value))
        guard let length = lengths.first else { return .untilClose }
        guard lengths.count == 1, let value = Int(length), value >= 0 else {
            throw HTTPParseError("bad Content-Length \(lengths.sorted().joined(separator: ", "))")
        }
        return .length(value)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count)
        where haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index
        }
        return nil
    }
}
