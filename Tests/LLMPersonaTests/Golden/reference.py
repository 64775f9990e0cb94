#!/usr/bin/env python3
"""The original llm-persona prompt layout, as its documentation gives it.

This is the compatibility contract: for the same persona, `persona build`
must write exactly what `Persona.build_system_prompt()` returns here.

    python3 reference.py CASE.yaml [...]   # prints each prompt, NUL-separated
    python3 reference.py --write DIR       # regenerates DIR/*.txt from DIR/*.yaml
"""
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class Persona:
    name: str
    role: str
    company: str | None = None
    tone: str = "helpful and professional"
    capabilities: list[str] = field(default_factory=list)
    constraints: list[str] = field(default_factory=list)
    greeting: str | None = None
    custom_sections: dict[str, str] = field(default_factory=dict)

    def build_system_prompt(self) -> str:
        lines = [f"You are {self.name}, a {self.role}"]
        if self.company:
            lines[0] += f" at {self.company}."
        else:
            lines[0] += "."
        lines.append(f"Tone: {self.tone}")
        if self.capabilities:
            lines.append("You can:\n" + "\n".join(f"- {c}" for c in self.capabilities))
        if self.constraints:
            lines.append("Do not:\n" + "\n".join(f"- {c}" for c in self.constraints))
        for section_name, content in self.custom_sections.items():
            lines.append(content)
        return "\n\n".join(lines)


def prompt_for(path: Path) -> str:
    with open(path, encoding="utf-8") as f:
        fields = yaml.safe_load(f)
    return Persona(**fields).build_system_prompt()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--write"]:
        folder = Path(argv[1])
        for case in sorted(folder.glob("*.yaml")):
            case.with_suffix(".txt").write_bytes(prompt_for(case).encode("utf-8"))
        return 0
    out = sys.stdout.buffer
    for i, arg in enumerate(argv):
        if i:
            out.write(b"\0")
        out.write(prompt_for(Path(arg)).encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
