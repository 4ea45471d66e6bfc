import CV6System
import Glibc

/// Preallocated buffers for moving many datagrams with one system call (`sendmmsg(2)`, `recvmmsg(2)`).
///
/// A probe engine keeps one batch per socket and reuses it: fill it with `append`, hand it to
/// `Socket.send(_:startingAt:)`, `removeAll()`, repeat; or pass it to `Socket.receive(into:)` and read
/// `message(at:)` and `payload(at:)`. Nothing is allocated per datagram. Not thread-safe: one owner at a time.
public final class DatagramBatch {
    /// How many datagrams fit.
    public let capacity: Int
    /// The largest datagram one slot holds.
    public let slotSize: Int
    /// Datagrams appended (sending) or received (after `Socket.receive(into:)`).
    public internal(set) var count = 0
    /// Whether the slots hold received datagrams (lengths in `msg_len`) rather than ones to send.
    private var holdsReceived = false

    let headers: UnsafeMutablePointer<cv6_mmsghdr>
    private let vectors: UnsafeMutablePointer<iovec>
    private let addresses: UnsafeMutablePointer<sockaddr_storage>
    private let payloads: UnsafeMutableRawPointer
    private let controls: UnsafeMutableRawPointer
    private static let controlSize = ReceivedMessage.controlCapacity

    /// Allocates room for `capacity` datagrams of up to `slotSize` bytes each.
    public init(capacity: Int, slotSize: Int) {
        precondition(capacity > 0 && slotSize > 0, "DatagramBatch: capacity and slot size must be positive")
        self.capacity = capacity
        self.slotSize = slotSize
        headers = .allocate(capacity: capacity)
        headers.initialize(repeating: cv6_mmsghdr(), count: capacity)
        vectors = .allocate(capacity: capacity)
        vectors.initialize(repeating: iovec(), count: capacity)
        addresses = .allocate(capacity: capacity)
        addresses.initialize(repeating: sockaddr_storage(), count: capacity)
        payloads = .allocate(byteCount: capacity * slotSize, alignment: 16)
        controls = .allocate(byteCount: capacity * Self.controlSize, alignment: 16)
        for index in 0..<capacity {
            vectors[index].iov_base = payloads + index * slotSize
            headers[index].msg_hdr.msg_iov = vectors + index
            headers[index].msg_hdr.msg_iovlen = 1
            headers[index].msg_hdr.msg_name = UnsafeMutableRawPointer(addresses + index)
        }
    }

    deinit {
        headers.deallocate()
        vectors.deallocate()
        addresses.deallocate()
        payloads.deallocate()
        controls.deallocate()
    }

    /// Whether no more datagrams fit.
    public var isFull: Bool {
        count == capacity
    }

    /// Empties the batch for the next round of `append`.
    public func removeAll() {
        count = 0
        holdsReceived = false
    }

    /// Adds a datagram for `destination`; `fill` writes the payload into the slot (of `slotSize` bytes) and
    /// returns its length. Returns false, without calling `fill`, when the batch is full.
    @discardableResult
    public func append(to destination: SocketAddress, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> Bool {
        precondition(!holdsReceived, "DatagramBatch.append: call removeAll() before reusing a received batch")
        guard count < capacity else { return false }
        let index = count
        let length = fill(UnsafeMutableRawBufferPointer(start: payloads + index * slotSize, count: slotSize))
        precondition(length >= 0 && length <= slotSize, "DatagramBatch.append: length \(length) outside the slot")
        vectors[index].iov_len = length
        headers[index].msg_hdr.msg_namelen = destination.copy(into: addresses + index)
        headers[index].msg_hdr.msg_control = nil
        headers[index].msg_hdr.msg_controllen = 0
        headers[index].msg_hdr.msg_flags = 0
        count += 1
        return true
    }

    /// Adds a copy of `bytes` for `destination`; false when the batch is full.
    @discardableResult
    public func append(_ bytes: [UInt8], to destination: SocketAddress) -> Bool {
        precondition(bytes.count <= slotSize, "DatagramBatch.append: \(bytes.count) bytes exceed the slot")
        return append(to: destination) { slot in
            bytes.withUnsafeBytes { slot.copyMemory(from: $0) }
            return bytes.count
        }
    }

    /// The destination of datagram `index` (for sending).
    public func destination(at index: Int) -> SocketAddress? {
        precondition(index >= 0 && index < count, "DatagramBatch: index \(index) out of range")
        return SocketAddress(UnsafeRawPointer(addresses + index), length: headers[index].msg_hdr.msg_namelen)
    }

    /// The received datagram `index`: length, sender, kernel timestamp, hop limit.
    public func message(at index: Int) -> ReceivedMessage {
        precondition(index >= 0 && index < count, "DatagramBatch: index \(index) out of range")
        return withUnsafeMutablePointer(to: &headers[index].msg_hdr) { header in
            ReceivedMessage(header: header, count: Int(headers[index].msg_len))
        }
    }

    /// The bytes of datagram `index`: what was appended, or what was received. Valid until the batch is
    /// reused.
    public func payload(at index: Int) -> UnsafeRawBufferPointer {
        precondition(index >= 0 && index < count, "DatagramBatch: index \(index) out of range")
        let length = holdsReceived ? min(Int(headers[index].msg_len), slotSize) : vectors[index].iov_len
        return UnsafeRawBufferPointer(start: payloads + index * slotSize, count: length)
    }

    /// Resets every slot to full size, with room for a sender and control messages, before `recvmmsg`.
    func prepareForReceiving() {
        count = 0
        holdsReceived = true
        for index in 0..<capacity {
            vectors[index].iov_len = slotSize
            headers[index].msg_len = 0
            headers[index].msg_hdr.msg_namelen = socklen_t(MemoryLayout<sockaddr_storage>.size)
            headers[index].msg_hdr.msg_control = controls + index * Self.controlSize
            headers[index].msg_hdr.msg_controllen = Self.controlSize
            headers[index].msg_hdr.msg_flags = 0
        }
    }

    /// "[::1]:53" for datagram `index`, for error messages.
    func describeDestination(_ index: Int) -> String {
        destination(at: index).map(\.description) ?? "?"
    }
}
