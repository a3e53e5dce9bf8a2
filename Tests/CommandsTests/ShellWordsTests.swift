import Testing
@testable import Commands

/// Command lines split as a POSIX shell splits them, so a line pasted from a terminal session
/// reaches the command with the words kubectl would have received.
@Suite struct ShellWordsTests {
    @Test(arguments: [
        (#"get pods -o wide"#, ["get", "pods", "-o", "wide"]),
        (#"label pod web 'tier=front end'"#, ["label", "pod", "web", "tier=front end"]),
        (#"a\ b c"#, ["a b", "c"]),
        (#""say \"hi\" \\ \$HOME""#, [#"say "hi" \ $HOME"#]),
        // Inside double quotes other backslashes stay, as jsonpath's '\t' and '\n' need them.
        (#"get pods -o jsonpath="{range .items[*]}{.metadata.name}{'\t'}{.status.phase}{'\n'}{end}""#,
         ["get", "pods", "-o", #"jsonpath={range .items[*]}{.metadata.name}{'\t'}{.status.phase}{'\n'}{end}"#]),
        (#"'single \t stays'"#, [#"single \t stays"#]),
        (#"unquoted\tletter"#, ["unquotedtletter"]),
    ])
    func splitsAsAShellDoes(_ line: String, _ words: [String]) throws {
        #expect(try ShellWords.split(line) == words)
    }

    @Test func anUnterminatedQuoteIsAnError() {
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split(#"get "pods"#) }
        #expect(throws: ShellWords.UnterminatedQuote.self) { try ShellWords.split(#"trailing\"#) }
    }
}
