"""hamiltorch on a CUDA device, for the same Bayesian CNN workload as Hmc.Native.GpuCheck's sampling check.

The MNIST CNN of hamiltorch's example notebook (431,080 weights) on 100 random 28x28 digits with random labels,
HMC with step size 0.003, one leapfrog step per sample, tau_out 1, prior precision 1 per layer; then prediction of
1,000 random digits with 50 of the samples. Prints samples/sec of sample_model (after 3 untimed samples) and the
prediction time, with torch.cuda.synchronize() around every timed call.

usage: HAMILTORCH_SRC=<folder holding hamiltorch/__init__.py> python3 hamiltorch_cnn_cuda.py [num_samples]
"""
import os
import sys
import time
import types

# hamiltorch imports termcolor only to colour its messages; a pass-through stands in where it is not installed.
sys.modules.setdefault("termcolor", types.SimpleNamespace(colored=lambda text, *args, **kwargs: text))
sys.path.insert(0, os.environ["HAMILTORCH_SRC"])

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import hamiltorch  # noqa: E402


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5, 1)
        self.conv2 = nn.Conv2d(20, 50, 5, 1)
        self.fc1 = nn.Linear(4 * 4 * 50, 500)
        self.fc2 = nn.Linear(500, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2, 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2, 2))
        x = x.view(-1, 4 * 4 * 50)
        return self.fc2(F.relu(self.fc1(x)))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    device = torch.device("cuda")
    print(f"torch {torch.__version__}, hamiltorch {getattr(hamiltorch, '__version__', '?')}, {torch.cuda.get_device_name(0)}")
    hamiltorch.set_random_seed(123)
    net = CNN().to(device)
    x_train = torch.rand(100, 1, 28, 28, device=device)
    y_train = torch.randint(0, 10, (100,), device=device)
    x_val = torch.rand(1000, 1, 28, 28, device=device)
    y_val = torch.randint(0, 10, (1000,), device=device)
    tau_list = torch.tensor([1.0 for _ in net.parameters()], device=device)
    params_init = hamiltorch.util.flatten(net).to(device).clone()
    settings = dict(model_loss="multi_class_linear_output", step_size=0.003, num_steps_per_sample=1, tau_out=1.0,
                    tau_list=tau_list, verbose=False)
    hamiltorch.sample_model(net, x_train, y_train, params_init=params_init, num_samples=3, **settings)
    torch.cuda.synchronize()
    start = time.perf_counter()
    samples = hamiltorch.sample_model(net, x_train, y_train, params_init=params_init, num_samples=n, **settings)
    torch.cuda.synchronize()
    wall = time.perf_counter() - start
    print(f"hamiltorch sample_model on CUDA: {n} samples in {wall:.3f} s = {n / wall:.1f} samples/s")
    start = time.perf_counter()
    hamiltorch.predict_model(net, samples=samples[:50], x=x_val, y=y_val, model_loss="multi_class_linear_output",
                             tau_out=1.0, tau_list=tau_list)
    torch.cuda.synchronize()
    wall = time.perf_counter() - start
    print(f"hamiltorch predict_model on CUDA: 50 samples x 1000 digits in {wall:.3f} s")


if __name__ == "__main__":
    main()
