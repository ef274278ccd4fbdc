#!/usr/bin/env python3
"""Summary of a benches/run.sh run: medians, throughputs and ratios, as Markdown.

Usage: benches/summary.py target/bench-data
Reads criterion's target/criterion/*/*/new/estimates.json, the hyperfine exports hf-*.json and
the logs benches/run.sh left in the data folder.
"""
import json
import os
import re
import sys

data = sys.argv[1] if len(sys.argv) > 1 else "target/bench-data"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
crit = os.path.join(root, "target", "criterion")


def median_ns(group, bench):
    path = os.path.join(crit, group, bench, "new", "estimates.json")
    try:
        with open(path) as f:
            return json.load(f)["median"]["point_estimate"]
    except OSError:
        return None


def hyperfine(name):
    try:
        with open(os.path.join(data, name)) as f:
            return {r["command"]: r for r in json.load(f)["results"]}
    except OSError:
        return {}


def size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def ms(ns):
    return "n/a" if ns is None else f"{ns / 1e6:,.1f} ms"


def grep(log, pattern):
    try:
        with open(os.path.join(data, log)) as f:
            for line in f:
                m = re.search(pattern, line)
                if m:
                    return m
    except OSError:
        pass
    return None


def met(ok):
    return "**met**" if ok else "**not met**"


out = []
p = out.append
try:
    with open(os.path.join(data, "machine.txt")) as f:
        p(f"Machine: {f.read().strip()}\n")
except OSError:
    pass

# Generation (criterion, in memory).
p("### Generation, library in memory (criterion medians)\n")
p("| input | spec bytes | median | MB/s of spec |")
p("|---|---:|---:|---:|")
specs = {
    "onlive": os.path.join(root, "spec", "onlive.md"),
    "synth_1k": os.path.join(data, "synth_1k.md"),
    "synth_10k": os.path.join(data, "synth_10k.md"),
}
gen = {}
for name, path in specs.items():
    t, b = median_ns("generate", name), size(path)
    gen[name] = t
    rate = "n/a" if t is None or b is None else f"{b / (t / 1e9) / 1e6:.2f}"
    p(f"| {name} | {b:,} | {ms(t)} | {rate} |")
if gen.get("synth_1k") and gen.get("synth_10k"):
    r = gen["synth_10k"] / gen["synth_1k"]
    p(f"\nCriterion medians, 10k / 1k = {r:.2f} (its groups run one after the other, minutes apart: "
      "the ratio also carries the machine's drift in between; for reference).")
m = grep("generate.log", r"linearity: ([0-9]+) rounds; .*ratio ([0-9.]+) \(target <= 11; rounds ([0-9.]+) to ([0-9.]+)\)")
if m:
    r = float(m.group(2))
    p(f"Linearity, interleaved ({m.group(1)} rounds of 1k, 10k, 1k; median of the rounds' 10k / 1k): "
      f"**{r:.2f}** (rounds {m.group(3)} to {m.group(4)}; target <= 11: {met(r <= 11)}).")

def hyperfine_table(runs, digits):
    """A table of hyperfine results, milliseconds with `digits` decimals."""
    p("| command | median | mean ± σ | min |")
    p("|---|---:|---:|---:|")
    for name, r in runs.items():
        f = lambda x: f"{x * 1e3:.{digits}f}"
        p(f"| {name} | {f(r['median'])} ms | {f(r['mean'])} ± {f(r['stddev'])} ms | {f(r['min'])} ms |")


# Process wall times.
hf = hyperfine("hf-generate.json")
if hf:
    p("\n### Process wall times (hyperfine)\n")
    hyperfine_table(hf, 2)
    fresh = next((r for n, r in hf.items() if n.startswith("generate onlive")), None)
    if fresh:
        p(f"\nOnlive to 4 targets, fresh output folder: median {fresh['median'] * 1e3:.2f} ms (target < 10 ms: {met(fresh['median'] < 0.010)}).")

hl = hyperfine("hf-lint.json")
if hl:
    p("\n`trackgen lint` (a rendered snippet per diagnostic):\n")
    hyperfine_table(hl, 0)
    small, large = hl.get("lint synth_1k"), hl.get("lint synth_10k")
    if small and large:
        r = large["median"] / small["median"]
        p(f"\nLint, 10k / 1k = **{r:.2f}** (synth_10k.md is 10.0x the bytes of synth_1k.md).")

# Validation.
p("\n### Validation of 100,000 mixed envelopes (criterion medians, one run)\n")
m = grep("validate.log", r"agreement: (.*)")
if m:
    p(f"Agreement checked before measuring: {m.group(1)}.\n")
nd = size(os.path.join(data, "onlive-100k.ndjson"))
benches = ["trackgen", "trackgen_reference", "trackgen_value", "jsonschema_generated", "jsonschema_flat_if_then",
           "jsonschema_flat_one_of", "jsonschema_flat_any_of"]
val = {b: median_ns("validate_100k", b) for b in benches}
pre = {b: median_ns("validate_100k_preparsed", b) for b in benches}
js = [b for b in benches if b.startswith("jsonschema") and val.get(b)]
fastest_js = min(js, key=lambda b: val[b]) if js else None
p("| validator (parse + check) | median | events/s | MB/s | checks only (pre-parsed) |")
p("|---|---:|---:|---:|---:|")
for b in benches:
    t = val.get(b)
    if t is None:
        continue
    eps = 100_000 / (t / 1e9)
    mbs = "n/a" if nd is None else f"{nd / (t / 1e9) / 1e6:.0f}"
    p(f"| {b} | {ms(t)} | {eps:,.0f} | {mbs} | {ms(pre.get(b))} |")
split = median_ns("validate_100k", "split_lines_only")
if split is not None:
    p(f"\nLines are split once before timing; splitting them (not counted above) takes {ms(split)}.")
if fastest_js and val.get("trackgen"):
    r = val[fastest_js] / val["trackgen"]
    g = val["jsonschema_generated"] / val["trackgen"] if val.get("jsonschema_generated") else None
    p(f"\nCriterion medians (groups one after the other, for reference): trackgen vs the fastest jsonschema variant ({fastest_js}): {r:.2f}x the throughput.")
    if g:
        p(f"trackgen vs jsonschema with the generated schema: **{g:.2f}x**.")
m = grep("validate.log", r"interleaved: ([0-9]+) rounds; trackgen median ([0-9.]+) ms; fastest jsonschema \((\w+)\) median ([0-9.]+) ms; ratio ([0-9.]+)")
if m:
    r = float(m.group(5))
    p(f"Interleaved ({m.group(1)} rounds, each running trackgen and every jsonschema variant once): trackgen median "
      f"{m.group(2)} ms, fastest variant {m.group(3)} {m.group(4)} ms: **{r:.2f}x** the throughput (target >= 2: {met(r >= 2)}).")
hv = hyperfine("hf-validate.json")
for name, r in hv.items():
    p(f"Process: `trackgen validate` on the 100k file: median {r['median'] * 1e3:.0f} ms ({100_000 / r['median']:,.0f} events/s).")

# quicktype.
hq = hyperfine("hf-quicktype.json")
p("\n### Generation next to quicktype (hyperfine, one run)\n")
try:
    with open(os.path.join(data, "quicktype.txt")) as f:
        p(f.read().strip() + "\n")
except OSError:
    pass
if hq:
    p("| command | median |")
    p("|---|---:|")
    for name, r in hq.items():
        p(f"| {name} | {r['median'] * 1e3:.2f} ms |")
    q = next((r for n, r in hq.items() if n.startswith("quicktype")), None)
    t = next((r for n, r in hq.items() if n.startswith("trackgen")), None)
    if q and t:
        p(f"\nquicktype / trackgen: **{q['median'] / t['median']:.1f}x**.")

print("\n".join(out))
