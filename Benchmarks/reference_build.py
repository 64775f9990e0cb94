#!/usr/bin/env python3
"""The Python reference pipeline `persona build` is compared with.

    python3 Benchmarks/reference_build.py OUT_DIR FILE...

What a team would otherwise script: PyYAML's C loader, the `jsonschema`
package against Schemas/persona.schema.json, parent inheritance (scalars
override, lists append, `replace` replaces, maps merge by key), the original
`build_system_prompt` (Tests/LLMPersonaTests/Golden/reference.py), variable
defaults filled with `str.format`, and NAME.txt plus NAME.json per persona.
"""
import json
import os
import sys
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "Tests" / "LLMPersonaTests" / "Golden"))
from reference import Persona  # noqa: E402  (the original prompt algorithm)

SCALARS = ("role", "company", "tone", "greeting", "description")


def merge_list(inherited, own):
    if isinstance(own, dict):
        (op, items), = own.items()
        if op == "replace":
            return list(items)
        if op == "prepend":
            return list(items) + [x for x in inherited if x not in items]
        if op == "remove":
            return [x for x in inherited if x not in items]
        own = items
    return inherited + [x for x in own if x not in inherited]


def resolve(name, declared, done):
    if name in done:
        return done[name]
    fields = declared[name]
    parent = fields.get("parent")
    if parent is None:
        result = dict(fields)
    else:
        base = resolve(parent, declared, done)
        result = {k: v for k, v in base.items() if k not in ("name", "version", "abstract", "parent")}
        for key, value in fields.items():
            if key in ("capabilities", "constraints"):
                result[key] = merge_list(base.get(key, []), value)
            elif key in ("custom_sections", "variables"):
                merged = dict(base.get(key, {}))
                merged.update(value)
                result[key] = merged
            else:
                result[key] = value
    done[name] = result
    return result


def main(argv):
    out = Path(argv[0])
    schema = json.loads((ROOT / "Schemas" / "persona.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    declared = {}
    failed = False
    for path in argv[1:]:
        with open(path, "rb") as f:
            document = yaml.load(f, Loader=yaml.CSafeLoader)
        for error in validator.iter_errors(document):
            print(f"{path}: {error.message}", file=sys.stderr)
            failed = True
        declared[document["name"]] = document
    if failed:
        return 1
    out.mkdir(parents=True, exist_ok=True)
    done = {}
    for name in declared:
        fields = resolve(name, declared, done)
        persona = Persona(
            name=name, role=fields["role"], company=fields.get("company"),
            tone=fields.get("tone") or "helpful and professional",
            capabilities=fields.get("capabilities", []), constraints=fields.get("constraints", []),
            greeting=fields.get("greeting"), custom_sections=fields.get("custom_sections", {}))
        defaults = {k: (v or {}).get("default", "") for k, v in fields.get("variables", {}).items()}
        prompt = persona.build_system_prompt().format(**defaults)
        (out / f"{name}.txt").write_bytes(prompt.encode("utf-8"))
        record = {"name": name, "version": fields.get("version"), **{k: fields.get(k) for k in SCALARS},
                  "capabilities": persona.capabilities, "constraints": persona.constraints,
                  "custom_sections": persona.custom_sections, "prompt": prompt}
        (out / f"{name}.json").write_text(json.dumps(record, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
