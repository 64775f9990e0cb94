#!/usr/bin/env python3
"""Generates a benchmark corpus of persona files.

    python3 Benchmarks/gen_corpus.py OUT_DIR --files N --depth D

Writes N YAML persona files of about 1 KB each (block-scalar sections, lists,
variables) into OUT_DIR, arranged in inheritance chains of D personas: the
first of each chain has no parent, each next one names the one before it.
Values stay the same under YAML 1.1 and the YAML 1.2 core schema (versions
are quoted, no yes/no/on/off), so PyYAML and check-jsonschema read them as
persona does. The output is deterministic.
"""
import argparse
import os
import random

WORDS = ("order refund account billing shipping address invoice plan customer "
         "agent ticket escalation privacy policy delivery payment product "
         "support summary answer question detail manager warranty return "
         "exchange discount coupon subscription renewal").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def persona_text(i, parent, rng):
    """One persona; a child overrides scalars and sections, replaces its
    capabilities and appends one constraint, so sizes stay bounded with depth."""
    name = f"Persona{i:05d}"
    lines = [f"# Benchmark persona {i}.", f"name: {name}"]
    if parent is not None:
        lines.append(f"parent: Persona{parent:05d}")
    lines += [
        f'version: "1.{i % 7}.{i % 13}"',
        f"description: Benchmark persona number {i}, generated.",
        f"role: {sentence(rng, 3)} Specialist",
        f"company: Company {i % 97}",
        f"tone: helpful, concise, {rng.choice(WORDS)}",
    ]
    if parent is None:
        lines += ["variables:", "  user_name: {description: the customer's first name, default: friend}"]
        lines.append("capabilities:")
        lines += [f"  - {sentence(rng, 7)} {i}-{k}" for k in range(3)]
        lines.append("constraints:")
        lines += [f"  - Never {sentence(rng, 6).lower()} {i}-{k}" for k in range(2)]
    else:
        lines.append("capabilities:")
        lines.append("  replace:")
        lines += [f"    - {sentence(rng, 7)} {i}-{k}" for k in range(3)]
        lines.append("constraints:")
        lines.append(f"  - Never {sentence(rng, 6).lower()} {i}")
    lines.append(f"greeting: Hi {{user_name}}, this is persona {i}.")
    lines.append("custom_sections:")
    for key in ("context", "escalation", "privacy"):
        lines.append(f"  {key}: |-")
        for _ in range(2):
            lines.append(f"    {sentence(rng, 9)}.")
    lines[-1] += " Speak to {user_name}."
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--files", type=int, required=True)
    parser.add_argument("--depth", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(1234)
    for i in range(args.files):
        parent = None if i % args.depth == 0 else i - 1
        with open(os.path.join(args.out, f"p{i:05d}.yaml"), "w", encoding="utf-8") as f:
            f.write(persona_text(i, parent, rng))


if __name__ == "__main__":
    main()
