/// An option that takes a value: `--timeout MS`. The property's type says how it is parsed and whether it may be
/// repeated: `T` with a default, `T?` (absent: nil), or `[T]` (repeatable, every occurrence in order).
///
///     @Option("--timeout", value: "MS", range: 1...60_000, help: "Wait this long for an answer (default 500).")
///     var timeout: Int = 500
@propertyWrapper
public struct Option<Value>: ArgumentDeclaration {
    let spec: OptionSpec
    let storage: ArgumentStorage<Value>

    public var wrappedValue: Value {
        get { storage.value }
        nonmutating set { storage.value = newValue }
    }

    /// `$timeout.isGiven`: whether the command line named it.
    public var projectedValue: Option<Value> { self }
    public var isGiven: Bool { storage.isGiven }
    public var name: String { spec.name }

    var declarations: [DeclaredArgument] { [DeclaredArgument(kind: .option(spec), sink: storage)] }

    private init(spec: OptionSpec, initial: Value, convert: @escaping ([String]) throws(ArgumentError) -> Value) {
        self.spec = spec
        storage = ArgumentStorage(initial, convert: convert)
    }

    public init(wrappedValue: Value, _ name: String, short: String? = nil, value valueName: String, help: String)
    where Value: ArgumentValue {
        self.init(spec: OptionSpec(name, short: short, value: valueName, help), initial: wrappedValue) { (texts) throws(ArgumentError) in
            try Value.parseArgument(texts[texts.count - 1], option: name)
        }
    }

    public init<T: ArgumentValue>(_ name: String, short: String? = nil, value valueName: String, help: String) where Value == T? {
        self.init(spec: OptionSpec(name, short: short, value: valueName, help), initial: nil) { (texts) throws(ArgumentError) in
            try T.parseArgument(texts[texts.count - 1], option: name)
        }
    }

    public init<T: ArgumentValue>(_ name: String, short: String? = nil, value valueName: String, repeatableHelp help: String)
    where Value == [T] {
        self.init(spec: OptionSpec(name, short: short, value: valueName, repeatable: true, help), initial: []) { (texts) throws(ArgumentError) in
            var values: [T] = []
            for text in texts { values.append(try T.parseArgument(text, option: name)) }
            return values
        }
    }

    public init(wrappedValue: Int, _ name: String, value valueName: String, range: ClosedRange<Int>, help: String) where Value == Int {
        self.init(spec: OptionSpec(name, value: valueName, help), initial: wrappedValue) { (texts) throws(ArgumentError) in
            try Int.parseArgument(texts[texts.count - 1], option: name, in: range)
        }
    }

    public init(_ name: String, value valueName: String, range: ClosedRange<Int>, help: String) where Value == Int? {
        self.init(spec: OptionSpec(name, value: valueName, help), initial: nil) { (texts) throws(ArgumentError) in
            try Int.parseArgument(texts[texts.count - 1], option: name, in: range)
        }
    }
}

/// An option without a value: present or not.
@propertyWrapper
public struct Flag: ArgumentDeclaration {
    let spec: OptionSpec
    let storage: ArgumentStorage<Bool>

    public var wrappedValue: Bool {
        get { storage.value }
        nonmutating set { storage.value = newValue }
    }

    public var projectedValue: Flag { self }
    public var name: String { spec.name }

    var declarations: [DeclaredArgument] { [DeclaredArgument(kind: .option(spec), sink: storage)] }

    public init(_ name: String, short: String? = nil, help: String) {
        self.init(OptionSpec(name, short: short, help))
    }

    /// A flag whose declaration several commands share (`.json`).
    public init(_ spec: OptionSpec) {
        self.spec = spec
        storage = ArgumentStorage(false) { _ in true }
    }
}

extension OptionSpec {
    /// The machine-readable output switch every command with a result has.
    public static let json = OptionSpec("--json", "Print machine-readable JSON on stdout instead of text.")
}

/// Positional arguments: one required (`String`), one optional (`String?`) or the rest (`[String]`).
@propertyWrapper
public struct Argument<Value>: ArgumentDeclaration {
    let spec: PositionalSpec
    let storage: ArgumentStorage<Value>

    public var wrappedValue: Value {
        get { storage.value }
        nonmutating set { storage.value = newValue }
    }

    var declarations: [DeclaredArgument] { [DeclaredArgument(kind: .positional(spec), sink: storage)] }

    public init(_ name: String, help: String) where Value == String {
        spec = PositionalSpec(name, help)
        storage = ArgumentStorage("") { texts in texts[0] }
    }

    public init(_ name: String, help: String) where Value == String? {
        spec = PositionalSpec(name, optional: true, help)
        storage = ArgumentStorage(nil) { texts in texts.first }
    }

    /// The rest of the words; `optional: false` needs at least one.
    public init(_ name: String, optional: Bool = false, help: String) where Value == [String] {
        spec = PositionalSpec(name, optional: optional, repeating: true, help)
        storage = ArgumentStorage([]) { texts in texts }
    }
}

/// Options several commands share, declared once in a `ParsableArguments` type and embedded where needed.
@propertyWrapper
public struct OptionGroup<Group: ParsableArguments>: ArgumentDeclaration {
    public var wrappedValue: Group

    public init() { wrappedValue = Group() }

    var declarations: [DeclaredArgument] { Declarations.collect(from: wrappedValue) }

    func validateGroup() throws(CLIError) {
        try Declarations.validateGroups(of: wrappedValue)
        // The group's values live in shared storage, so validating a copy checks (and may set) the real ones.
        var copy = wrappedValue
        try copy.validate()
    }
}
