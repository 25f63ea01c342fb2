#!/bin/bash
# Submits the chains as an array job and the summary as a job that starts once every chain has succeeded.
# Run from the folder the draws and logs go to: deploy/slurm/submit.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p logs
chains=$(sbatch --parsable "$here/chains.sbatch")
sbatch --dependency=afterok:"$chains" "$here/summary.sbatch"
