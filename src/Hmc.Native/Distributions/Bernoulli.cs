using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The Bernoulli distribution on {0, 1} with success probability p, given as probabilities or as logits l = ln(p/(1 − p)):
/// <code>
///   ln p(x) = x ln p + (1 − x) ln(1 − p)        (from probabilities, with 0·ln 0 = 0),
///   ln p(x) = x·l − ln(1 + eˡ)                    (from logits, by a stable softplus),      x ∈ {0, 1}.
/// </code>
/// </summary>
/// <remarks>
/// Differentiable in the parameter (at p exactly 0 or 1 the value is exact and the derivative with respect to p is
/// infinite where the value is −∞). Values other than 0 and 1 give −∞ (with zero gradient); NaN gives NaN.
/// </remarks>
public sealed class Bernoulli<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Bernoulli(Tensor<T> probs, Tensor<T> logits, Shape batchShape)
        : base("Bernoulli", batchShape, Shape.Scalar)
    {
        Probs = probs.IsNone ? default : Checked(probs, nameof(probs), ParameterRule<T>.Probability);
        Logits = logits.IsNone ? default : Checked(logits, nameof(logits), ParameterRule<T>.Finite);
    }

    /// <summary>A Bernoulli distribution with success probabilities <paramref name="probs"/>.</summary>
    /// <exception cref="ArgumentException">A constant probability is outside [0, 1] or NaN.</exception>
    public static Bernoulli<T> FromProbs(Tensor<T> probs)
    {
        var shape = DistributionArguments.ShapeOf("Bernoulli", probs, nameof(probs));
        return new(probs, default, shape);
    }

    /// <summary>A Bernoulli distribution with success log-odds <paramref name="logits"/> (p = σ(l)).</summary>
    /// <exception cref="ArgumentException">A constant logit is not finite.</exception>
    public static Bernoulli<T> FromLogits(Tensor<T> logits)
    {
        var shape = DistributionArguments.ShapeOf("Bernoulli", logits, nameof(logits));
        return new(default, logits, shape);
    }

    /// <summary>The success probabilities p when built by <see cref="FromProbs"/>; none otherwise.</summary>
    public Tensor<T> Probs { get; }

    /// <summary>The log-odds l when built by <see cref="FromLogits"/>; none otherwise.</summary>
    public Tensor<T> Logits { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var inside = Support.Mask(value, Logits.IsNone ? Probs : Logits, static x => T.IsNaN(x) || x == T.Zero || x == T.One);
        var x = Support.Select(inside, value, T.Zero);
        var logMass = Logits.IsNone
            ? Support.XLogY(x, Probs) + Support.XLog1pNegativeY(T.One - x, Probs)
            : x * Logits - Logits.Softplus();
        return Support.Restrict(inside, logMass);
    }
}
