#!/usr/bin/env bash
# Publishes the `hmc` tool as one self-contained composite ReadyToRun image for this machine, with the vector code
# paths precompiled for the highest x86-64 level the processor supports, and prints the path of the executable.
# The side-by-side scripts time whole runs, start-up included, so they run this build.
#
# usage: benchmarks/compare/publish-hmc.sh OUT_FOLDER [LOG_FILE]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="$1"
LOG="${2:-/dev/null}"
RID="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
LEVEL=""
if [[ "$RID" == *x64 ]]; then
  if grep -qw avx512f /proc/cpuinfo && grep -qw avx512bw /proc/cpuinfo && grep -qw avx512vl /proc/cpuinfo; then LEVEL=x86-64-v4
  elif grep -qw avx2 /proc/cpuinfo; then LEVEL=x86-64-v3
  fi
fi
dotnet publish "$ROOT/src/Hmc.Native.Cli" -c Release -r "$RID" -o "$DEST" -nologo -v q ${LEVEL:+-p:HmcInstructionSet=$LEVEL} >"$LOG" 2>&1 \
  || { cat "$LOG" >&2; exit 1; }
echo "$DEST/hmc"
