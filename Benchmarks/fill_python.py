#!/usr/bin/env python3
"""The original library's run-time fill, for comparison with persona-fill-bench:
`Persona.build_system_prompt().format(user_name=..., plan=...)` on the same persona,
and the persona's generated `system_prompt(user_name=..., plan=...)`
(fill_persona_generated.py, made by `persona generate python
Benchmarks/fixtures/fill-persona.yaml --out Benchmarks/fill_persona_generated.py`).

    python3 Benchmarks/fill_python.py [Benchmarks/fixtures/fill-persona.yaml]
"""
import sys
import timeit
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "LLMPersonaTests" / "Golden"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from reference import Persona  # noqa: E402  the original algorithm
from fill_persona_generated import maya  # noqa: E402  made by persona generate python

path = sys.argv[1] if len(sys.argv) > 1 else "Benchmarks/fixtures/fill-persona.yaml"
fields = yaml.safe_load(open(path, encoding="utf-8"))
fields.pop("variables", None)
persona = Persona(**fields)

def fill_each_call():
    return persona.build_system_prompt().format(user_name="John", plan="Premium")

template = persona.build_system_prompt()
def format_only():
    return template.format(user_name="John", plan="Premium")

def generated():
    return maya.system_prompt(user_name="John", plan="Premium")

assert generated() == format_only(), "regenerate fill_persona_generated.py"

for label, fn in [
    ("build_system_prompt().format(...)", fill_each_call),
    ("prebuilt template .format(...)", format_only),
    ("generated system_prompt(...)", generated),
]:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    rounds = sorted(t / number * 1e9 for t in timer.repeat(repeat=9, number=number))
    print(f"python {label}: median {rounds[len(rounds)//2]:.1f} ns/call (min {rounds[0]:.1f}, max {rounds[-1]:.1f})")
