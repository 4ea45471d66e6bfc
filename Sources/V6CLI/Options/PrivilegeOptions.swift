/// `--user NAME`: whom a probing run started as plain root (cron, a unit without `User=`) becomes once its raw
/// sockets are open. Under sudo the invoking user is taken without it.
public struct PrivilegeOptions: ParsableArguments {
    @Option("--user", value: "NAME", help: "As root without sudo: read and write files as NAME and become NAME once the raw sockets are open (default under sudo: the invoking user).")
    var user: String?

    public init() {}
}
