#!/usr/bin/env bash
# Side-by-side run of the Riemannian and Bayesian-network workloads: hamiltorch (via the harness in
# ../shared/peers/hamiltorch) and Hmc.Native on the same settings, one after the other in one invocation, so the
# ratios are taken under the same machine load. Prints one line per run with samples/sec of both and the ratio.
#
# usage: HAMILTORCH_SRC=<folder with hamiltorch/__init__.py> benchmarks/compare/run-rmhmc-bnn.sh
#   PEER_DIR (default ../shared/peers/hamiltorch), PEER_PYTHON (default /usr/bin/python3),
#   OUT_DIR (default benchmarks/compare/out/rmhmc-bnn-<date-time>), SKIP_BUILD=1 to use the existing build
#   (publish-hmc.sh's composite ReadyToRun image in benchmarks/compare/out/hmc-publish),
#   SKIP_BNN=1 to leave out the CNN row, OURS_REPEATS (default 3) runs of each Hmc.Native row, median reported.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEER_DIR="${PEER_DIR:-$ROOT/../shared/peers/hamiltorch}"
PEER_PYTHON="${PEER_PYTHON:-/usr/bin/python3}"
OUT="${OUT_DIR:-$ROOT/benchmarks/compare/out/rmhmc-bnn-$(date +%Y%m%d-%H%M%S)}"
HMC="$ROOT/benchmarks/compare/out/hmc-publish/hmc"
mkdir -p "$OUT"
[[ "${SKIP_BUILD:-0}" == 1 ]] || "$ROOT/benchmarks/compare/publish-hmc.sh" "$(dirname "$HMC")" "$OUT/build.log" >/dev/null
echo "date $(date -u '+%Y-%m-%d %H:%M:%S UTC'); nproc $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$ROOT" rev-parse --short HEAD)"

peer_rate() { # RUN [harness args...] -> samples/sec as hamiltorch prints it
  local run=$1; shift
  if [[ -z "${HAMILTORCH_SRC:-}" ]]; then echo "skipped"; return; fi
  (cd "$OUT" && HT_RESULTS="$OUT" HAMILTORCH_SRC="$HAMILTORCH_SRC" PYTHONPATH="$HAMILTORCH_SRC" \
     "$PEER_PYTHON" "$PEER_DIR/$run" "$@" >"$OUT/peer-$*.log" 2>&1) || { echo "failed"; return; }
  python3 - "$OUT" <<'PY'
import json, sys, glob, os
out = sys.argv[1]
newest = max(glob.glob(os.path.join(out, "*.json")), key=os.path.getmtime)
with open(newest) as f: r = json.load(f)
rate = r.get("printed_samples_per_sec") or r.get("iterations_per_sec_wall")
extra = f" predict {r['predict_wall_s']:.1f} s" if "predict_wall_s" in r else ""
print(f"{rate}{extra}")
PY
}

ours_rate() { # hmc args -> samples/sec from the JSON reports: the median of OURS_REPEATS runs (default 3) and the range
  local jsons=()
  for ((k = 0; k < ${OURS_REPEATS:-3}; k++)); do
    local json="$OUT/ours-$RANDOM.json"
    "$HMC" "$@" --json "$json" >/dev/null 2>&1 || { echo "failed"; return; }
    jsons+=("$json")
  done
  python3 - "${jsons[@]}" <<'PY'
import json, statistics, sys
reports = [json.load(open(path)) for path in sys.argv[1:]]
rates = sorted(r["samples_per_second"] for r in reports)
extra = f" predict {statistics.median(r['predict_seconds'] for r in reports):.1f} s" if "predict_seconds" in reports[0] else ""
spread = f" ({rates[0]:.2f}–{rates[-1]:.2f})" if len(rates) > 1 else ""
print(f"{statistics.median(rates):.2f}{spread}{extra}")
PY
}

row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3"; }
echo "| run | hamiltorch samples/s | Hmc.Native samples/s |"
echo "|---|---|---|"
A2=$(peer_rate run_density.py A2)
row "A2 Gaussian, implicit RMHMC (Hessian), N 400, ε 0.3, L 5" "$A2" \
    "$(ours_rate sample gaussian --sampler rmhmc --samples 400 --step-size 0.3 --steps 5 --chains 1 --seed 123 --quiet)"
row "A2 same, ours with N 20000 (per-sample cost after JIT compilation)" "$A2" \
    "$(ours_rate sample gaussian --sampler rmhmc --samples 20000 --step-size 0.3 --steps 5 --chains 1 --seed 123 --quiet)"
A3=$(peer_rate run_density.py A3)
row "A3 Gaussian, explicit RMHMC (ω 100), N 400" "$A3" \
    "$(ours_rate sample gaussian --sampler rmhmc --integrator explicit --samples 400 --step-size 0.3 --steps 5 --chains 1 --seed 123 --quiet)"
row "A3 same, ours with N 20000" "$A3" \
    "$(ours_rate sample gaussian --sampler rmhmc --integrator explicit --samples 20000 --step-size 0.3 --steps 5 --chains 1 --seed 123 --quiet)"
row "B2 funnel, implicit RMHMC SoftAbs, N 10 (peer) / 300 (ours), ε 0.15, L 25" "$(peer_rate run_density.py B2 --num-samples 10 --tag n10 --no-validate-args)" \
    "$(ours_rate sample funnel --sampler rmhmc --metric softabs --jitter 0.01 --softabs-const 1e6 --fixed-point-threshold 1e-3 --samples 300 --step-size 0.15 --steps 25 --chains 1 --seed 123 --quiet)"
row "B3 funnel, explicit RMHMC SoftAbs ω 10, N 10 (peer) / 300 (ours), hamiltorch's sequential binding" "$(peer_rate run_density.py B3 --num-samples 10 --tag n10 --no-validate-args)" \
    "$(ours_rate sample funnel --sampler rmhmc --integrator explicit-sequential --explicit-binding 10 --metric softabs --jitter 0.01 --softabs-const 1e6 --samples 300 --step-size 0.15 --steps 25 --chains 1 --seed 123 --quiet)"
[[ "${SKIP_BNN:-0}" == 1 ]] || row "D CNN BNN, 100 digits, L 1, N 200, then predict 1000 digits" "$(peer_rate run_bnn.py cnn)" \
    "$(ours_rate mnist --samples 200 --burn 0 --train 100 --val 1000 --seed 123 --quiet)"
