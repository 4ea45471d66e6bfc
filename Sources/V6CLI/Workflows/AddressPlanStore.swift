import V6Core
import V6System

/// The address plan's memory, `addrplan.json` in the inventory folder: blocks handed out by earlier runs, kept so
/// that a prefix once given to an agency stays its own.
struct AddressPlanStore {
    let inventory: InventoryStore

    var path: String { inventory.directory + "/" + AddressPlanState.fileName }
    var shown: String { inventory.display + AddressPlanState.fileName }

    /// The recorded state, nil when there is none yet; problems in it are input errors.
    func read() throws(CLIError) -> AddressPlanState? {
        guard FileSystem.isRegularFile(path) else { return nil }
        let bytes: [UInt8]
        do { bytes = try FileSystem.readFile(path) } catch { throw .invalid([Diagnostic(file: shown, message: "cannot read: \(error)")]) }
        switch AddressPlanState.decode(bytes, file: shown) {
        case let .success(state): return state
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }

    /// Records the state when it changed.
    func write(_ state: AddressPlanState) throws(CLIError) {
        let text = state.encoded()
        guard (try? FileSystem.readFile(path)) != Array(text.utf8) else { return }
        try ReportWriter.requireSafeDirectory(FileSystem.directoryName(of: path), shown: FileSystem.directoryName(of: shown))
        do { try AtomicFile.write(text, to: path) } catch {
            throw .environment("cannot write \(shown): \(error)")
        }
    }

    /// The /64s the plan would give segments without IPv6, for `plan`'s actions; empty when there is no plan to
    /// make (no allocation, or a recorded state that does not fit).
    func suggestedPrefixes(for inventory: Inventory) -> [String: IPPrefix] {
        guard let root = inventory.manifest.ipv6Allocation else { return [:] }
        let state: AddressPlanState?
        do { state = try read() } catch { return [:] }
        return (try? AddressPlanner.plan(inventory, root: root, state: state))?.plannedSegmentPrefixes ?? [:]
    }
}
