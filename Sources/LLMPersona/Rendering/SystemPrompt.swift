extension Persona {
    /// The system prompt, byte for byte what the original Python
    /// `Persona.build_system_prompt()` returns for the same fields.
    ///
    /// Blocks, joined by one blank line, with no trailing newline:
    /// 1. `You are NAME, a ROLE at COMPANY.` — or `You are NAME, a ROLE.` when
    ///    there is no company (an empty company counts as none);
    /// 2. `Tone: TONE`;
    /// 3. `You can:` and one `- item` line per capability, when there are any;
    /// 4. `Do not:` and one `- item` line per constraint, when there are any;
    /// 5. each custom section's text (not its name), in order.
    ///
    /// The greeting is not part of the prompt.
    public func buildSystemPrompt() -> String {
        var blocks: [String] = []
        blocks.reserveCapacity(4 + customSections.count)
        var opening = "You are \(name), a \(role ?? "")"
        if let company, !company.isEmpty {
            opening += " at \(company)."
        } else {
            opening += "."
        }
        blocks.append(opening)
        blocks.append("Tone: \(effectiveTone)")
        if !capabilities.isEmpty {
            blocks.append("You can:\n" + capabilities.map { "- \($0)" }.joined(separator: "\n"))
        }
        if !constraints.isEmpty {
            blocks.append("Do not:\n" + constraints.map { "- \($0)" }.joined(separator: "\n"))
        }
        blocks.append(contentsOf: customSections.values)
        return blocks.joined(separator: "\n\n")
    }
}
