#!/usr/bin/env bash
# Builds and runs this example with PersonaPlugin from the checkout around it,
# checks that it prints byte for byte what `persona render` prints for the same
# values, and that a persona error fails the build with its path:line:col.
# .ci/run runs it; it leaves the example as it found it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
example="$root/Examples/PersonaPluginExample"
personas="$example/Sources/PersonaPluginExample/personas"
cd "$root"

swift build --product persona
persona="$(swift build --show-bin-path)/persona"
swift build --package-path "$example"
app="$(swift build --package-path "$example" --show-bin-path)/PersonaPluginExample"

# USER_NAME [PLAN]: the app's output equals persona render's.
same_as_render() {
    local vars=(--var "user_name=$1")
    if [ $# -gt 1 ]; then vars+=(--var "plan=$2"); fi
    if ! cmp <("$app" "$@") <("$persona" render Maya "$personas" "${vars[@]}"); then
        echo "check.sh: the example's prompt for $* differs from persona render" >&2
        exit 1
    fi
}
same_as_render Ada
same_as_render 'Zoë {plan} "q" \n 😀' 'Gold {{x}}'

# A persona error fails the build, and SwiftPM shows the path:line:col line.
broken="$personas/zz-broken.yaml"
trap 'rm -f "$broken"' EXIT
printf 'name: Broken\nrole: Support for {usr_name}\n' > "$broken"
if log="$(swift build --package-path "$example" 2>&1)"; then
    echo "check.sh: a persona error did not fail the build" >&2
    exit 1
fi
if ! grep -E "^$broken:2:[0-9]+: error: undeclared variable 'usr_name'" <<<"$log" >/dev/null; then
    echo "check.sh: the failed build does not show the persona error:" >&2
    echo "$log" >&2
    exit 1
fi
rm -f "$broken"
swift build --package-path "$example" >/dev/null
echo "PersonaPluginExample: prompts equal persona render; a persona error fails the build"
