/// Options whose names come from data rather than from one property each — the CSV columns of a device or a
/// service, which `inventory add device` accepts one option per column. The value is every text given, by name.
@propertyWrapper
public struct OptionList: ArgumentDeclaration {
    let specs: [OptionSpec]
    let storage: [ArgumentStorage<[String]>]

    public var wrappedValue: [String: [String]] {
        var values: [String: [String]] = [:]
        for (spec, box) in zip(specs, storage) where box.isGiven { values[spec.name] = box.value }
        return values
    }

    var declarations: [DeclaredArgument] {
        zip(specs, storage).map { DeclaredArgument(kind: .option($0), sink: $1) }
    }

    public init(_ specs: [OptionSpec]) {
        self.specs = specs
        storage = specs.map { _ in ArgumentStorage([]) { texts in texts } }
    }
}
