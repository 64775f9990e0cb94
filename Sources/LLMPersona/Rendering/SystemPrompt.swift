import OrderedCollections
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
        layout(name: name)
    }

    /// The system prompt as a template in `str.format` syntax: the layout of
    /// ``buildSystemPrompt()``, with the name's braces doubled.
    ///
    /// A name is literal text, never template syntax, while every other text
    /// of the prompt may hold `{placeholders}`. Parsing this gives the name back
    /// exactly, braces included, and so does filling it with `str.format`.
    public var promptTemplateText: String {
        layout(name: Template.escape(name))
    }

    /// The prompt's blocks with `name` as the name's text.
    private func layout(name: String) -> String {
        // One string, sized once and appended to (the blocks joined by "\n\n").
        let tone = effectiveTone
        // Read once: a resolved persona's lists are assembled from its chain when read.
        let capabilities = self.capabilities, constraints = self.constraints
        var size = 32 + name.utf8.count + (role?.utf8.count ?? 0) + (company?.utf8.count ?? 0) + tone.utf8.count
        for item in capabilities { size += item.utf8.count + 3 }
        for item in constraints { size += item.utf8.count + 3 }
        for text in customSections.values { size += text.utf8.count + 2 }
        var prompt = ""
        prompt.reserveCapacity(size)
        prompt += "You are "
        prompt += name
        prompt += ", a "
        prompt += role ?? ""
        if let company, !company.isEmpty {
            prompt += " at "
            prompt += company
        }
        prompt += ".\n\nTone: "
        prompt += tone
        if !capabilities.isEmpty {
            prompt += "\n\nYou can:"
            for item in capabilities {
                prompt += "\n- "
                prompt += item
            }
        }
        if !constraints.isEmpty {
            prompt += "\n\nDo not:"
            for item in constraints {
                prompt += "\n- "
                prompt += item
            }
        }
        for text in customSections.values {
            prompt += "\n\n"
            prompt += text
        }
        return prompt
    }
}
