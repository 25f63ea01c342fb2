using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// Checks of distribution parameters, made once when a distribution is built (on the current values of tape
/// tensors), with messages that name the distribution, the parameter, the rule and the first offending element.
/// </summary>
internal static class DistributionArguments
{
    /// <summary>Throws for the default (none) tensor.</summary>
    /// <exception cref="ArgumentException">The tensor is none.</exception>
    public static void RequireTensor<T>(Tensor<T> t, string distribution, string parameter) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (t.IsNone) throw new ArgumentException($"{distribution}: '{parameter}' is the default (none) tensor.", parameter);
    }

    /// <summary>Every element finite (no NaN, no infinity).</summary>
    public static void RequireFinite<T>(Tensor<T> t, string distribution, string parameter) where T : unmanaged, IFloatingPointIeee754<T> =>
        Require(t, distribution, parameter, static v => T.IsFinite(v), "finite");

    /// <summary>Every element positive and finite.</summary>
    public static void RequirePositive<T>(Tensor<T> t, string distribution, string parameter) where T : unmanaged, IFloatingPointIeee754<T> =>
        Require(t, distribution, parameter, static v => v > T.Zero && T.IsFinite(v), "positive and finite");

    /// <summary>Every element non-negative and finite.</summary>
    public static void RequireNonNegative<T>(Tensor<T> t, string distribution, string parameter) where T : unmanaged, IFloatingPointIeee754<T> =>
        Require(t, distribution, parameter, static v => v >= T.Zero && T.IsFinite(v), "non-negative and finite");

    /// <summary>Every element a probability, in [0, 1].</summary>
    public static void RequireProbability<T>(Tensor<T> t, string distribution, string parameter) where T : unmanaged, IFloatingPointIeee754<T> =>
        Require(t, distribution, parameter, static v => v >= T.Zero && v <= T.One, "a probability in [0, 1]");

    /// <summary>Every element a non-negative integer (a count).</summary>
    public static void RequireCount<T>(Tensor<T> t, string distribution, string parameter) where T : unmanaged, IFloatingPointIeee754<T> =>
        Require(t, distribution, parameter, static v => v >= T.Zero && T.IsInteger(v), "a non-negative integer");

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

    /// <summary>Throws unless every element satisfies <paramref name="valid"/>.</summary>
    /// <exception cref="ArgumentException">An element breaks the rule; the message names it.</exception>
    private static void Require<T>(Tensor<T> t, string distribution, string parameter, Func<T, bool> valid, string requirement)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireTensor(t, distribution, parameter);
        var values = t.Values;
        for (int i = 0; i < values.Length; i++)
        {
            if (!valid(values[i]))
                throw new ArgumentException($"{distribution}: '{parameter}' must be {requirement}; element {i} is {values[i]}.", parameter);
        }
    }
}
