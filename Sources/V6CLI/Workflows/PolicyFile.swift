import V6Core
import V6System

/// `--policy FILE`, checked against the inventory and the program it names agencies, sites and categories of.
enum PolicyFile {
    /// The policy file named, or the program's own targets.
    static func load(_ path: String?, inventory: Inventory, program: Program, console: Console) throws(CLIError) -> Policy {
        guard let path else { return Policy.programTargets }
        let bytes: [UInt8]
        do { bytes = try BoundedFileReader.read(console.resolve(path)) } catch {
            throw .invalid([Diagnostic(file: path, message: "cannot read the policy file: \(error)")])
        }
        let context = PolicyCodec.Context(agencies: Set(inventory.agencies.map(\.id)), sites: Set(inventory.sites.map(\.id)),
                                          categories: Set(program.categories.map(\.id)))
        switch PolicyCodec.load(bytes, file: path, context: context) {
        case let .success(policy): return policy
        case let .failure(failure): throw .invalid(failure.diagnostics)
        }
    }
}
