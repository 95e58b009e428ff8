#!/usr/bin/env bash
# Iterate in C (../shared/cref/twin.c, gcc -O2, and clang when there is one) beside BenchSuite's Iterate, on one
# page trace, in one run. From the project root, after `dotnet build -c Release bench`:
#   bench/twin-compare.sh TRACE [OUT] [CREF]        (CREF: the folder holding twin.c, default ../shared/cref)
# Prints per encoding: C's lowest and median iteration, BenchSuite's estimate (batch.json estimateNs), and C#/C.
set -euo pipefail
trace=$(realpath "$1"); out=${2:-$(mktemp -d)}; cref=$(realpath "${3:-../shared/cref}")
mkdir -p "$out"; out=$(realpath "$out"); bin=$(mktemp -d)
gcc -O2 -march=native -o "$bin/twin-gcc" "$cref/twin.c"
if command -v clang >/dev/null; then clang -O2 -march=native -o "$bin/twin-clang" "$cref/twin.c"; fi
echo "load before: $(cut -d' ' -f1 /proc/loadavg)" >&2
for c in "$bin"/twin-*; do "$c" "$trace" --label "$(basename "$c")" --target-ms 400 --min-reps 50; done > "$out/c.txt"
dotnet run -c Release --no-build --project bench -- run --scenarios "trace:$trace" --operations Iterate,Floor --out "$out/cs" > "$out/cs.log" 2>&1
echo "load after: $(cut -d' ' -f1 /proc/loadavg)" >&2
python3 - "$out/c.txt" "$out/cs" <<'PY'
import json, sys, os
low, med = {}, {}
for line in open(sys.argv[1]):
    if line.startswith('RESULT '):
        d = dict(kv.split('=', 1) for kv in line.split()[1:])
        e = d['enc']
        low[e] = min(low.get(e, 1e30), float(d['it_imin']))
        med[e] = min(med.get(e, 1e30), float(d['it_imed']))
cs = {c['encoding']: c['estimateNs'] for c in json.load(open(os.path.join(sys.argv[2], 'batch.json')))['cases']
      if c['operation'] == 'Iterate' and c.get('status') == 'measured'}
print(f"{'encoding':<12} {'C low':>8} {'C med':>8} {'C# est':>8} {'C#/low':>7} {'C#/med':>7}   (ns/page)")
for e in low:
    if e in cs:
        print(f"{e:<12} {low[e]:>8.4f} {med[e]:>8.4f} {cs[e]:>8.4f} {cs[e] / low[e]:>7.2f} {cs[e] / med[e]:>7.2f}")
PY
