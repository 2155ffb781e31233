#!/usr/bin/env bash
# The README's evolve figures on FB15k-237: the first 95 % of train.txt imported, a cycle, the other 5 %
# imported, a second cycle, a third with no new import; prints each command's wall-clock time, the cycle
# reports (steps, gate, stability) and the delta log. Undo timings: `./strata undo --store DIR dN` on the
# third cycle's deltas, newest first. About 5 minutes on 2 cores. Work folder: $WORK (default /tmp/strata-evolve).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export STRATA_JAVA_OPTS="${STRATA_JAVA_OPTS:--Xmx6g}"
E="${WORK:-/tmp/strata-evolve}"
T="${DATA:-$ROOT/../shared/data/kg/fb15k-237}/train.txt"
rm -rf "$E"
mkdir -p "$E"
N=$(wc -l < "$T")
A=$(( N * 95 / 100 ))
head -n "$A" "$T" > "$E/a.txt"
tail -n +$((A + 1)) "$T" > "$E/b.txt"
timed() {
  local s
  s=$(date +%s.%N)
  "$@"
  echo "TIME $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $s }") s: $*"
}
timed ./strata import --store "$E/store" --progress none "$E/a.txt"
timed ./strata evolve --store "$E/store" --rule-seconds 10 --progress none --report "$E/report-1"
timed ./strata import --store "$E/store" --progress none "$E/b.txt"
timed ./strata evolve --store "$E/store" --rule-seconds 10 --progress none --report "$E/report-2"
timed ./strata evolve --store "$E/store" --rule-seconds 10 --progress none --report "$E/report-3"
./strata history --store "$E/store"
