#!/usr/bin/env bash
# Publishes the GPU check program as a self-contained linux-x64 application (no .NET needed on the target) and
# packs it into hmc-gpucheck-linux-x64.tar.gz. Usage: benchmarks/gpu/run-on-device.sh [output-directory]
# Then, on the GPU machine: tar xzf hmc-gpucheck-linux-x64.tar.gz && ./hmc-gpucheck/Hmc.Native.GpuCheck --device cuda
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_arg="${1:-$here/Hmc.Native.GpuCheck/bin/device-package}"
out="$(mkdir -p "$out_arg" && cd "$out_arg" && pwd)"
stage="$out/hmc-gpucheck"

rm -rf "$stage"
dotnet publish "$here/Hmc.Native.GpuCheck/Hmc.Native.GpuCheck.csproj" \
  -c Release -r linux-x64 --self-contained true -p:PublishTrimmed=false \
  -o "$stage"

tar -C "$out" -czf "$out/hmc-gpucheck-linux-x64.tar.gz" hmc-gpucheck
echo "Packed $out/hmc-gpucheck-linux-x64.tar.gz ($(du -h "$out/hmc-gpucheck-linux-x64.tar.gz" | cut -f1))"
echo "On the GPU machine: tar xzf hmc-gpucheck-linux-x64.tar.gz && ./hmc-gpucheck/Hmc.Native.GpuCheck --device cuda"
