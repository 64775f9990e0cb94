/// The bodies of the ```` ```swift ```` blocks of a Markdown text.
public func swiftBlocks(_ markdown: String) -> [String] {
    var blocks: [String] = []
    var current: [Substring]?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
        if current == nil, line == "```swift" {
            current = []
        } else if current != nil, line == "```" {
            blocks.append(current.map { $0.joined(separator: "\n") } ?? "")
            current = nil
        } else {
            current?.append(line)
        }
    }
    return blocks
}
