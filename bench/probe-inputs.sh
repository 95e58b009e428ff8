#!/usr/bin/env bash
# Reruns the hostile and careless inputs of issue 14 against the built CLI and checks the contract on each: bad input
# or a bad environment is exit 2 with one line on stderr and no stack trace; good input is exit 0; nothing hangs
# (120 s) or passes 500 MB RSS before it answers. Root makes the read-only and full-disk probes (tmpfs mounts).
# From the project root, after `dotnet build -c Release`:   bench/probe-inputs.sh [WORKDIR]
set -uo pipefail
cli=(dotnet "$(realpath bench/bin/Release/net10.0/BenchSuite.Bench.dll)")
work=$(realpath "${1:-$(mktemp -d)}"); mkdir -p "$work"; cd "$work" || exit 2
failed=0
rm -rf high s1 s2 folios e1 good edited ro-src litter race   # outputs of an earlier probe in this folder

# probe NAME EXPECTED-EXIT COMMAND...   (the command's stdin is /dev/null unless it redirects its own)
probe() {
    local name=$1 expected=$2; shift 2
    timeout -s KILL 120 /usr/bin/time -f '%M %e' -o time.txt "$@" >out.txt 2>err.txt </dev/null
    local code=$? rss seconds lines verdict=ok
    read -r rss seconds < <(tail -1 time.txt 2>/dev/null || echo "0 0")
    lines=$(grep -c '^benchsuite:' err.txt)   # progress lines may come before the one error line
    if [[ $code == 137 ]]; then verdict="HANG"
    elif [[ $code != "$expected" ]]; then verdict="exit $code, expected $expected"
    elif grep -qE '^ +at [A-Za-z0-9_.`<>]+\(|Unhandled exception|unexpected failure' err.txt out.txt; then verdict="STACK TRACE"
    elif [[ $expected == 2 && $lines != 1 ]]; then verdict="$lines error lines on stderr"
    elif (( ${rss:-0} > 500000 )); then verdict="RSS $((rss / 1024)) MB"
    fi
    [[ $verdict == ok ]] || failed=$((failed + 1))
    printf '%-4s %-44s exit %-3s %4s MB %6s s  %s\n' "$([[ $verdict == ok ]] && echo ok || echo FAIL)" "$name" "$code" \
        "$(( ${rss:-0} / 1024 ))" "$seconds" "$([[ $verdict == ok ]] || echo "$verdict: ")$( (grep '^benchsuite:' err.txt || head -1 err.txt) | head -1 | cut -c1-170)"
}
b=("${cli[@]}")

# 1. the top of the physical address space
printf '# pagetrace v1\n0xfffffffffffff 1\n' > top.trace
probe "density, page at 2^52-1" 2 "${b[@]}" density --trace top.trace
printf '# pagetrace v1\n0x10000000000 4\n' > high.trace
probe "run, PFN at 2^40" 2 "${b[@]}" run --profile dry --trace high.trace --out high
printf '# pagetrace v1\n0xffffffffff 1\n' > highest.trace
probe "density, highest PFN modelled" 0 "${b[@]}" density --trace highest.trace
# 4. reading
probe "density --trace /dev/zero" 2 "${b[@]}" density --trace /dev/zero
{ echo '# pagetrace v1'; head -c 50000000 /dev/zero | tr '\0' 'x'; echo; } > longline.trace
probe "a 50 MB line" 2 "${b[@]}" density --trace longline.trace
rm -f fifo.trace; mkfifo fifo.trace
probe "a FIFO" 2 "${b[@]}" density --trace fifo.trace
mkdir -p adir
probe "a directory" 2 "${b[@]}" density --trace adir
probe "a pipe (stdin)" 2 bash -c "printf '# pagetrace v1\n0x10 1\n' | ${b[*]} density --trace /dev/stdin"
probe "--trace /proc/self/mem" 2 "${b[@]}" density --trace /proc/self/mem
printf '# pagetrace v1\n\033[31mred\033[0m 1\n' > escape.trace
probe "escape sequences in a trace" 2 "${b[@]}" density --trace escape.trace
grep -q $'\033' err.txt && { echo "FAIL escape sequence echoed"; failed=$((failed + 1)); }
# 5. sizes
probe "density --sizes 2^64-1" 2 "${b[@]}" density --sizes 18446744073709551615
probe "run --sizes 2^64-1" 2 "${b[@]}" run --profile dry --sizes 18446744073709551615 --out s1
probe "density --sizes 16777215T" 2 "${b[@]}" density --sizes 16777215T
probe "run --sizes 2T" 2 "${b[@]}" run --sizes 2T --out s2
{ echo '# pagetrace v1'; for i in $(seq 1 100); do printf '0x%x 1 18\n' $((i << 18)); done; } > folios.trace
probe "run, 100 lines of pfn 1 18 (Unpin)" 0 "${b[@]}" run --profile dry --trace folios.trace --operations Unpin --out folios
# 6. input and environment
probe "--trace ''" 2 "${b[@]}" density --trace ''
probe "--scenarios trace:" 2 "${b[@]}" density --scenarios trace:
probe "run --out ''" 2 "${b[@]}" run --profile dry --out ''
touch afile
probe "--out FILE/sub" 2 "${b[@]}" run --profile dry --out afile/sub
probe "stdout to /dev/full" 2 bash -c "${b[*]} list >/dev/full"
probe "capture --out into a missing directory" 2 "${b[@]}" capture --size 1M --out missing/x.trace
probe "capture --out onto a directory" 2 "${b[@]}" capture --size 1M --out adir
probe "capture --range of 1 TiB" 2 "${b[@]}" capture --pid 1 --range 0-0x10000000000
probe "capture --range not mapped" 2 "${b[@]}" capture --pid $$ --range 0x1000-0x3000
"${b[@]}" run --profile dry --encodings rlist --scenarios rdma-4k --sizes 4K --operations Iterate --out good >/dev/null 2>&1
for edit in 's/"status": "measured"/"status": null/' 's|"id": "Iterate/rlist/rdma-4k/4K"|"id": "Iterate.rlist"|'; do
    rm -rf edited; cp -r good edited; sed -i "$edit" edited/batch.json
    probe "report, hand-edited ($edit)" 2 "${b[@]}" report edited
done
rm -rf edited; cp -r good edited
python3 - edited/batch.json <<'PY'
import json, sys
b = json.load(open(sys.argv[1])); b['cases'].append(b['cases'][0]); json.dump(b, open(sys.argv[1], 'w'))
PY
probe "report, a duplicate id" 2 "${b[@]}" report edited
if [[ $(id -u) == 0 ]]; then
    mkdir -p ro full; cp -r good ro-src
    mount -t tmpfs -o size=64m none ro && cp -r ro-src ro/batch && mount -o remount,ro ro
    probe "read-only: run --out" 2 "${b[@]}" run --profile dry --out ro/new
    probe "read-only: run --resume" 2 "${b[@]}" run --resume ro/batch
    probe "read-only: report" 2 "${b[@]}" report ro/batch
    umount ro
    mount -t tmpfs -o size=160k none full
    probe "full disk during the batch" 2 "${b[@]}" run --profile dry --encodings rlist,order8 --scenarios rdma-4k --out full/batch
    mount -o remount,size=64m full   # space again: the resume must finish what was recorded, nothing twice
    probe "resume after the disk was full" 0 "${b[@]}" run --resume full/batch
    python3 - full/batch/batch.json <<'PY' || { echo "FAIL the resumed batch is not whole"; failed=$((failed + 1)); }
import json, sys
cases = json.load(open(sys.argv[1]))['cases']
ids = [c['id'] for c in cases]
assert len(ids) == len(set(ids)) and all(c['status'] in ('measured', 'notApplicable') for c in cases), [c['status'] for c in cases]
PY
    mount -o remount,size=$(( $(du -sk full | cut -f1) + 16 ))k full   # full again, with the report to write
    probe "full disk during the report" 2 "${b[@]}" report full/batch
    umount full
fi
# 2. two writers: a batch killed early, then two resumes at once
rm -rf race; "${b[@]}" run --profile dry --scenarios rdma-4k,nvme-dio --out race >/dev/null 2>&1 & first=$!
sleep 3; kill -9 $first; wait $first 2>/dev/null
"${b[@]}" run --resume race >race.log 2>&1 & first=$!
sleep 1.5
probe "a second resume while one runs" 2 "${b[@]}" run --resume race
wait $first; code=$?
python3 - race/batch.json $code <<'PY' || { echo "FAIL the first resume did not finish the batch whole"; failed=$((failed + 1)); }
import json, sys
cases = json.load(open(sys.argv[1]))['cases']
ids = [c['id'] for c in cases]
assert sys.argv[2] == '0', 'exit ' + sys.argv[2]
assert len(ids) == len(set(ids)) and all(c['status'] in ('measured', 'notApplicable') for c in cases)
PY
# 7 and 8. dead ends and the silently accepted
printf '# pagetrace v1\n0x1000 1 9\n0x5000 1\n0x1001 1 0\n' > orders.trace
probe "two orders in one folio, lines apart" 2 "${b[@]}" density --trace orders.trace
printf '# pagetrace v1\n# length 4096\n# length 8192\n0x10 2\n' > length.trace
probe "a repeated # length" 2 "${b[@]}" density --trace length.trace
probe "empty --sizes" 2 "${b[@]}" density --sizes ''
probe "empty --operations" 2 "${b[@]}" run --profile dry --operations '' --out e1
probe "empty --mappers" 2 "${b[@]}" density --mappers ''
probe "--mappers none,iommu" 2 "${b[@]}" density --mappers none,iommu
probe "--json=yes" 2 "${b[@]}" density --json=yes
probe "the same trace twice" 0 "${b[@]}" density --trace highest.trace --trace ./highest.trace
rm -rf litter; mkdir litter
probe "capture --out DIR/x leaves no DIR/x.tmp" 0 "${b[@]}" capture --size 1M --out litter/x.trace
ls litter | grep -q tmp && { echo "FAIL capture left $(ls litter)"; failed=$((failed + 1)); }
echo "$failed probes failed (workdir $work)"
exit $((failed > 0))
