import Testing
@testable import V6System

@Suite struct SystemErrorTests {
    @Test func messageNamesCallPathAndStrerrorText() {
        let error = SystemError("open", path: "inventories/x/a.json", errno: .permissionDenied)
        #expect(error.description == #"open("inventories/x/a.json"): Permission denied"#)
        #expect(error.path == "inventories/x/a.json")
        #expect(error.isPermissionProblem)
    }

    @Test func messageWithArgumentsShowsThemUnquoted() {
        let error = SystemError("connect", arguments: "[::1]:9", errno: .connectionRefused)
        #expect(error.description == "connect([::1]:9): Connection refused")
        #expect(error.path == nil)
        #expect(!error.isPermissionProblem)
    }

    @Test func quotesInPathsAreEscaped() {
        let error = SystemError("stat", path: #"a"b\c"#, errno: .noSuchFileOrDirectory)
        #expect(error.description == #"stat("a\"b\\c"): No such file or directory"#)
    }

    @Test func errnoDescriptionIsTheCLibraryText() {
        #expect(Errno.noSpace.description == "No space left on device")
        #expect(Errno.wouldBlock.description == "Resource temporarily unavailable")
        #expect(Errno(rawValue: 99999).description.contains("99999"))
    }
}
