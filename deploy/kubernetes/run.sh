#!/bin/bash
# Runs the chains as an Indexed Job, waits until every index has succeeded, then runs the summary and prints it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kubectl apply -f "$here/draws-volume.yaml"
kubectl apply -f "$here/chains-job.yaml"
kubectl wait --for=condition=complete --timeout=24h job/hmc-chains
kubectl apply -f "$here/summary-job.yaml"
kubectl wait --for=condition=complete --timeout=1h job/hmc-summary
kubectl logs job/hmc-summary
