using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Data;

/// <summary>A set of MNIST digits: normalised images [Count, 1, 28, 28] row-major and their labels 0–9.</summary>
/// <param name="Images">Count·784 pixel values, normalised as torchvision does: (x/255 − 0.1307)/0.3081.</param>
/// <param name="Labels">Count labels in 0..9.</param>
public sealed record MnistDigits<T>(T[] Images, int[] Labels) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of digits.</summary>
    public int Count => Labels.Length;

    /// <summary>The image batch shape [Count, 1, 28, 28].</summary>
    public Shape ImageShape => new(Count, 1, Mnist.Side, Mnist.Side);

    /// <summary>The images as a constant tensor [Count, 1, 28, 28] sharing <see cref="Images"/> (not copied).</summary>
    public Tensor<T> ImageTensor() => new(Images, ImageShape);
}
