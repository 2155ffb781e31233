#!/usr/bin/env bash
# The whole GPU check of the embedding trainer in one call on a GPU machine without Maven or a JDK.
# It reads what benchmarks/gpu/pack.sh put in target/gpu-carry (the pack, FB15k-237 and WN18RR), and runs,
# each step under its own time limit and all of them inside BUDGET seconds:
#   1. the engine check: every kernel and model on the GPU against the CPU engine (stops here only when
#      the engine does not open; a result out of tolerance is reported and the steps below still run)
#   2. time per epoch, Strata's CUDA engine against the PyTorch reference, same model and settings
#   3. ComplEx on FB15k-237 to a test MRR (goal >= 0.34), time-boxed with --max-seconds
#   4. ComplEx on WN18RR to a test MRR (goal >= 0.46), time-boxed the same way
# and writes log.txt, summary.json and results.tar.gz (every JSON) to $OUT (or ./device-out).
#
# DRY_RUN=1 runs the same steps on this machine with the CPU engine and UMLS/Kinship, to check the script.
# Settings can be changed without editing: FB_ARGS, WN_ARGS, FB_SECONDS, WN_SECONDS, BUDGET.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CARRY="${CARRY:-$ROOT/target/gpu-carry}"
RESULTS="${OUT:-$ROOT/device-out}"
WORK="${WORK:-/tmp/strata-device}"
BUDGET="${BUDGET:-480}"
DRY_RUN="${DRY_RUN:-0}"
START=$(date +%s)
mkdir -p "$RESULTS" "$WORK/json"
exec > >(tee -a "$RESULTS/log.txt") 2>&1

left() { echo $(( BUDGET - ($(date +%s) - START) )); }
# step NAME LIMIT CMD...: runs CMD under min(LIMIT, what the budget has left); its status is the step's
step() {
  local name=$1 limit=$2; shift 2
  local l; l=$(left)
  (( l < limit )) && limit=$l
  if (( limit < 10 )); then echo "== $name: skipped, the budget is spent"; return 99; fi
  echo "== $name (at most ${limit} s): $*"
  local t0; t0=$(date +%s.%N)
  timeout --kill-after=5 "$limit" "$@"
  local rc=$?
  echo "== $name: exit $rc after $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }") s"
  return $rc
}

echo "== unpacking $CARRY into $WORK"
for f in "$CARRY"/*.tar.xz; do tar -C "$WORK" -xJf "$f" || { echo "cannot unpack $f"; exit 2; }; done
S="$WORK/gpu-pack/strata"
PY="${PYTHON:-python3}"
REF="$WORK/gpu-pack/complex_reference.py"
if [ "$DRY_RUN" = 1 ]; then
  ENGINE=cpu; FB="$WORK/data/umls"; WN="$WORK/data/kinship"
  SPEED_EPOCHS=2; FB_SECONDS="${FB_SECONDS:-10}"; WN_SECONDS="${WN_SECONDS:-10}"
  SPEEDS="${SPEEDS:-64:128}"
else
  ENGINE=cuda; FB="$WORK/data/fb15k-237"; WN="$WORK/data/wn18rr"
  SPEED_EPOCHS=3; FB_SECONDS="${FB_SECONDS:-120}"; WN_SECONDS="${WN_SECONDS:-110}"
  SPEEDS="${SPEEDS:-256:256 500:500}"
fi
FB_ARGS="${FB_ARGS:---dim 500 --batch 500 --lr 0.1 --reg 0.05 --epochs 500 --eval-every 5 --patience 3}"
WN_ARGS="${WN_ARGS:---dim 500 --batch 100 --lr 0.1 --reg 0.1 --epochs 500 --eval-every 5 --patience 3}"

echo "== machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | head -3
"$PY" -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.is_available())" 2>&1
nproc; free -g | head -2

step "engine check" 150 "$S" bench engines --engine "$ENGINE" | tee "$WORK/engines.txt"
ENGINE_RC=${PIPESTATUS[0]}
# 0: every result agrees; 1: the engine ran but some result is out of tolerance (the timings and
# trainings still run, so one call still measures them; summary.json says engineCheck false);
# anything else: the engine did not open or the check broke off, so nothing below can run
ENGINE_OK=false
RUN_TRAINING=false
if [ "$ENGINE_RC" = 0 ]; then
  ENGINE_OK=true; RUN_TRAINING=true
elif [ "$ENGINE_RC" = 1 ]; then
  echo "== the engine check found disagreements (above); timing and training go on"
  RUN_TRAINING=true
else
  echo "== the engine check failed: the CUDA libraries this machine has"
  find / -xdev \( -name 'libcuda.so.1' -o -name 'libnvrtc.so*' -o -name 'libnvrtc-builtins.so*' \
    -o -name 'libcublas.so*' \) 2>/dev/null | head -20
  echo "STRATA_CUDA_LIBS=${STRATA_CUDA_LIBS:-} LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
fi

if [ "$RUN_TRAINING" = true ]; then
  for s in $SPEEDS; do
    dim=${s%%:*}; batch=${s##*:}
    step "pytorch epochs, dim $dim batch $batch" 90 "$PY" "$REF" --data "$FB" --dim "$dim" --batch "$batch" \
      --epochs "$SPEED_EPOCHS" --eval none --json "$WORK/json/speed-torch-$dim-$batch.json"
    step "strata epochs, dim $dim batch $batch" 90 "$S" train --data "$FB" --dim "$dim" --batch "$batch" \
      --epochs "$SPEED_EPOCHS" --eval-every 0 --engine "$ENGINE" --progress none \
      --out "$WORK/speed.bin" --json "$WORK/json/speed-strata-$dim-$batch.json"
  done
  # shellcheck disable=SC2086
  step "FB15k-237" $((FB_SECONDS + 90)) "$S" bench train --data "$FB" --model complex $FB_ARGS \
    --max-seconds "$FB_SECONDS" --engine "$ENGINE" --progress none --json "$WORK/json/quality-fb15k-237.json"
  # shellcheck disable=SC2086
  step "WN18RR" $((WN_SECONDS + 60)) "$S" bench train --data "$WN" --model complex $WN_ARGS \
    --max-seconds "$WN_SECONDS" --engine "$ENGINE" --progress none --json "$WORK/json/quality-wn18rr.json"
fi

echo "== summary"
"$PY" - "$WORK" "$RESULTS/summary.json" "$ENGINE_OK" <<'PY'
import glob, json, os, sys
work, out, engine_ok = sys.argv[1], sys.argv[2], sys.argv[3] == "true"
def load(p):
    try:
        with open(p) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None
summary = {"engineCheck": engine_ok}
try:
    summary["engineCheckLines"] = [l.rstrip() for l in open(os.path.join(work, "engines.txt"))
                                   if "DISAGREES" in l or "agree" in l or "Comparing" in l]
except OSError:
    pass
speed = []
for t in sorted(glob.glob(os.path.join(work, "json", "speed-torch-*.json"))):
    tag = t.rsplit("speed-torch-", 1)[1][:-5]
    torch, strata = load(t), load(os.path.join(work, "json", "speed-strata-" + tag + ".json"))
    row = {"dimBatch": tag, "torchSeconds": torch and torch["epoch_seconds_mean_after_first"],
           "torchDevice": torch and torch["device"]}
    if strata:
        secs = [e["seconds"] for e in strata["epochs"]]
        row["strataSeconds"] = sum(secs[1:]) / max(1, len(secs) - 1)
        row["activationBytes"] = strata["activationBytes"]
        row["peakEngineBytes"] = strata["peakEngineBytes"]
        row["engine"] = strata["info"].get("engine")
        if row["torchSeconds"]:
            row["ratio"] = row["strataSeconds"] / row["torchSeconds"]
    speed.append(row)
summary["epochTime"] = speed
goals = {"fb15k-237": 0.34, "wn18rr": 0.46}
for step in ("fb15k-237", "wn18rr"):
    q = load(os.path.join(work, "json", "quality-" + step + ".json"))
    if q:
        tr = q["train"]
        data = tr["dataset"]
        goal = goals.get(data)
        summary["quality " + data] = {
            "testMrr": q["test"]["mrr"], "hits1": q["test"]["hits1"], "hits10": q["test"]["hits10"],
            "goal": goal, "reached": None if goal is None else q["test"]["mrr"] >= goal,
            "epochs": len(tr["epochs"]), "stoppedAtTimeLimit": tr.get("stoppedAtTimeLimit"),
            "validMrr": tr["info"].get("validMrr"), "secondsPerEpoch": q["secondsPerEpoch"],
            "totalSeconds": q["totalSeconds"], "settings": tr["info"].get("settings"),
            "engine": tr["info"].get("engine"), "activationBytes": tr["activationBytes"],
            "peakEngineBytes": tr["peakEngineBytes"]}
print(json.dumps(summary, indent=2))
with open(out, "w") as f:
    json.dump(summary, f, indent=2)
PY
tar -C "$WORK" -czf "$RESULTS/results.tar.gz" json engines.txt 2>/dev/null
echo "== done in $(( $(date +%s) - START )) s; results in $RESULTS"
