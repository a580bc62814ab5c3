// libFuzzer harness for the shell's command language (Sources/ShellLanguage).
//
// Built by fuzz/run-shell-fuzz: swiftc compiles this file together with the sources of
// DynamoModel and ShellLanguage as one module, so there is no `import`.
//
// For every input: `isComplete` and `parseInput` must return without crashing; a diagnostic
// must render; and every statement that parses must print (`description`) as text that parses
// back to the same statement (the round trip the property test checks on generated trees).

@_cdecl("LLVMFuzzerTestOneInput")
public func shellLanguageFuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = isComplete(text)
    let statements: [Statement]
    do {
        switch try parseInput(text, file: "<fuzz>") {
        case .complete(let parsed):
            statements = parsed
        case .incomplete(let diagnostic):
            _ = diagnostic.description
            return 0
        }
    } catch {
        _ = error.description
        return 0
    }
    for statement in statements {
        let printed = statement.command.description
        let again: [Statement]
        do {
            again = try parseScript(printed, file: "<printed>")
        } catch {
            fatalError("a printed statement does not parse\ninput: \(text.debugDescription)\nprinted: \(printed)\n\(error)")
        }
        guard again.count == 1, again[0].command == statement.command else {
            fatalError("the round trip changed a statement\ninput: \(text.debugDescription)\nprinted: \(printed)\nparsed: \(again.map(\.command))")
        }
    }
    return 0
}
