#!/usr/bin/env python3
"""Side-by-side benchmarks of `persona` against its peers and the parse floor.

    python3 Benchmarks/bench.py [--runs 5] [--slow-runs 3] [--out results.md]

Builds `persona` (release) and the libyaml floor, generates corpora into a
temporary folder, and times every comparison *interleaved*: each round runs
every command of a group once, in turn, so machine load hits them alike.
Reports medians, ratios to the floor and to the peer, and peak memory
(maximum resident set size, from wait4). Prints a Markdown report and writes
it to --out when given.

Needs: a C compiler and libyaml-dev, Python 3 with PyYAML and jsonschema,
and check-jsonschema (pip install check-jsonschema) on PATH.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "Benchmarks"


def run_once(argv, setup=None):
    if setup:
        setup()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(argv[:4])} ...\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024.0  # seconds, MiB


def interleaved(commands, runs, warmup=1):
    """commands: list of (label, argv, setup, runs_override). Returns {label: (times, peak)}."""
    results = {label: ([], 0.0) for label, *_ in commands}
    for label, argv, setup, _ in commands:
        for _ in range(warmup):
            run_once(argv, setup)
    rounds = max(c[3] or runs for c in commands)
    for r in range(rounds):
        for label, argv, setup, own in commands:
            if r >= (own or runs):
                continue
            t, rss = run_once(argv, setup)
            times, peak = results[label]
            times.append(t)
            results[label] = (times, max(peak, rss))
    return {k: (statistics.median(v[0]), v[1], len(v[0])) for k, v in results.items()}


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5, help="rounds for fast commands")
    ap.add_argument("--slow-runs", type=int, default=3, help="rounds for the Python peers")
    ap.add_argument("--out", help="also write the Markdown report here")
    ap.add_argument("--skip-build", action="store_true", help="use the existing release build")
    ap.add_argument("--persona", help="the persona executable to measure (default: the static release build)")
    ap.add_argument("--scratch-path", default=str(ROOT / ".build-static"), help="build folder for the static release build")
    args = ap.parse_args()

    # The release build as `make install` builds it: on Linux the Swift runtime is
    # linked statically (Package.swift; see README.md "Build cost" in this folder).
    scratch = Path(args.scratch_path).resolve()
    build = ["swift", "build", "-c", "release", "--scratch-path", str(scratch)]
    if not args.skip_build:
        subprocess.run(build + ["--product", "persona"], cwd=ROOT, check=True)
        subprocess.run(build + ["--product", "persona-fill-bench"], cwd=ROOT, check=True)
    persona = args.persona or str(scratch / "release" / "persona")
    work = Path(tempfile.mkdtemp(prefix="persona-bench-"))
    floor = str(work / "libyaml_floor")
    subprocess.run(["cc", "-O2", "-o", floor, str(BENCH / "floor" / "libyaml_floor.c"), "-lyaml"], check=True)
    schema = str(ROOT / "Schemas" / "persona.schema.json")
    cjs = shutil.which("check-jsonschema")
    if not cjs:
        sys.exit("check-jsonschema not found (pip install check-jsonschema)")

    # The peers and the floor get the list of files (they take no folders); persona
    # gets the folder, as it is used (`persona validate personas`). Passing 10 000
    # paths to persona costs seconds in argument parsing (see README, Performance).
    corpora, folders = {}, {}
    for n, d in [(100, 8), (1000, 8), (10000, 8), (10000, 1), (10000, 64), (1, 1)]:
        folder = work / f"corpus-{n}-d{d}"
        subprocess.run([sys.executable, str(BENCH / "gen_corpus.py"), str(folder), "--files", str(n), "--depth", str(d)], check=True)
        corpora[(n, d)] = sorted(str(p) for p in folder.iterdir())
        folders[(n, d)] = str(folder)
    out_dir = str(work / "out")
    # Build records go to a cache folder of this run, not the user's.
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")

    def clean():
        shutil.rmtree(out_dir, ignore_errors=True)

    # Bytes persona build writes (for the floor's write variant): the average
    # NAME.txt and NAME.json, and the manifest.
    run_once([persona, "build", folders[(10000, 8)], "--out", out_dir], clean)
    names = os.listdir(out_dir)

    def average(suffix):
        sizes = [os.path.getsize(os.path.join(out_dir, f)) for f in names if f.endswith(suffix) and f != "manifest.json"]
        return sum(sizes) // max(1, len(sizes))
    text_bytes, json_bytes = average(".txt"), average(".json")
    manifest_bytes = os.path.getsize(os.path.join(out_dir, "manifest.json"))
    per_file = text_bytes + json_bytes
    floor_write = [floor, "--write", out_dir, "--text-bytes", str(text_bytes), "--json-bytes", str(json_bytes),
                   "--manifest-bytes", str(manifest_bytes)]

    lines = []

    def say(line):
        """Adds a line to the report and shows it at once (stderr), so a failure late in the run loses nothing."""
        lines.append(line)
        print(line, file=sys.stderr, flush=True)

    def ratio_table(title, r, rows):
        """A table of medians against the floor and `persona` (the row labelled "persona")."""
        say(title)
        say("")
        say("| command | median | peak RSS | vs floor | persona is faster by |")
        say("|---|---|---|---|---|")
        for label, name in rows:
            t, rss, _ = r[label]
            faster = "" if label == "persona" else f"{t / r['persona'][0]:.1f}x"
            say(f"| {name} | {fmt_time(t)} | {rss:.0f} MiB | {t / r['floor'][0]:.2f}x | {faster} |")
        say("")
    load = os.getloadavg()
    say(f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"load average at start {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min).")
    say("")
    say(f"Medians of interleaved rounds ({args.runs} for fast commands, {args.slow_runs} for the Python peers), one warm-up each.")
    say("")

    # 1. validate, 10 000 files
    files, folder = corpora[(10000, 8)], folders[(10000, 8)]
    r = interleaved([
        ("floor", [floor, *files], None, None),
        ("persona", [persona, "validate", folder], None, None),
        ("cjs", [cjs, "--schemafile", schema, *files], None, args.slow_runs),
    ], args.runs)
    ratio_table("### `persona validate`, 10 000 files (depth 8)", r, [
        ("floor", "libyaml event loop (floor)"), ("persona", "`persona validate`"),
        ("cjs", "`check-jsonschema --schemafile Schemas/persona.schema.json`")])

    # 2. build, 10 000 files, depth 8
    py_out = str(work / "py-out")
    r = interleaved([
        ("floor", [*floor_write, *files], clean, None),
        ("persona", [persona, "build", folder, "--out", out_dir], clean, None),
        ("persona-nosync", [persona, "build", "--no-sync", folder, "--out", out_dir], clean, None),
        ("persona-noop", [persona, "build", folder, "--out", out_dir], None, None),
        ("python", [sys.executable, str(BENCH / "reference_build.py"), py_out, *files],
         lambda: shutil.rmtree(py_out, ignore_errors=True), args.slow_runs),
    ], args.runs)
    ratio_table("### `persona build`, 10 000 files (depth 8), into an empty folder", r, [
        ("floor", f"libyaml event loop + writing {per_file} bytes in 2 files per persona, temporaries + one syncfs + renames (floor)"),
        ("persona", "`persona build` (empty output folder; flushed to disk)"),
        ("persona-nosync", "`persona build --no-sync` (empty output folder)"),
        ("persona-noop", "`persona build` again (nothing changed)"),
        ("python", "Python reference (PyYAML C loader + jsonschema + build_system_prompt + writes)")])

    # 2b. builds that write nothing, against validate of the same files
    run_once([persona, "build", folder, "--out", out_dir], clean)
    r = interleaved([
        ("validate", [persona, "validate", folder], None, None),
        ("noop", [persona, "build", folder, "--out", out_dir], None, None),
        ("check", [persona, "build", "--check", folder, "--out", out_dir], None, None),
        ("noop-full", [persona, "build", "--no-cache", folder, "--out", out_dir], None, None),
        ("check-full", [persona, "build", "--check", "--no-cache", folder, "--out", out_dir], None, None),
    ], args.runs)
    say("### Builds with nothing to write, 10 000 files (depth 8), against `persona validate`")
    say("")
    say("| command | median | peak RSS | vs validate |")
    say("|---|---|---|---|")
    for label, name in [("validate", "`persona validate`"),
                        ("noop", "`persona build` again (nothing changed; the build record proves it)"),
                        ("check", "`persona build --check` (up to date; the build record proves it)"),
                        ("noop-full", "`persona build --no-cache` again (nothing changed; everything compiled)"),
                        ("check-full", "`persona build --check --no-cache` (up to date; everything compiled)")]:
        t, rss, _ = r[label]
        say(f"| {name} | {fmt_time(t)} | {rss:.0f} MiB | {t / r['validate'][0]:.2f}x |")
    say("")

    # 3. scaling
    say("### Scaling (`persona validate` and `persona build --no-sync` into an empty folder, interleaved with the floor)")
    say("")
    say("| files | depth | validate | per file | build | per file | floor | validate peak RSS | build peak RSS |")
    say("|---|---|---|---|---|---|---|---|---|")
    for n, d in [(100, 8), (1000, 8), (10000, 8), (10000, 1), (10000, 64)]:
        files, folder = corpora[(n, d)], folders[(n, d)]
        r = interleaved([
            ("floor", [floor, *files], None, None),
            ("validate", [persona, "validate", folder], None, None),
            ("build", [persona, "build", "--no-sync", folder, "--out", out_dir], clean, None),
        ], args.runs)
        (vt, vr, _), (bt, br, _), (ft, _, _) = r["validate"], r["build"], r["floor"]
        say(f"| {n} | {d} | {fmt_time(vt)} | {vt / n * 1e6:.0f} µs | {fmt_time(bt)} | {bt / n * 1e6:.0f} µs | "
            f"{fmt_time(ft)} | {vr:.0f} MiB | {br:.0f} MiB |")
    say("")

    # 4. one file
    one = corpora[(1, 1)]
    r = interleaved([
        ("floor", [floor, *one], None, None),
        ("persona", [persona, "validate", *one], None, None),
        ("cjs", [cjs, "--schemafile", schema, *one], None, None),
    ], max(args.runs * 4, 10))
    say("### One file (the pre-commit case)")
    say("")
    say("| command | median | peak RSS |")
    say("|---|---|---|")
    for label, name in [("floor", "libyaml event loop (floor)"), ("persona", "`persona validate one.yaml`"),
                        ("cjs", "`check-jsonschema --schemafile ... one.yaml`")]:
        t, rss, _ = r[label]
        say(f"| {name} | {fmt_time(t)} | {rss:.0f} MiB |")
    say("")

    # 5. run-time fill
    fill_bench = scratch / "release" / "persona-fill-bench"
    say("### Run-time fill (`buildSystemPrompt(variables:)` through `PromptTemplate.render`)")
    say("")
    if fill_bench.exists():
        fill = subprocess.run([str(fill_bench), str(BENCH / "fixtures" / "fill-persona.yaml")],
                              capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
        say("```")
        say(fill)
        say("```")
    else:
        # --skip-build or --persona without a release build in the scratch folder: the
        # other tables stand; say what is missing instead of losing the report.
        say(f"(not measured: {fill_bench} is missing; build it with "
            f"`swift build -c release --product persona-fill-bench --scratch-path {scratch}`)")
    load = os.getloadavg()
    say("")
    say(f"Load average at the end: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.")

    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        Path(args.out).write_text(report)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
