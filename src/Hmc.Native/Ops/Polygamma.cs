using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// Elementwise polygamma function of order n: out = ψ⁽ⁿ⁾(x) = dⁿ⁺¹ ln Γ(x)/dxⁿ⁺¹; order 1 is the trigamma function
/// (the derivative of <see cref="DigammaOp"/>), order 0 is the digamma function itself. ∂out/∂x = ψ⁽ⁿ⁺¹⁾(x), recorded
/// as this same operation one order higher, so derivatives of every order up to <see cref="MaxOrder"/> exist (the
/// backward rules of order <see cref="MaxOrder"/> throw <see cref="NotSupportedException"/>).
/// At the poles x = 0, −1, −2, … the value is +∞ for odd n (both one-sided limits agree) and NaN for even n;
/// ψ⁽ⁿ⁾(+∞) = 0, ψ⁽ⁿ⁾(−∞) = NaN, NaN propagates.
/// </summary>
/// <remarks>
/// For x ≥ n + 10 the asymptotic series (DLMF 5.15.8)
/// <code>
///   ψ⁽ⁿ⁾(x) = (−1)ⁿ⁺¹ [ (n − 1)!/xⁿ + n!/(2xⁿ⁺¹) + Σₖ₌₁⁸ B₂ₖ (2k + n − 1)! / ((2k)! x²ᵏ⁺ⁿ) ]
/// </code>
/// is summed (each term is at most about (n + 2k)²/(2πx)² times the one before, so eight terms reach double
/// precision). Smaller positive x are shifted up with ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + m) + (−1)ⁿ⁺¹ n! Σ_{k&lt;m} 1/(x + k)ⁿ⁺¹
/// (DLMF 5.15.5), and negative x use the reflection ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1 − x) − πⁿ⁺¹ Pₙ(cot πx), with the
/// polynomials P₀(c) = c, Pₖ₊₁(c) = −(1 + c²) Pₖ′(c) that give dⁿ cot(y)/dyⁿ (the n-th derivative of
/// ψ(1 − x) − ψ(x) = π cot πx, DLMF 5.15.6). Orders above <see cref="MaxOrder"/> are refused: n! alone exceeds
/// the double range beyond 170. Single precision is computed in double and rounded.
/// </remarks>
public static class PolygammaOp
{
    /// <summary>The largest order accepted.</summary>
    public const int MaxOrder = 100;

    /// <summary>Elementwise <c>ψ⁽ⁿ⁾(x)</c> with n = <paramref name="order"/> (0 gives <see cref="DigammaOp.Digamma{T}"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is negative or above <see cref="MaxOrder"/>.</exception>
    public static Tensor<T> Polygamma<T>(this Tensor<T> x, int order) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "polygamma", nameof(x));
        if (order < 0 || order > MaxOrder)
            throw new ArgumentOutOfRangeException(nameof(order), order, $"polygamma: the order must be between 0 and {MaxOrder}.");
        if (order == 0) return x.Digamma();
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var values = x.Values;
        var d = result.MutableValues;
        for (int i = 0; i < d.Length; i++) d[i] = T.CreateTruncating(Compute(order, double.CreateTruncating(values[i])));
        if (result.Tape is { } tape) tape.NodeAt(result.Id).I0 = order;
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>ψ⁽ⁿ⁾(x) of one double for 1 ≤ n ≤ <see cref="MaxOrder"/> (the algorithm in the class remarks).</summary>
    internal static double Compute(int n, double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0)
        {
            if (x == Math.Floor(x)) return double.IsNegativeInfinity(x) || n % 2 == 0 ? double.NaN : double.PositiveInfinity;
            return Reflected(n, x);
        }
        if (double.IsPositiveInfinity(x)) return 0;
        double factorial = 1;
        for (int j = 2; j <= n; j++) factorial *= j;
        double sign = n % 2 == 1 ? 1 : -1;
        double threshold = n + 10, shift = 0;
        // ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁾(x + m) + (−1)ⁿ⁺¹ n! Σ_{k<m} 1/(x + k)ⁿ⁺¹.
        while (x < threshold)
        {
            shift += Math.Pow(x, -(n + 1));
            x += 1;
        }
        return sign * (factorial * shift + Asymptotic(n, x));
    }

    /// <summary>The bracket of the asymptotic series (without the sign (−1)ⁿ⁺¹), for x ≥ n + 10.</summary>
    private static double Asymptotic(int n, double x)
    {
        double inverse = 1 / x, inverseSquared = inverse * inverse;
        // t = (n − 1)!/xⁿ, built as a product so that neither factor overflows alone.
        double t = inverse;
        for (int j = 1; j < n; j++) t *= j * inverse;
        double sum = t + t * n * 0.5 * inverse;
        var b = EvenBernoulli;
        double c = t;
        for (int k = 1; k <= b.Length; k++)
        {
            // c = (2k + n − 1)!/((2k)! x²ᵏ⁺ⁿ) from its value at k − 1.
            c *= (double)(n + 2 * k - 2) * (n + 2 * k - 1) / ((2.0 * k - 1) * (2.0 * k)) * inverseSquared;
            sum += b[k - 1] * c;
        }
        return sum;
    }

    /// <summary>B₂ₖ for k = 1..8.</summary>
    private static ReadOnlySpan<double> EvenBernoulli =>
    [
        1.0 / 6, -1.0 / 30, 1.0 / 42, -1.0 / 30, 5.0 / 66, -691.0 / 2730, 7.0 / 6, -3617.0 / 510,
    ];

    /// <summary>ψ⁽ⁿ⁾(x) = (−1)ⁿ ψ⁽ⁿ⁾(1 − x) − πⁿ⁺¹ Pₙ(cot πx) for a negative non-integer x.</summary>
    private static double Reflected(int n, double x)
    {
        double cot = 1 / DigammaOp.TanPi(x);
        // Coefficients of Pₖ(c) in powers of c; Pₖ has degree k + 1.
        Span<double> p = stackalloc double[n + 2];
        Span<double> next = stackalloc double[n + 2];
        p.Clear();
        p[1] = 1;
        for (int k = 0; k < n; k++)
        {
            // Pₖ₊₁(c) = −(1 + c²)·Pₖ′(c): the derivative has coefficients (j + 1)·p[j + 1] at cʲ.
            next.Clear();
            for (int j = 0; j <= k; j++)
            {
                double derivative = (j + 1) * p[j + 1];
                next[j] -= derivative;
                next[j + 2] -= derivative;
            }
            next.CopyTo(p);
        }
        double value = 0;
        for (int j = n + 1; j >= 0; j--) value = value * cot + p[j];
        double reflected = Compute(n, 1 - x);
        return (n % 2 == 0 ? reflected : -reflected) - Math.Pow(Math.PI, n + 1) * value;
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "polygamma";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            int order = DerivativeOrder(n.I0);
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            var x = n.A.Values;
            // x̄ += ḡ·ψ⁽ⁿ⁺¹⁾(x).
            for (int i = 0; i < ga.Length; i++) ga[i] += g[i] * T.CreateTruncating(Compute(order, double.CreateTruncating(x[i])));
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(n.A.Polygamma(DerivativeOrder(n.I0))));
        }

        /// <summary>n + 1, the order of the derivative of ψ⁽ⁿ⁾.</summary>
        /// <exception cref="NotSupportedException">n + 1 is above <see cref="MaxOrder"/>.</exception>
        private static int DerivativeOrder(int order) => order < MaxOrder
            ? order + 1
            : throw new NotSupportedException($"polygamma: the derivative of order {order} needs order {order + 1}, above the largest supported ({MaxOrder}).");
    }
}
