using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise digamma function: out = ψ(x) = d ln Γ(x)/dx; ∂out/∂x = ψ⁽¹⁾(x), the trigamma function
/// (<see cref="PolygammaOp"/> of order 1, itself differentiable to any order). As PyTorch: ψ(+0) = −∞, ψ(−0) = +∞,
/// NaN at the negative integers and at −∞, ψ(+∞) = +∞, NaN propagates.
/// </summary>
/// <remarks>
/// For x ≥ 10 the asymptotic series (DLMF 5.11.2)
/// <code>
///   ψ(x) = ln x − 1/(2x) − Σₖ₌₁⁸ B₂ₖ / (2k x²ᵏ)
/// </code>
/// is summed (truncation error below 10⁻¹⁹); smaller positive x are shifted up with ψ(x) = ψ(x + m) − Σ_{k&lt;m} 1/(x + k)
/// and negative x use the reflection ψ(x) = ψ(1 − x) − π cot πx (DLMF 5.5.4). The relative error is a few ulps
/// except near the positive zero x ≈ 1.4616, where the absolute error is about 10⁻¹⁶. Single precision is
/// computed in double and rounded.
/// </remarks>
public static class DigammaOp
{
    /// <summary>Elementwise <c>ψ(x)</c>.</summary>
    public static Tensor<T> Digamma<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "digamma", nameof(x));
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var values = x.Values;
        var d = result.MutableValues;
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(Compute(double.CreateTruncating(values[i])));
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>ψ(x) of one double (the algorithm in the class remarks).</summary>
    internal static double Compute(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x == 0) return double.IsNegative(x) ? double.PositiveInfinity : double.NegativeInfinity;
        if (x < 0)
        {
            if (x == Math.Floor(x)) return double.NaN;
            // ψ(x) = ψ(1 − x) − π cot πx.
            return Compute(1 - x) - Math.PI / TanPi(x);
        }
        double shift = 0;
        // ψ(x) = ψ(x + m) − Σ_{k<m} 1/(x + k).
        while (x < AsymptoticThreshold)
        {
            shift += 1 / x;
            x += 1;
        }
        return Asymptotic(x) - shift;
    }

    /// <summary>Below this the argument is shifted up before the asymptotic series is summed.</summary>
    private const double AsymptoticThreshold = 10;

    /// <summary>B₂ₖ / (2k) for k = 1..8.</summary>
    private static ReadOnlySpan<double> Coefficients =>
    [
        1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12, -3617.0 / 8160,
    ];

    /// <summary>The asymptotic series for x ≥ 10.</summary>
    private static double Asymptotic(double x)
    {
        double inverseSquared = 1 / (x * x), sum = 0;
        var c = Coefficients;
        for (int k = c.Length - 1; k >= 0; k--) sum = sum * inverseSquared + c[k];
        return Math.Log(x) - 0.5 / x - sum * inverseSquared;
    }

    /// <summary>tan πx for a non-integer x, reduced to an argument in (−π/2, π/2) first so that large |x| stay accurate.</summary>
    internal static double TanPi(double x)
    {
        double r = x - Math.Floor(x);
        return Math.Tan(Math.PI * (r > 0.5 ? r - 1 : r));
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "digamma";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            var x = n.A.Values;
            // x̄ += ḡ·ψ⁽¹⁾(x).
            for (int i = 0; i < ga.Length; i++) ga[i] += g[i] * T.CreateTruncating(PolygammaOp.Compute(1, double.CreateTruncating(x[i])));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Polygamma(1)));
        }
    }
}
