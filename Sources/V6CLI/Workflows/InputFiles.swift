import V6Core
import V6System

/// Input files the user named: files as given, and the matching files of folders (in name order), each with the
/// name messages use for it. Every unreadable one is reported at once.
enum InputFiles {
    static func read(_ paths: [String], extensions: [String], console: Console) throws(CLIError) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        var problems: [Diagnostic] = []
        for path in paths {
            let absolute = console.resolve(path)
            if FileSystem.isDirectory(absolute) {
                let names = ((try? FileSystem.listDirectory(absolute)) ?? []).filter { name in
                    !name.hasPrefix(".") && extensions.contains { name.lowercased().hasSuffix($0) }
                }.sorted()
                if names.isEmpty { problems.append(Diagnostic(file: path, message: "holds no \(extensions.joined(separator: " or ")) file")) }
                for name in names {
                    let shown = (path.hasSuffix("/") ? path : path + "/") + name
                    do { result.append((shown, try BoundedFileReader.read(absolute + "/" + name))) } catch {
                        problems.append(Diagnostic(file: shown, message: "cannot read: \(error)"))
                    }
                }
            } else {
                do { result.append((path, try BoundedFileReader.read(absolute))) } catch {
                    problems.append(Diagnostic(file: path, message: "cannot read: \(error)"))
                }
            }
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return result
    }
}
