import V6Core
import V6Lab

/// `v6ready lab down`: remove a lab, or every leftover.
struct LabDownCommand: RunnableCommand {
    static let configuration = CommandConfiguration(["lab", "down"], abstract: "Remove a lab (by id), or every lab and leftover with --all.")

    @Flag("--all", help: "Remove every lab built by 'lab up' and any leftovers of crashed runs (labs of running processes are left alone).") var all: Bool
    @Argument("ID", help: "The six-hex-digit lab id that 'lab up' printed.") var id: String?

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        if all {
            var removed = 0
            // Labs of processes still running (a test, another demo) are theirs to remove.
            for registration in Lab.registered() where registration.persistent {
                guard let id = LabID(registration.layout.id) else { continue }
                do { try Lab.tearDown(id: id); removed += 1 } catch { console.error("v6ready: lab \(id): \(error)") }
            }
            let leftovers = (try? Lab.removeLeftovers()) ?? []
            console.out("Removed \(removed) lab\(removed == 1 ? "" : "s")\(leftovers.isEmpty ? "" : " and \(leftovers.count) leftover namespaces")")
            return .success
        }
        guard let text = id else { throw .argument("give the lab ID, or --all") }
        guard let labID = LabID(text) else { throw .argument("\(quotedArgument(text)) is not a lab id (six hex digits, see 'v6ready lab list')") }
        do { try Lab.tearDown(id: labID) } catch { throw .environment("cannot remove lab \(labID): \(error)") }
        console.out("Removed lab \(labID)")
        return .success
    }
}

extension LabDownCommand: RootThroughoutCommand {}
