using System.Numerics;

namespace Hmc.Native.Data;

/// <summary>The MNIST digits loaded by <see cref="Mnist.Load{T}"/>: a training set and a validation set.</summary>
/// <param name="Train">The first digits of the training file (train-*).</param>
/// <param name="Validation">The first digits of the test file (t10k-*).</param>
/// <param name="Directory">The directory the files were read from.</param>
public sealed record MnistData<T>(MnistDigits<T> Train, MnistDigits<T> Validation, string Directory) where T : unmanaged, IFloatingPointIeee754<T>;
