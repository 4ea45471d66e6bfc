import CV6System
import Glibc

/// The user a privileged run works for once it no longer needs root: who owns its files and whose rights it
/// has. Taken from the user database (`getpwnam(3)`, `getgrouplist(3)`), so supplementary groups come along.
public struct UserIdentity: Sendable, Equatable, CustomStringConvertible {
    /// The login name, when the user database has one.
    public var name: String?
    public var userID: UInt32
    public var groupID: UInt32
    /// Supplementary groups (`setgroups(2)`), the primary group included.
    public var groups: [UInt32]

    public init(name: String?, userID: UInt32, groupID: UInt32, groups: [UInt32]) {
        self.name = name
        self.userID = userID
        self.groupID = groupID
        self.groups = groups.isEmpty ? [groupID] : groups
    }

    public var description: String {
        (name.map { "\($0) " } ?? "") + "(uid \(userID), gid \(groupID))"
    }

    /// The user called `name` (or a numeric uid), with their primary group and every group they belong to.
    /// Nil when there is no such user.
    public static func named(_ name: String) -> UserIdentity? {
        if let entry = getpwnam(name) { return from(entry.pointee) }
        if let uid = UInt32(name), let entry = getpwuid(uid) { return from(entry.pointee) }
        return nil
    }

    /// The user with `userID` and primary group `groupID` (what sudo passes as `SUDO_UID`/`SUDO_GID`); the
    /// supplementary groups come from the user database when the uid has an entry there, else just `groupID`.
    public static func withIDs(userID: UInt32, groupID: UInt32) -> UserIdentity {
        guard let entry = getpwuid(userID) else {
            return UserIdentity(name: nil, userID: userID, groupID: groupID, groups: [groupID])
        }
        let name = String(cString: entry.pointee.pw_name)
        return UserIdentity(name: name, userID: userID, groupID: groupID, groups: groupList(of: name, primary: groupID))
    }

    private static func from(_ entry: passwd) -> UserIdentity {
        let name = String(cString: entry.pw_name)
        return UserIdentity(name: name, userID: entry.pw_uid, groupID: entry.pw_gid,
                            groups: groupList(of: name, primary: entry.pw_gid))
    }

    /// `getgrouplist(3)`, growing the buffer until every group fits.
    static func groupList(of name: String, primary: UInt32) -> [UInt32] {
        var capacity: Int32 = 32
        while true {
            var groups = [UInt32](repeating: 0, count: Int(capacity))
            var count = capacity
            if cv6_getgrouplist(name, primary, &groups, &count) >= 0 {
                return Array(groups.prefix(Int(count)))
            }
            guard count > capacity, capacity < 65_536 else { return [primary] }
            capacity = count
        }
    }
}
