import V6Core
import V6Lab

/// `v6ready lab list`: the labs on this machine and whose they are.
struct LabListCommand: RunnableCommand {
    static let configuration = CommandConfiguration(["lab", "list"], abstract: "List the labs on this machine.")

    @Flag(.json) var json: Bool

    func run(_ console: Console) throws(CLIError) -> ExitCode {
        let labs = Lab.registered()
        if json {
            console.out(JSONWriter.compact(.array(labs.map { .object([("id", .string($0.layout.id)), ("scanner_namespace", .string($0.layout.scannerNamespace)),
                                                                      ("persistent", .bool($0.persistent)), ("owner_alive", .bool($0.ownerIsAlive))]) })))
            return .success
        }
        var table = TextTable(["ID", "SCANNER NAMESPACE", "HOSTS", "KIND"])
        for lab in labs {
            table.add([lab.layout.id, lab.layout.scannerNamespace, String(lab.layout.hosts.count),
                       lab.persistent ? "lab up" : (lab.ownerIsAlive ? "test (running)" : "leftover")])
        }
        console.outRaw(table.render())
        return .success
    }
}

extension LabListCommand: RootThroughoutCommand {}
