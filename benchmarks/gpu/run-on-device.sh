#!/usr/bin/env bash
# Every device figure of Hmc.Native comes from a run of this script on the device, in one command:
#
#   HAMILTORCH_SRC=/path/to/hamiltorch benchmarks/gpu/run-on-device.sh [--index N] [--chain-samples N] [--hamiltorch-samples N]
#
# run from a checkout of the repository on a linux-x64 machine with an NVIDIA GPU (H100, H200, ...). It
#   1. builds the check program (benchmarks/gpu/Hmc.Native.GpuCheck) with the .NET 10 SDK, or, on a machine
#      without the SDK, uses the self-contained package made by `run-on-device.sh pack` elsewhere
#      (HMC_GPUCHECK=path/to/Hmc.Native.GpuCheck, or the package unpacked at
#      benchmarks/gpu/Hmc.Native.GpuCheck/bin/device-package/hmc-gpucheck/);
#   2. runs every kernel check on CUDA, times the kernels (each with its fraction of the card's peak FLOP/s or
#      bandwidth), checks and times the CNN sampling, and measures samples/s of the seed's CNN (100 digits, L 1)
#      with Chains = K for K = 1, 4, 16, 64;
#   3. runs hamiltorch on the same card (benchmarks/gpu/hamiltorch_cnn_cuda.py: the workload of
#      ../shared/peers/hamiltorch/run_bnn.py cnn with its tensors on CUDA; that script itself runs on the CPU);
#   4. writes benchmarks/gpu/results/<UTC time>-<commit>.log (the raw output of every step) and
#      benchmarks/gpu/results/<UTC time>-<commit>.json with the keys commit, device, driver, kernel_checks
#      (pass/fail each), peak, kernel_timings, samples_per_second ("1", "4", "16", "64"), samples_per_chain,
#      hamiltorch_samples_per_second and hamiltorch_error (null when hamiltorch ran).
#
# Needs: the NVIDIA driver (nvidia-smi, libcuda.so; no CUDA toolkit: ILGPU writes the PTX), python3, git, and
# for the hamiltorch figure python3 with a CUDA build of PyTorch and HAMILTORCH_SRC set to a checkout of
# AdamCobb/hamiltorch (the folder holding hamiltorch/__init__.py). Without HAMILTORCH_SRC the script stops before
# running anything, unless --skip-hamiltorch is given (then hamiltorch_samples_per_second is null and
# hamiltorch_error says why). Exit status: 0 when every check passed, 1 when a check failed, 2 for a setup problem.
#
#   benchmarks/gpu/run-on-device.sh pack [output-directory]
# publishes the check program as a self-contained linux-x64 application (no .NET needed on the target) into
# hmc-gpucheck-linux-x64.tar.gz, for a GPU machine without the SDK.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
project="$here/Hmc.Native.GpuCheck/Hmc.Native.GpuCheck.csproj"

if [[ "${1:-}" == "pack" ]]; then
  out_arg="${2:-$here/Hmc.Native.GpuCheck/bin/device-package}"
  out="$(mkdir -p "$out_arg" && cd "$out_arg" && pwd)"
  rm -rf "$out/hmc-gpucheck"
  dotnet publish "$project" -c Release -r linux-x64 --self-contained true -p:PublishTrimmed=false -o "$out/hmc-gpucheck"
  tar -C "$out" -czf "$out/hmc-gpucheck-linux-x64.tar.gz" hmc-gpucheck
  echo "Packed $out/hmc-gpucheck-linux-x64.tar.gz; on the GPU machine unpack it under benchmarks/gpu/Hmc.Native.GpuCheck/bin/device-package/"
  echo "or set HMC_GPUCHECK to its Hmc.Native.GpuCheck, then run benchmarks/gpu/run-on-device.sh"
  exit 0
fi

index=0
chain_samples=50
hamiltorch_samples=200
skip_hamiltorch=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --index) index="$2"; shift 2 ;;
    --chain-samples) chain_samples="$2"; shift 2 ;;
    --hamiltorch-samples) hamiltorch_samples="$2"; shift 2 ;;
    --skip-hamiltorch) skip_hamiltorch=1; shift ;;
    *) echo "run-on-device.sh: unknown argument '$1' (see the comment at the top of the script)" >&2; exit 2 ;;
  esac
done

if [[ $skip_hamiltorch -eq 0 && -z "${HAMILTORCH_SRC:-}" ]]; then
  echo "run-on-device.sh: set HAMILTORCH_SRC to a hamiltorch checkout (the folder holding hamiltorch/__init__.py)," >&2
  echo "or pass --skip-hamiltorch to record the run without hamiltorch's figure." >&2
  exit 2
fi
if [[ $skip_hamiltorch -eq 0 && ! -f "$HAMILTORCH_SRC/hamiltorch/__init__.py" ]]; then
  echo "run-on-device.sh: HAMILTORCH_SRC=$HAMILTORCH_SRC has no hamiltorch/__init__.py" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "run-on-device.sh: python3 is needed (it writes the JSON)" >&2; exit 2; }

commit="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then commit="$commit-modified"; fi
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$here/results"
mkdir -p "$results"
log="$results/$stamp-$commit.log"
json="$results/$stamp-$commit.json"
check_json="$(mktemp)"
hamiltorch_out="$(mktemp)"
trap 'rm -f "$check_json" "$hamiltorch_out"' EXIT

{
  echo "# benchmarks/gpu/run-on-device.sh at commit $commit, $stamp"
  nvidia-smi || echo "nvidia-smi failed"
} >"$log" 2>&1
driver="$(nvidia-smi --query-gpu=driver_version --format=csv,noheader -i "$index" 2>/dev/null | head -1 || true)"

if [[ -n "${HMC_GPUCHECK:-}" ]]; then
  check=("$HMC_GPUCHECK")
elif command -v dotnet >/dev/null; then
  echo "## dotnet build" >>"$log"
  dotnet build "$project" -c Release >>"$log" 2>&1 || { echo "run-on-device.sh: the build failed; see $log" >&2; exit 2; }
  check=(dotnet "$here/Hmc.Native.GpuCheck/bin/Release/net10.0/Hmc.Native.GpuCheck.dll")
elif [[ -x "$here/Hmc.Native.GpuCheck/bin/device-package/hmc-gpucheck/Hmc.Native.GpuCheck" ]]; then
  check=("$here/Hmc.Native.GpuCheck/bin/device-package/hmc-gpucheck/Hmc.Native.GpuCheck")
else
  echo "run-on-device.sh: no .NET SDK here and no package: run 'benchmarks/gpu/run-on-device.sh pack' on a machine with" >&2
  echo "the .NET 10 SDK, unpack hmc-gpucheck-linux-x64.tar.gz under benchmarks/gpu/Hmc.Native.GpuCheck/bin/device-package/ here" >&2
  echo "(or set HMC_GPUCHECK to its Hmc.Native.GpuCheck), and run this script again." >&2
  exit 2
fi

echo "## Hmc.Native.GpuCheck --device cuda --index $index --seed 1 --chains 1,4,16,64 --chain-samples $chain_samples" | tee -a "$log"
set +e
"${check[@]}" --device cuda --index "$index" --seed 1 --chains 1,4,16,64 --chain-samples "$chain_samples" --json "$check_json" 2>&1 | tee -a "$log"
check_status=${PIPESTATUS[0]}
set -e
if [[ $check_status -eq 2 || ! -s "$check_json" ]]; then
  echo "run-on-device.sh: the check program could not run on CUDA (status $check_status); see $log" >&2
  exit 2
fi

hamiltorch_error=""
if [[ $skip_hamiltorch -eq 1 ]]; then
  hamiltorch_error="not run: --skip-hamiltorch"
else
  echo "## HAMILTORCH_SRC=$HAMILTORCH_SRC python3 benchmarks/gpu/hamiltorch_cnn_cuda.py $hamiltorch_samples" | tee -a "$log"
  set +e
  python3 "$here/hamiltorch_cnn_cuda.py" "$hamiltorch_samples" 2>&1 | tee "$hamiltorch_out" | tee -a "$log"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || hamiltorch_error="hamiltorch_cnn_cuda.py failed; see the log"
  set -e
fi

python3 - "$check_json" "$hamiltorch_out" "$json" "$commit" "$driver" "$hamiltorch_error" <<'PY'
import json, re, sys
check_path, hamiltorch_path, out_path, commit, driver, hamiltorch_error = sys.argv[1:]
check = json.load(open(check_path))
rate = None
if not hamiltorch_error:
    found = re.search(r"sample_model on CUDA: \d+ samples in [\d.]+ s = ([\d.]+) samples/s", open(hamiltorch_path).read())
    rate = float(found.group(1)) if found else None
    if rate is None:
        hamiltorch_error = "no samples/s line in hamiltorch_cnn_cuda.py's output"
report = {
    "commit": commit,
    "device": check["device"],
    "driver": driver or None,
    "kernel_checks": check["kernel_checks"],
    "peak": check["peak"],
    "kernel_timings": check["kernel_timings"],
    "samples_per_second": check["samples_per_second"],
    "samples_per_chain": check["samples_per_chain"],
    "hamiltorch_samples_per_second": rate,
    "hamiltorch_error": hamiltorch_error or None,
}
json.dump(report, open(out_path, "w"), indent=2)
failed = [name for name, result in check["kernel_checks"].items() if result != "pass"]
print(f"{len(check['kernel_checks']) - len(failed)} of {len(check['kernel_checks'])} checks passed; samples/s by K: {check['samples_per_second']}; hamiltorch: {rate}")
PY
echo "Wrote $log and $json"
exit $(( check_status == 0 ? 0 : 1 ))
