using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// Checks of the presence and shapes of distribution parameters, made once when a distribution is built, with
/// messages that name the distribution and the parameters. Shapes are programming errors and always throw; the
/// checks of parameter values are <see cref="Distribution{T}"/>'s (they throw for constants only).
/// </summary>
internal static class DistributionArguments
{
    /// <summary>Throws for the default (none) tensor.</summary>
    /// <exception cref="ArgumentException">The tensor is none.</exception>
    public static void RequireTensor<T>(Tensor<T> t, string distribution, string parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (t.IsNone) throw new ArgumentException($"{distribution}: '{parameter}' is the default (none) tensor.", parameter);
    }

    /// <summary>The broadcast shape of two parameters.</summary>
    /// <exception cref="ArgumentException">A parameter is the default (none) tensor.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both parameters and both shapes.</exception>
    public static Shape Broadcast<T>(string distribution, Tensor<T> a, string aName, Tensor<T> b, string bName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireTensor(a, distribution, aName);
        RequireTensor(b, distribution, bName);
        return Shape.Broadcast(a.Shape, b.Shape, $"{distribution}: parameters '{aName}' and '{bName}'");
    }

    /// <summary>The shape of a one-parameter distribution's batch.</summary>
    /// <exception cref="ArgumentException">The parameter is the default (none) tensor.</exception>
    public static Shape ShapeOf<T>(string distribution, Tensor<T> a, string aName) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireTensor(a, distribution, aName);
        return a.Shape;
    }
}
