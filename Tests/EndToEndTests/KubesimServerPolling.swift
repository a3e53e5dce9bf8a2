import Foundation

extension KubesimServer {
    /// Runs kubectl `arguments` until `condition` holds for its answer or `timeout` passes
    /// (a bounded poll, never a bare sleep); returns the last answer.
    func kubectl(_ arguments: [String], until condition: (ProcessResult) -> Bool, timeout: TimeInterval = 60) throws -> ProcessResult {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var result = try kubectl(arguments)
        while !condition(result) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            result = try kubectl(arguments)
        }
        return result
    }
}

/// A script line's words as a POSIX shell splits them (single and double quotes; no
/// expansions): `get deploy x --output jsonpath='{.a}'` -> [get, deploy, x, --output, jsonpath={.a}].
func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var word = ""
    var inWord = false
    var quote: Character?
    for character in line {
        if let open = quote {
            if character == open { quote = nil } else { word.append(character) }
        } else if character == "'" || character == "\"" {
            quote = character
            inWord = true
        } else if character == " " || character == "\t" {
            if inWord { words.append(word); word = ""; inWord = false }
        } else {
            word.append(character)
            inWord = true
        }
    }
    if inWord { words.append(word) }
    return words
}
