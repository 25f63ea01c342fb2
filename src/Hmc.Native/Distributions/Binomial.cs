using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The binomial distribution of the number of successes in n trials with success probability p, given as
/// probabilities or as logits l = ln(p/(1 − p)):
/// <code>
///   ln p(k) = ln Γ(n + 1) − ln Γ(k + 1) − ln Γ(n − k + 1) + k ln p + (n − k) ln(1 − p)   (probabilities, 0·ln 0 = 0),
///   ln p(k) = ln Γ(n + 1) − ln Γ(k + 1) − ln Γ(n − k + 1) + k·l − n ln(1 + eˡ)          (logits),
/// </code>
/// for k ∈ {0, 1, …, n}.
/// </summary>
/// <remarks>
/// Differentiable in p (or l); the total count enters through ln Γ and is differentiable as well, though only its
/// integer values are valid. Values that are not integers in [0, n] give −∞ (with zero gradient); NaN gives NaN.
/// </remarks>
public sealed class Binomial<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Binomial(Tensor<T> totalCount, Tensor<T> probs, Tensor<T> logits, Shape batchShape)
        : base("Binomial", batchShape, Shape.Scalar)
    {
        TotalCount = Checked(totalCount, nameof(totalCount), ParameterRule<T>.Count);
        Probs = probs.IsNone ? default : Checked(probs, nameof(probs), ParameterRule<T>.Probability);
        Logits = logits.IsNone ? default : Checked(logits, nameof(logits), ParameterRule<T>.Finite);
    }

    /// <summary>A binomial distribution with <paramref name="totalCount"/> trials and success probabilities <paramref name="probs"/> (shapes broadcast).</summary>
    /// <exception cref="ArgumentException">A constant count is not a non-negative integer, or a constant probability is outside [0, 1].</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static Binomial<T> FromProbs(Tensor<T> totalCount, Tensor<T> probs)
    {
        var shape = DistributionArguments.Broadcast("Binomial", totalCount, nameof(totalCount), probs, nameof(probs));
        return new(totalCount, probs, default, shape);
    }

    /// <summary>A binomial distribution with <paramref name="totalCount"/> trials and success log-odds <paramref name="logits"/> (shapes broadcast).</summary>
    /// <exception cref="ArgumentException">A constant count is not a non-negative integer, or a constant logit is not finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public static Binomial<T> FromLogits(Tensor<T> totalCount, Tensor<T> logits)
    {
        var shape = DistributionArguments.Broadcast("Binomial", totalCount, nameof(totalCount), logits, nameof(logits));
        return new(totalCount, default, logits, shape);
    }

    /// <summary>The number of trials n.</summary>
    public Tensor<T> TotalCount { get; }

    /// <summary>The success probabilities p when built by <see cref="FromProbs"/>; none otherwise.</summary>
    public Tensor<T> Probs { get; }

    /// <summary>The log-odds l when built by <see cref="FromLogits"/>; none otherwise.</summary>
    public Tensor<T> Logits { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        var n = TotalCount;
        var inside = Support.Mask(Shape.Broadcast(value.Shape, n.Shape, Name), value, n,
            static (k, count) => T.IsNaN(k) || (T.IsInteger(k) && k >= T.Zero && k <= count));
        var k = Support.Select(inside, value, T.Zero);
        var logChoose = (n + T.One).LogGamma() - (k + T.One).LogGamma() - (n - k + T.One).LogGamma();
        var logMass = Logits.IsNone
            ? Support.XLogY(k, Probs) + Support.XLog1pNegativeY(n - k, Probs)
            : k * Logits - n * Logits.Softplus();
        return Support.Restrict(inside, logChoose + logMass);
    }
}
