#!/usr/bin/env bash
# Side-by-side run: hamiltorch (the Python original, via the harness in ../shared/peers/hamiltorch) and
# Hmc.Native's `hmc sample` on the same workloads and settings, then Hmc.Native's NUTS on the workloads
# whose Stan figures are quoted in benchmarks/RESULTS.md. Prints markdown tables; everything it measured
# (JSON reports, draws, process CPU times, logs, tables.md) stays in the output folder.
#
# usage: benchmarks/compare/run-comparison.sh
# environment (all optional):
#   HAMILTORCH_SRC  folder holding hamiltorch/__init__.py (a `git archive` of AdamCobb/hamiltorch); without it,
#                   or without Debian's python3-torch/numpy/scipy/termcolor, the hamiltorch runs are skipped
#   PEER_DIR        the harness folder (default: ../shared/peers/hamiltorch beside the repository root)
#   PEER_PYTHON     the interpreter with torch (default /usr/bin/python3)
#   REPEATS         repeats of each hamiltorch/Hmc.Native pair, interleaved (default 3; medians are reported)
#   NUTS_REPEATS    repeats of each NUTS run (default 1)
#   STEADY_STATE=0  skip the BenchmarkDotNet run of the same HMC workloads (steady state, about a minute)
#   OUT_DIR         output folder (default benchmarks/compare/out/<date-time>)
#   SKIP_BUILD=1    use the existing Release builds
#   DOTNET_*        .NET runtime settings reach the `hmc` runs (e.g. DOTNET_TieredCompilation=0 compiles fully
#                   optimised code at once instead of starting in tier 0, which matters for runs of ~0.1 s)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEER_DIR="${PEER_DIR:-$ROOT/../shared/peers/hamiltorch}"
PEER_PYTHON="${PEER_PYTHON:-/usr/bin/python3}"
REPEATS="${REPEATS:-3}"
NUTS_REPEATS="${NUTS_REPEATS:-1}"
OUT="${OUT_DIR:-$ROOT/benchmarks/compare/out/$(date +%Y%m%d-%H%M%S)}"
HMC="$ROOT/benchmarks/compare/out/hmc-publish/hmc"
COMPARE="$ROOT/benchmarks/Hmc.Native.Compare/bin/Release/net10.0/hmc-compare"
mkdir -p "$OUT/peer" "$OUT/ours" "$OUT/nuts" "$OUT/logs"
OUT="$(cd "$OUT" && pwd)"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building (Release)"
  "$ROOT/benchmarks/compare/publish-hmc.sh" "$(dirname "$HMC")" "$OUT/logs/build-cli.log" >/dev/null
  dotnet build "$ROOT/benchmarks/Hmc.Native.Compare" -c Release -nologo -v q >"$OUT/logs/build-compare.log" 2>&1 || { cat "$OUT/logs/build-compare.log"; exit 1; }
  if [[ "${STEADY_STATE:-1}" == 1 ]]; then
    dotnet build "$ROOT/benchmarks/Hmc.Native.Benchmarks" -c Release -nologo -v q >"$OUT/logs/build-benchmarks.log" 2>&1 || { cat "$OUT/logs/build-benchmarks.log"; exit 1; }
  fi
fi

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name:[[:space:]]*//p')"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "dotnet: $(dotnet --version)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "DOTNET_ settings: $(env | grep '^DOTNET_' | tr '\n' ' ')"
} | tee "$OUT/machine.txt"

peer_ok=1
if [[ -z "${HAMILTORCH_SRC:-}" || ! -f "${HAMILTORCH_SRC}/hamiltorch/__init__.py" ]]; then
  echo "!! hamiltorch runs SKIPPED: set HAMILTORCH_SRC to a folder holding hamiltorch/__init__.py (see $PEER_DIR/README.md)"
  peer_ok=0
elif [[ ! -f "$PEER_DIR/run_density.py" ]]; then
  echo "!! hamiltorch runs SKIPPED: no harness at $PEER_DIR (set PEER_DIR)"
  peer_ok=0
elif ! "$PEER_PYTHON" -c 'import torch, numpy, scipy, termcolor' >/dev/null 2>&1; then
  echo "!! hamiltorch runs SKIPPED: $PEER_PYTHON cannot import torch, numpy, scipy and termcolor"
  echo "   (Debian: apt-get install -y python3-torch python3-numpy python3-scipy python3-termcolor)"
  peer_ok=0
fi

load() { cut -d' ' -f1-3 /proc/loadavg; }

# hamiltorch's workload RUN, repeat K
peer() {
  local run=$1 k=$2
  echo "-- hamiltorch $run (repeat $k; load $(load))"
  HT_RESULTS="$OUT/peer" HAMILTORCH_SRC="$HAMILTORCH_SRC" \
    "$PEER_PYTHON" "$ROOT/benchmarks/compare/peer_with_draws.py" "$PEER_DIR" "$run" "r$k" "$OUT/peer/${run}_r$k.draws.csv" \
    >"$OUT/logs/peer-${run}_r$k.log" 2>&1 || { echo "   failed; see $OUT/logs/peer-${run}_r$k.log"; return 0; }
}

# `hmc sample` ARGS..., report to FOLDER/NAME_rK.json
ours() {
  local folder=$1 name=$2 k=$3; shift 3
  echo "-- hmc sample $* (repeat $k; load $(load))"
  local timer=()
  [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f "%U %S" -o "$OUT/$folder/${name}_r$k.time")
  "${timer[@]}" "$HMC" sample "$@" --quiet --json "$OUT/$folder/${name}_r$k.json" >"$OUT/logs/$folder-${name}_r$k.log" 2>&1 \
    || { echo "   failed; see $OUT/logs/$folder-${name}_r$k.log"; return 0; }
}

echo "== hamiltorch and Hmc.Native, same settings ($REPEATS repeats, interleaved)"
for k in $(seq 1 "$REPEATS"); do
  # A1: 3-D Gaussian, HMC, N = 400, eps = 0.3, L = 5, unit mass, no burn
  [[ $peer_ok == 1 ]] && peer A1 "$k"
  ours ours A1 "$k" gaussian --sampler hmc --samples 400 --burn 0 --step-size 0.3 --steps 5 --mass unit --chains 1 --seed 123
  # B1: funnel D = 10, HMC, N = 500, eps = 0.3093, L = 25
  [[ $peer_ok == 1 ]] && peer B1 "$k"
  ours ours B1 "$k" funnel --sampler hmc --samples 500 --burn 0 --step-size 0.3093 --steps 25 --mass unit --chains 1 --seed 123
  # C_gauss: hamiltorch's Sampler.HMC_NUTS (fixed L = 5 with dual-averaging step size; 900 iterations incl. 500 burn,
  # target 0.8) against our NUTS with the same budget of 500 warm-up + 400 kept transitions and the same target
  [[ $peer_ok == 1 ]] && peer C_gauss "$k"
  ours ours C_gauss "$k" gaussian --sampler nuts --samples 400 --burn 500 --step-size 0.3 --desired-accept-rate 0.8 --chains 1 --seed 123
done

if [[ "${STEADY_STATE:-1}" == 1 ]]; then
  echo "== Hmc.Native HMC in steady state (BenchmarkDotNet, --job short; load $(load))"
  dotnet "$ROOT/benchmarks/Hmc.Native.Benchmarks/bin/Release/net10.0/Hmc.Native.Benchmarks.dll" \
    --filter '*SamplerBenchmarks.Hmc*' --job short --artifacts "$OUT/bdn" >"$OUT/logs/benchmarkdotnet.log" 2>&1 \
    || echo "   failed; see $OUT/logs/benchmarkdotnet.log"
fi

echo "== Hmc.Native NUTS, 4 chains x (1000 warm-up + 1000 draws)"
"$COMPARE" covariance 100 20261126 "$OUT/cov100.csv"
for k in $(seq 1 "$NUTS_REPEATS"); do
  ours nuts gaussian "$k" gaussian --sampler nuts --chains 4 --samples 1000 --burn 1000 --seed 123
  ours nuts funnel "$k" funnel --sampler nuts --chains 4 --samples 1000 --burn 1000 --seed 123
  ours nuts mvn100 "$k" mvn --cov "$OUT/cov100.csv" --mass dense --sampler nuts --chains 4 --samples 1000 --burn 1000 --seed 123
done

echo
"$COMPARE" table "$OUT" | tee "$OUT/tables.md"
echo "(results in $OUT)"
