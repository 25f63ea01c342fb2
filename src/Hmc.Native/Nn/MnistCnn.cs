using System.Numerics;

namespace Hmc.Native.Nn;

/// <summary>
/// The MNIST network of hamiltorch's Bayesian-CNN example: conv 1→20 (5×5), max-pool 2, ReLU, conv 20→50 (5×5),
/// max-pool 2, ReLU, flatten, linear 800→500, ReLU, linear 500→10 (logits): 431,080 parameters.
/// </summary>
public static class MnistCnn
{
    /// <summary>Builds the network.</summary>
    public static Sequential<T> Create<T>() where T : unmanaged, IFloatingPointIeee754<T> => new(
        new Conv2d<T>(1, 20, 5),
        new MaxPool2d<T>(2),
        new ReLU<T>(),
        new Conv2d<T>(20, 50, 5),
        new MaxPool2d<T>(2),
        new ReLU<T>(),
        new Flatten<T>(),
        new Linear<T>(800, 500),
        new ReLU<T>(),
        new Linear<T>(500, 10));
}
