import Testing
@testable import V6Lab

/// A generator that always returns the same word, so jitter is predictable.
private struct FixedGenerator: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
}

@Suite struct LabDelayQueueTests {
    let millisecond: UInt64 = 1_000_000

    @Test func aPacketIsHeldForTheDelayThenReleased() {
        var queue = LabDelayQueue(delayMilliseconds: 50)
        var generator = SystemRandomNumberGenerator()
        queue.enqueue([1, 2, 3], now: 1_000 * millisecond, using: &generator)
        #expect(queue.nextRelease == 1_050 * millisecond)
        #expect(queue.releaseDue(now: 1_049 * millisecond).isEmpty)
        #expect(queue.count == 1)
        #expect(queue.releaseDue(now: 1_050 * millisecond) == [[1, 2, 3]])
        #expect(queue.count == 0 && queue.nextRelease == nil)
    }

    @Test func packetsLeaveInArrivalOrderEvenWithJitter() {
        // The first packet draws the largest delay (+10 ms), the second the smallest (−10 ms): it must still wait.
        var queue = LabDelayQueue(delayMilliseconds: 20, jitterMilliseconds: 10)
        var high = FixedGenerator(value: .max)
        var low = FixedGenerator(value: 0)
        queue.enqueue([1], now: 0, using: &high)
        queue.enqueue([2], now: millisecond, using: &low)
        #expect(queue.releaseDue(now: 29 * millisecond).isEmpty)
        #expect(queue.releaseDue(now: 30 * millisecond) == [[1], [2]])
    }

    @Test func jitterStaysWithinItsBounds() {
        var queue = LabDelayQueue(delayMilliseconds: 100, jitterMilliseconds: 30)
        var generator = SystemRandomNumberGenerator()
        var delays: [UInt64] = []
        for index in 0..<200 {
            let now = UInt64(index) * 1_000 * millisecond  // far apart: order never raises a delay
            queue.enqueue([UInt8(index % 256)], now: now, using: &generator)
            let release = queue.nextRelease!
            delays.append(release - now)
            #expect(queue.releaseDue(now: release).count == 1)
        }
        #expect(delays.allSatisfy { (70 * millisecond...130 * millisecond).contains($0) })
        #expect(Set(delays).count > 1, "jitter varies the delay")
    }

    @Test func aFullQueueDropsAndCounts() {
        var queue = LabDelayQueue(delayMilliseconds: 10, capacity: 3)
        var generator = SystemRandomNumberGenerator()
        let accepted = (0..<5).map { queue.enqueue([UInt8($0)], now: 0, using: &generator) }
        #expect(accepted == [true, true, true, false, false])
        #expect(queue.dropped == 2)
        #expect(queue.releaseDue(now: 10 * millisecond) == [[0], [1], [2]])
        #expect(queue.enqueue([9], now: 20 * millisecond, using: &generator), "room again once released")
    }

    @Test func manyPacketsThroughKeepEveryOneOnce() {
        var queue = LabDelayQueue(delayMilliseconds: 1, capacity: 10_000)
        var generator = SystemRandomNumberGenerator()
        var released: [[UInt8]] = []
        for index in 0..<5_000 {
            let now = UInt64(index) * millisecond / 4
            queue.enqueue([UInt8(index & 0xff), UInt8(index >> 8)], now: now, using: &generator)
            released += queue.releaseDue(now: now)
        }
        released += queue.releaseDue(now: .max)
        #expect(released.count == 5_000)
        #expect(released.enumerated().allSatisfy { Int($1[0]) | Int($1[1]) << 8 == $0 })
    }
}
