using System.Numerics;

namespace Hmc.Native.Distributions;

/// <summary>
/// An elementwise rule a distribution parameter must satisfy: the test, the words that state it in messages
/// ("positive and finite"), and the safe value that replaces a tape element that breaks it (so the log-density
/// formula and its derivatives stay finite there before the element's log-density is set to −∞).
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal sealed record ParameterRule<T>(Func<T, bool> IsValid, string Requirement, T Safe) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>No NaN, no infinity; safe value 0.</summary>
    public static readonly ParameterRule<T> Finite = new(static v => T.IsFinite(v), "finite", T.Zero);

    /// <summary>Positive and finite; safe value 1.</summary>
    public static readonly ParameterRule<T> Positive = new(static v => v > T.Zero && T.IsFinite(v), "positive and finite", T.One);

    /// <summary>Non-negative and finite; safe value 1.</summary>
    public static readonly ParameterRule<T> NonNegative = new(static v => v >= T.Zero && T.IsFinite(v), "non-negative and finite", T.One);

    /// <summary>A probability in [0, 1]; safe value ½.</summary>
    public static readonly ParameterRule<T> Probability = new(static v => v >= T.Zero && v <= T.One, "a probability in [0, 1]", T.CreateTruncating(0.5));

    /// <summary>A non-negative integer (a count); safe value 1.</summary>
    public static readonly ParameterRule<T> Count = new(static v => v >= T.Zero && T.IsInteger(v), "a non-negative integer", T.One);
}
