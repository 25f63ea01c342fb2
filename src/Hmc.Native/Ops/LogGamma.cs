using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise log-gamma: out = ln |Γ(x)|; ∂out/∂x = ψ(x), the digamma function (<see cref="DigammaOp"/>), whose
/// own derivative is the trigamma function ψ⁽¹⁾ (<see cref="PolygammaOp"/>), so Hessians and higher derivatives
/// pass through. lgamma(+∞) = +∞, lgamma(x) = +∞ at the poles x = 0, −1, −2, … and at −∞, NaN propagates.
/// </summary>
/// <remarks>
/// For x ≥ 10 Stirling's series (DLMF 5.11.1)
/// <code>
///   ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + Σₖ₌₁⁸ B₂ₖ / (2k(2k − 1) x²ᵏ⁻¹)
/// </code>
/// is summed; its truncation error is below 10⁻¹⁸ there. Smaller positive x are first shifted up with the
/// recurrence ln Γ(x) = ln Γ(x + m) − ln(x(x + 1)⋯(x + m − 1)), and negative x use the reflection formula
/// ln |Γ(x)| = ln π − ln |sin πx| − ln Γ(1 − x) (DLMF 5.5.3). The relative error is a few ulps away from the zeros
/// at x = 1 and x = 2, where the absolute error is about 10⁻¹⁵. Single precision is computed in double and rounded.
/// </remarks>
public static class LogGammaOp
{
    /// <summary>Elementwise <c>ln |Γ(x)|</c>.</summary>
    public static Tensor<T> LogGamma<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "log-gamma", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var values = x.Values;
        var d = result.MutableValues;
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(Compute(double.CreateTruncating(values[i])));
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>ln |Γ(x)| of one double (the algorithm in the class remarks).</summary>
    internal static double Compute(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0)
        {
            if (x == Math.Floor(x)) return double.PositiveInfinity;
            // ln |Γ(x)| = ln π − ln |sin πx| − ln Γ(1 − x).
            return Math.Log(Math.PI / SinPiAbs(x)) - Compute(1 - x);
        }
        if (double.IsPositiveInfinity(x)) return x;
        double shift = 0;
        if (x < StirlingThreshold)
        {
            // ln Γ(x) = ln Γ(x + m) − ln Π_{k<m}(x + k).
            double product = 1;
            while (x < StirlingThreshold)
            {
                product *= x;
                x += 1;
            }
            shift = Math.Log(product);
        }
        return Stirling(x) - shift;
    }

    /// <summary>Below this the argument is shifted up before Stirling's series is summed.</summary>
    private const double StirlingThreshold = 10;

    /// <summary>½ ln 2π.</summary>
    private const double HalfLogTwoPi = 0.91893853320467274178032973640562;

    /// <summary>B₂ₖ / (2k(2k − 1)) for k = 1..8 (B₂ₖ the Bernoulli numbers).</summary>
    private static ReadOnlySpan<double> StirlingCoefficients =>
    [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
    ];

    /// <summary>Stirling's series for x ≥ 10.</summary>
    private static double Stirling(double x)
    {
        double inverse = 1 / x, inverseSquared = inverse * inverse, sum = 0;
        var c = StirlingCoefficients;
        // Horner in 1/x² from the smallest term.
        for (int k = c.Length - 1; k >= 0; k--) sum = sum * inverseSquared + c[k];
        return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + sum * inverse;
    }

    /// <summary>|sin πx| for a non-integer x, reduced to an argument in (0, π/2] first so that large |x| stay accurate.</summary>
    internal static double SinPiAbs(double x)
    {
        double r = x - Math.Floor(x);
        return Math.Sin(Math.PI * Math.Min(r, 1 - r));
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "log-gamma";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            var x = n.A.Values;
            // x̄ += ḡ·ψ(x).
            for (int i = 0; i < ga.Length; i++) ga[i] += g[i] * T.CreateTruncating(DigammaOp.Compute(double.CreateTruncating(x[i])));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Digamma()));
        }
    }
}
