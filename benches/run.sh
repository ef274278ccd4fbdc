#!/usr/bin/env bash
# Every benchmark of benches/README.md, side by side in one run, then a summary.
#
#   benches/run.sh           # full run (about 17 minutes on 2 cores)
#   benches/run.sh --quick   # shorter criterion and hyperfine runs, for a smoke test
#
# Needs the Rust toolchain, python3, hyperfine; node and npm for the quicktype comparison (skipped,
# and said so, without them). Installs quicktype from benches/quicktype/package-lock.json with
# `npm ci` (only when the lock changed). Writes inputs and results under target/bench-data/, and
# the summary to target/bench-data/summary.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
data=$root/target/bench-data
mkdir -p "$data"

quick=false
[ "${1:-}" = "--quick" ] && quick=true
if $quick; then
  crit=(--warm-up-time 1 --measurement-time 3)
  runs=20
  export LINEARITY_ROUNDS=3 VALIDATE_ROUNDS=3
else
  crit=()
  runs=100
fi

echo "== build"
cargo build --release --locked --bin trackgen
cargo run --release --locked --quiet --example bench_data -- "$data"
bin=$root/target/release/trackgen
echo "$("$bin" --version); $(rustc --version); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" | tee "$data/machine.txt"

echo "== criterion: generation (library, in memory)"
cargo bench --locked --bench generate -- "${crit[@]}" 2>&1 | tee "$data/generate.log"

echo "== criterion: validation"
cargo bench --locked --bench validate -- "${crit[@]}" 2>&1 | tee "$data/validate.log"

echo "== hyperfine: process wall times"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hyperfine -N --warmup 10 --runs "$runs" --export-json "$data/hf-generate.json" \
  --prepare "rm -rf $tmp/fresh" \
  -n "generate onlive, 4 targets, fresh --out" "$bin generate spec/onlive.md --out $tmp/fresh" \
  --prepare "true" \
  -n "check onlive (generated/)" "$bin check spec/onlive.md" \
  --prepare "true" \
  -n "check all specs (generated/)" "$bin check"
# lint renders a snippet per diagnostic (662 on synth_1k, 6,528 on synth_10k): a few runs each.
hyperfine -N --warmup 1 --runs $((runs / 20)) --export-json "$data/hf-lint.json" \
  -n "lint synth_1k" "$bin lint $data/synth_1k.md" \
  -n "lint synth_10k" "$bin lint $data/synth_10k.md"
hyperfine -N -i --warmup 2 --runs $((runs / 10)) --export-json "$data/hf-validate.json" \
  -n "validate 100k" "$bin validate spec/onlive.md $data/onlive-100k.ndjson"

echo "== quicktype"
qt=benches/quicktype
if command -v npm >/dev/null && command -v node >/dev/null; then
  if [ ! -d "$qt/node_modules" ] || ! cmp -s "$qt/package-lock.json" "$qt/node_modules/.package-lock.json.installed"; then
    (cd "$qt" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$qt/package-lock.json" "$qt/node_modules/.package-lock.json.installed"
  fi
  echo "$("$qt/node_modules/.bin/quicktype" --version 2>/dev/null | head -n 1), node $(node --version)" | tee "$data/quicktype.txt"
  mkdir -p "$tmp/qt"
  hyperfine -N --warmup 3 --runs $((runs / 5)) --export-json "$data/hf-quicktype.json" \
    --prepare "rm -rf $tmp/qt/out.ts" \
    -n "quicktype: TypeScript from onlive.schema.json" \
    "$qt/node_modules/.bin/quicktype --src-lang schema --lang typescript --out $tmp/qt/out.ts generated/onlive/jsonschema/onlive.schema.json" \
    --prepare "rm -rf $tmp/ts" \
    -n "trackgen: TypeScript from onlive.md" "$bin generate spec/onlive.md --lang typescript --out $tmp/ts"
else
  echo "SKIPPED: node/npm not found" | tee "$data/quicktype.txt"
  rm -f "$data/hf-quicktype.json"
fi

echo "== summary"
python3 benches/summary.py "$data" | tee "$data/summary.md"
