using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// Student's t distribution with ν degrees of freedom, location μ and scale σ:
/// <code>
///   ln p(x) = ln Γ((ν + 1)/2) − ln Γ(ν/2) − ½ ln(νπ) − ln σ − (ν + 1)/2 · ln(1 + ((x − μ)/σ)²/ν),   x ∈ ℝ.
/// </code>
/// </summary>
/// <remarks>
/// Differentiable in x, ν, μ and σ (the ν-derivatives go through <see cref="LogGammaOp"/> and
/// <see cref="DigammaOp"/>). A value of ±∞ gives −∞; NaN gives NaN.
/// </remarks>
public sealed class StudentT<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Student t distribution with <paramref name="df"/> degrees of freedom, location <paramref name="loc"/> and scale <paramref name="scale"/> (shapes broadcast).</summary>
    /// <exception cref="ArgumentException">A constant <paramref name="df"/> or <paramref name="scale"/> is not positive and finite, or a constant <paramref name="loc"/> is not finite.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public StudentT(Tensor<T> df, Tensor<T> loc, Tensor<T> scale)
        : base("StudentT", BatchShapeOf(df, loc, scale), Shape.Scalar)
    {
        Df = Checked(df, nameof(df), ParameterRule<T>.Positive);
        Loc = Checked(loc, nameof(loc), ParameterRule<T>.Finite);
        Scale = Checked(scale, nameof(scale), ParameterRule<T>.Positive);
    }

    /// <summary>The degrees of freedom ν.</summary>
    public Tensor<T> Df { get; }

    /// <summary>The location μ.</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The scale σ.</summary>
    public Tensor<T> Scale { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        ScalarLogProbShape(value);
        T half = T.CreateTruncating(0.5);
        var z = (value - Loc) / Scale;
        var halfDfPlusOne = (Df + T.One) * half;
        var normaliser = halfDfPlusOne.LogGamma() - (Df * half).LogGamma() - (Df * T.Pi).Log() * half - Scale.Log();
        return normaliser - halfDfPlusOne * (z.Square() / Df).Log1p();
    }

    private static Shape BatchShapeOf(Tensor<T> df, Tensor<T> loc, Tensor<T> scale)
    {
        var shape = DistributionArguments.Broadcast("StudentT", df, nameof(df), loc, nameof(loc));
        DistributionArguments.Broadcast("StudentT", loc, nameof(loc), scale, nameof(scale));
        return Shape.Broadcast(shape, scale.Shape, "StudentT: parameters 'df', 'loc' and 'scale'");
    }
}
