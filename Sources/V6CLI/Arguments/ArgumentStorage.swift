/// Where the parser puts what it found for one declaration, shared by every copy of the property wrapper that owns
/// it (a command is a value: the copy reflection sees and the copy that runs must agree).
final class ArgumentStorage<Value>: @unchecked Sendable {
    var value: Value
    /// Whether the command line gave it (a default is not "given").
    var isGiven = false
    /// Converts the texts the command line gave (one per occurrence) into the value.
    let convert: ([String]) throws(ArgumentError) -> Value

    init(_ initial: Value, convert: @escaping ([String]) throws(ArgumentError) -> Value) {
        value = initial
        self.convert = convert
    }
}

/// The type-erased side of a storage the parser talks to.
protocol ArgumentSink: AnyObject {
    func receive(_ texts: [String]) throws(ArgumentError)
    var isGiven: Bool { get }
}

extension ArgumentStorage: ArgumentSink {
    func receive(_ texts: [String]) throws(ArgumentError) {
        value = try convert(texts)
        isGiven = true
    }
}

/// One thing a command declares, with where its values go.
struct DeclaredArgument {
    enum Kind {
        case option(OptionSpec)
        case positional(PositionalSpec)
    }

    let kind: Kind
    let sink: any ArgumentSink

    var optionSpec: OptionSpec? { if case let .option(spec) = kind { return spec } else { return nil } }
    var positionalSpec: PositionalSpec? { if case let .positional(spec) = kind { return spec } else { return nil } }
}

/// A property wrapper the parser can see through reflection.
protocol ArgumentDeclaration {
    var declarations: [DeclaredArgument] { get }
    /// Option groups check their own values before the command's `validate()`.
    func validateGroup() throws(CLIError)
}

extension ArgumentDeclaration {
    func validateGroup() throws(CLIError) {}
}

/// Finds the declarations of a command or option group, in the order its properties are written.
enum Declarations {
    static func collect(from value: Any) -> [DeclaredArgument] {
        Mirror(reflecting: value).children.flatMap { child in
            (child.value as? any ArgumentDeclaration)?.declarations ?? []
        }
    }

    /// Runs every option group's `validate()`, depth first, before the command's own.
    static func validateGroups(of value: Any) throws(CLIError) {
        for child in Mirror(reflecting: value).children {
            try (child.value as? any ArgumentDeclaration)?.validateGroup()
        }
    }
}
