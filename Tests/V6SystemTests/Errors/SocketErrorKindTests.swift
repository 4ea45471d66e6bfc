import Testing
import V6System

@Suite struct SocketErrorKindTests {
    @Test func eachErrnoMeansOneOutcomeForEveryProber() {
        #expect(Errno.connectionRefused.socketErrorKind == .refused)
        for errno in [Errno.hostUnreachable, .networkUnreachable, .permissionDenied, .notPermitted] {
            #expect(errno.socketErrorKind == .unreachable, "\(errno)")
        }
        #expect(Errno.timedOut.socketErrorKind == .timedOut)
        #expect(Errno.addressInUse.socketErrorKind == .addressInUse)
        for errno in [Errno.connectionReset, .noBufferSpace, .addressNotAvailable, .inProgress] {
            #expect(errno.socketErrorKind == .other, "\(errno)")
        }
    }
}
