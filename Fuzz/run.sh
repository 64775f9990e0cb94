#!/usr/bin/env bash
# Builds the libFuzzer targets (with AddressSanitizer) and runs one or all of them.
#
#   Fuzz/run.sh TARGET SECONDS [libFuzzer options...]
#   Fuzz/run.sh all SECONDS [libFuzzer options...]     # each target in turn
#   Fuzz/run.sh build                                   # build only
#
# TARGET is one of: yaml json schema template pipeline output path.
# The seed corpus is Fuzz/corpus/TARGET (read only); new inputs go to
# Fuzz/.work/corpus/TARGET and crashes to Fuzz/.work/artifacts/TARGET/
# (both git-ignored). Set FUZZ_WORK to put them elsewhere.
set -euo pipefail
cd "$(dirname "$0")"

targets=(yaml json schema template pipeline output path)
product() {
    case "$1" in
        yaml) echo FuzzYAML ;; json) echo FuzzJSON ;; schema) echo FuzzSchema ;;
        template) echo FuzzTemplate ;; pipeline) echo FuzzPipeline ;; output) echo FuzzOutput ;; path) echo FuzzPath ;;
        *) echo "unknown target: $1 (one of: ${targets[*]})" >&2; exit 64 ;;
    esac
}

build() {
    swift build -c release --scratch-path ../.build-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
}

run() {
    local target="$1" seconds="$2"; shift 2
    local work="${FUZZ_WORK:-.work}"
    mkdir -p "$work/corpus/$target" "$work/artifacts/$target"
    local bin
    bin="$(swift build -c release --scratch-path ../.build-fuzz --show-bin-path)/$(product "$target")"
    echo "== fuzzing $target for $seconds s" >&2
    # No Swift backtracer: it runs inside the crashed process, where ASan trips over it.
    SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" "$bin" "$work/corpus/$target" "corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$work/artifacts/$target/" -print_final_stats=1 "$@"
}

case "${1:-}" in
    build) build ;;
    all)
        [ $# -ge 2 ] || { echo "usage: $0 all SECONDS [options]" >&2; exit 64; }
        seconds="$2"; shift 2
        build
        for t in "${targets[@]}"; do run "$t" "$seconds" "$@"; done ;;
    "" ) echo "usage: $0 TARGET|all SECONDS [libFuzzer options] | $0 build" >&2; exit 64 ;;
    *)
        [ $# -ge 2 ] || { echo "usage: $0 TARGET SECONDS [options]" >&2; exit 64; }
        target="$1"; seconds="$2"; shift 2
        product "$target" >/dev/null
        build
        run "$target" "$seconds" "$@" ;;
esac
