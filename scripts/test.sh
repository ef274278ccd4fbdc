#!/usr/bin/env bash
# The one test command (the README names it; .ci/run calls it).
#
# Installs the pinned TypeScript and Python tools (tests/toolchains/typescript/package-lock.json,
# tests/toolchains/python/requirements.txt) under the work tree, then runs rustfmt, clippy and every
# test, including the real toolchains on the generated SDKs. With CI=true a missing tool fails the
# run instead of being skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

echo "== tools"
venv=$root/target/tools/venv
req=tests/toolchains/python/requirements.txt
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$req" "$venv/.requirements"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  cp "$req" "$venv/.requirements"
fi
nm=tests/toolchains/typescript/node_modules
if [ ! -d "$nm" ] || ! cmp -s tests/toolchains/typescript/package-lock.json "$nm/.package-lock.json.installed"; then
  (cd tests/toolchains/typescript && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/toolchains/typescript/package-lock.json "$nm/.package-lock.json.installed"
fi
export TRACKGEN_VENV=$venv
export TRACKGEN_NODE_MODULES=$root/$nm
echo "python: $("$venv/bin/python" --version); mypy $("$venv/bin/mypy" --version | cut -d' ' -f2); ruff $("$venv/bin/ruff" --version | cut -d' ' -f2); tsc $("$nm/.bin/tsc" --version | cut -d' ' -f2); node $(node --version)"

# jemalloc (a default feature, the CLI's allocator) is built from C with make; a machine without
# make still builds and tests everything else, on the system allocator, and says so.
features=()
if ! command -v make >/dev/null 2>&1; then
  features=(--no-default-features --features cli)
  echo "SKIPPED: feature jemalloc (make not found; the CLI is tested on the system allocator)"
fi

echo "== rustfmt"
cargo fmt --all -- --check

echo "== clippy"
cargo clippy --workspace --all-targets --locked "${features[@]}" -- -D warnings

echo "== tests"
cargo test --workspace --locked "${features[@]}"
