"""Runs one workload of the hamiltorch harness (../shared/peers/hamiltorch/run_density.py, unchanged) and also
writes the draws it returned, so that both sides' ESS can be computed by the same estimator.

usage: /usr/bin/python3 peer_with_draws.py PEER_DIR RUN TAG DRAWS_CSV
The harness's report goes to $HT_RESULTS/RUN_TAG.json as usual. The draws are written after the timed call
(element 0, hamiltorch's copy of params_init, dropped as the harness does), so the timing is unaffected.
"""
import sys

peer_dir, run, tag, draws_csv = sys.argv[1:5]
sys.path.insert(0, peer_dir)

import common  # noqa: E402  (the harness's module; imports torch and hamiltorch)
import run_density  # noqa: E402

_timed_capture = common.timed_capture


def _timed_capture_keeping_draws(fn, *args, **kwargs):
    out = _timed_capture(fn, *args, **kwargs)
    arr = common.samples_to_array(out[0], drop_init=True)
    with open(draws_csv, "w") as f:
        f.write(",".join("p%d" % (i + 1) for i in range(arr.shape[1])) + "\n")
        for row in arr:
            f.write(",".join(repr(float(x)) for x in row) + "\n")
    return out


common.timed_capture = _timed_capture_keeping_draws
sys.argv = ["run_density.py", run, "--tag", tag]
run_density.main()
