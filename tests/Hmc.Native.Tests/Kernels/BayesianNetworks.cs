using Hmc.Native.Nn;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>Small networks and data sets shared by the device network, log-posterior and sampler tests.</summary>
internal static class BayesianNetworks
{
    /// <summary>conv 1→2 k3 on 6×6, max pool 2, ReLU, flatten, linear 8→3: 47 parameters.</summary>
    public static Module<float> SmallCnn() => new Sequential<float>(
        new Conv2d<float>(1, 2, 3), new MaxPool2d<float>(2), new ReLU<float>(), new Flatten<float>(), new Linear<float>(8, 3));

    /// <summary>
    /// conv 1→3 k3 with stride 1, padding 1 and no bias, tanh, overlapping max pool k3 s2, then a nested Sequential
    /// of flatten and linear 12→3: 27 + 39 = 66 parameters.
    /// </summary>
    public static Module<float> PaddedCnn() => new Sequential<float>(
        new Conv2d<float>(1, 3, 3, stride: 1, padding: 1, bias: false), new Tanh<float>(), new MaxPool2d<float>(3, stride: 2),
        new Sequential<float>(new Flatten<float>(), new Linear<float>(12, 3)));

    /// <summary>linear 5→4, tanh, linear 4→3, sigmoid, linear 3→2 (regression with two outputs): 24 + 15 + 8 = 47 parameters.</summary>
    public static Module<float> SigmoidMlp() => new Sequential<float>(
        new Linear<float>(5, 4), new Tanh<float>(), new Linear<float>(4, 3), new Sigmoid<float>(), new Linear<float>(3, 2));

    /// <summary><paramref name="count"/> random 1×6×6 images with values in [−1, 1].</summary>
    public static Tensor<float> Images(int count, int seed) =>
        Tensor.FromSpan<float>(TestData.Uniform(count * 36, seed), new Shape(count, 1, 6, 6));

    /// <summary>Random labels in 0..classes−1, as numbers.</summary>
    public static Tensor<float> Labels(int count, int classes, int seed) =>
        Tensor.FromVector<float>(Array.ConvertAll(TestData.Labels(count, classes, seed), l => (float)l));

    /// <summary>A random matrix [rows, columns] with values in [−1, 1].</summary>
    public static Tensor<float> Matrix(int rows, int columns, int seed) =>
        Tensor.FromSpan<float>(TestData.Uniform(rows * columns, seed), new Shape(rows, columns));

    /// <summary>The model's default initial parameters, as doubles.</summary>
    public static double[] Initial(Module<float> model, int seed) => TestData.ToDouble(model.InitialParameters(seed));
}
