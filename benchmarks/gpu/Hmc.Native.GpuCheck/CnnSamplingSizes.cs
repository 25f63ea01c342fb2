using Hmc.Native.Nn;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// The Bayesian CNN sampling check: the LeNet-style MNIST network conv(1→C1, k5) · ReLU · max pool 2 ·
/// conv(C1→C2, k5) · ReLU · max pool 2 · flatten · linear(16·C2→H) · ReLU · linear(H→10) on 28×28 digits.
/// <see cref="Full"/> is hamiltorch's MNIST CNN (C1 = 20, C2 = 50, H = 500: 431,080 parameters) sampled on 100
/// digits with L = 1, ε = 0.003 and predicting 1000 digits; <see cref="Small"/> shrinks it for ILGPU's CPU accelerator.
/// </summary>
internal sealed record CnnSamplingSizes(
    int FirstChannels, int SecondChannels, int Hidden, int TrainingDigits, int Samples, int CpuSamples, int PredictionDigits, int WarmUpTransitions)
{
    public const double StepSize = 0.003;
    public const int LeapfrogSteps = 1;

    public static readonly CnnSamplingSizes Full = new(20, 50, 500, TrainingDigits: 100, Samples: 50, CpuSamples: 10, PredictionDigits: 1000, WarmUpTransitions: 3);

    public static readonly CnnSamplingSizes Small = new(4, 6, 20, TrainingDigits: 4, Samples: 5, CpuSamples: 2, PredictionDigits: 8, WarmUpTransitions: 1);

    public Module<float> Model() => new Sequential<float>(
        new Conv2d<float>(1, FirstChannels, 5), new ReLU<float>(), new MaxPool2d<float>(2),
        new Conv2d<float>(FirstChannels, SecondChannels, 5), new ReLU<float>(), new MaxPool2d<float>(2),
        new Flatten<float>(), new Linear<float>(16 * SecondChannels, Hidden), new ReLU<float>(), new Linear<float>(Hidden, 10));
}
