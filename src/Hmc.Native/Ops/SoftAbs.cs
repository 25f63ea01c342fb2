using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>
/// The SoftAbs map of Betancourt 2013 ("A general metric for Riemannian manifold Hamiltonian Monte Carlo", eq. 6):
/// f(λ) = λ·coth(αλ), a smooth |λ| bounded below by 1/α. f′(λ) = coth(αλ) − αλ/sinh²(αλ). Near λ = 0 (|αλ| &lt; 10⁻⁴)
/// the series f ≈ 1/α + αλ²/3, f′ ≈ 2αλ/3 replace the quotients, so there is no division by zero.
/// </summary>
public static class SoftAbsOp
{
    private const double SeriesThreshold = 1e-4;

    /// <summary>Elementwise λ·coth(αλ) with softness <paramref name="alpha"/> &gt; 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not positive and finite.</exception>
    public static Tensor<T> SoftAbs<T>(this Tensor<T> x, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "softabs", nameof(x));
        if (!(alpha > T.Zero) || !T.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), $"softabs: α must be positive and finite; got {alpha}.");
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var d = result.MutableValues;
        var v = x.Values;
        for (int i = 0; i < d.Length; i++) d[i] = Value(v[i], alpha);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).S0 = alpha;
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>f(λ) = λ coth(αλ).</summary>
    internal static T Value<T>(T lambda, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T z = alpha * lambda;
        if (T.Abs(z) < T.CreateTruncating(SeriesThreshold)) return T.One / alpha + z * lambda / T.CreateTruncating(3);
        return lambda / T.Tanh(z);
    }

    /// <summary>f′(λ) = coth(αλ) − αλ/sinh²(αλ).</summary>
    internal static T Derivative<T>(T lambda, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T z = alpha * lambda;
        if (T.Abs(z) < T.CreateTruncating(SeriesThreshold)) return T.CreateTruncating(2) * z / T.CreateTruncating(3);
        T s = T.Sinh(z);
        T correction = T.IsFinite(s * s) ? z / (s * s) : T.Zero;
        return T.One / T.Tanh(z) - correction;
    }

    /// <summary>f″(λ) = 2α(αλ coth(αλ) − 1)/sinh²(αλ).</summary>
    internal static T SecondDerivative<T>(T lambda, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T z = alpha * lambda;
        T two = T.CreateTruncating(2);
        if (T.Abs(z) < T.CreateTruncating(SeriesThreshold)) return two * alpha / T.CreateTruncating(3);
        T s = T.Sinh(z);
        T s2 = s * s;
        if (!T.IsFinite(s2)) return T.Zero;
        return two * alpha * (z / T.Tanh(z) - T.One) / s2;
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "softabs";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            var x = n.A.Values;
            for (int i = 0; i < ga.Length; i++) ga[i] += g[i] * Derivative(x[i], n.S0);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Multiply(SoftAbsDerivativeOp.SoftAbsDerivative(n.A, n.S0)));
        }
    }
}

/// <summary>
/// The derivative of the SoftAbs map as its own recorded operation, f′(λ) = coth(αλ) − αλ/sinh²(αλ), so gradients
/// through <see cref="SoftAbsOp.SoftAbs{T}"/> can be recorded. Its numeric backward uses f″; its recorded backward
/// (a fourth derivative of log π) is not provided and throws <see cref="NotSupportedException"/>.
/// </summary>
public static class SoftAbsDerivativeOp
{
    /// <summary>Elementwise f′(λ) of the SoftAbs map.</summary>
    public static Tensor<T> SoftAbsDerivative<T>(this Tensor<T> x, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = OpResult.New(Rule<T>.Instance, x.Shape, x);
        var d = result.MutableValues;
        var v = x.Values;
        for (int i = 0; i < d.Length; i++) d[i] = SoftAbsOp.Derivative(v[i], alpha);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).S0 = alpha;
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "softabs-derivative";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            var g = tape.AdjointSpan(node);
            var x = n.A.Values;
            for (int i = 0; i < ga.Length; i++) ga[i] += g[i] * SoftAbsOp.SecondDerivative(x[i], n.S0);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad) =>
            throw new NotSupportedException("Recorded derivatives of the SoftAbs derivative (fourth derivatives of the log-density) are not provided.");
    }
}
