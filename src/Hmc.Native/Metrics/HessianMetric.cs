using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// G(θ) = −∇²log π(θ) + diag(jitter) (Girolami &amp; Calderhead 2011, §5; hamiltorch's <c>Metric.HESSIAN</c>).
/// ½ log det G and G⁻¹ are recorded through the Cholesky factor G = LLᵀ; p = Lz for z ~ N(0, I). A G that is not
/// positive definite makes the point invalid (a rejection), never an exception.
/// </summary>
public sealed class HessianMetric : RiemannianMetric
{
    /// <inheritdoc />
    public override string Kind => "hessian";

    /// <inheritdoc />
    public override bool NeedsHessian => true;

    /// <inheritdoc />
    public override bool IsDiagonal => false;

    /// <inheritdoc />
    public override bool RecordGeometry(Tape<double> tape, Tensor<double> gradient, Tensor<double> negativeHessian, ReadOnlySpan<double> jitter,
        out Tensor<double> halfLogDeterminant, out Tensor<double> inverse)
    {
        halfLogDeterminant = inverse = default;
        int n = gradient.Length;
        var g = jitter.Length > 0 ? negativeHessian + tape.Constant(DiagonalMatrix(jitter), new Shape(n, n)) : negativeHessian;
        if (!AllFinite(g.Values)) return false;
        Tensor<double> l;
        try
        {
            l = g.Cholesky();
        }
        catch (NotPositiveDefiniteException)
        {
            return false;
        }
        var identity = tape.Constant(DiagonalMatrix(Ones(n)), new Shape(n, n));
        halfLogDeterminant = (l * identity).Sum(1).Log().Sum();
        var lInverse = l.TriangularSolve(identity, lower: true);
        inverse = lInverse.Transpose().MatMul(lInverse);
        return AllFinite(inverse.Values);
    }

    /// <inheritdoc />
    public override bool Inverse(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Span<double> inverse)
    {
        int n = gradient.Length;
        Span<double> l = n <= 32 ? stackalloc double[n * n] : new double[n * n];
        if (!Factor(negativeHessian, jitter, n, l)) return false;
        for (int c = 0; c < n; c++)
        {
            // Solve G x = e_c by forward and back substitution with L.
            for (int i = 0; i < n; i++)
            {
                double s = i == c ? 1 : 0;
                for (int k = 0; k < i; k++) s -= l[i * n + k] * inverse[k * n + c];
                inverse[i * n + c] = s / l[i * n + i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double s = inverse[i * n + c];
                for (int k = i + 1; k < n; k++) s -= l[k * n + i] * inverse[k * n + c];
                inverse[i * n + c] = s / l[i * n + i];
            }
        }
        return AllFinite(inverse);
    }

    /// <inheritdoc />
    public override bool SampleMomentum(ReadOnlySpan<double> gradient, ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum)
    {
        int n = gradient.Length;
        Span<double> l = n <= 32 ? stackalloc double[n * n] : new double[n * n];
        if (!Factor(negativeHessian, jitter, n, l)) return false;
        Span<double> z = n <= 256 ? stackalloc double[n] : new double[n];
        rng.FillGaussian(z);
        for (int i = 0; i < n; i++) momentum[i] = TensorPrimitives.Dot(l.Slice(i * n, i + 1), z[..(i + 1)]);
        return AllFinite(momentum);
    }

    private static bool Factor(ReadOnlySpan<double> negativeHessian, ReadOnlySpan<double> jitter, int n, Span<double> l)
    {
        Span<double> g = n <= 32 ? stackalloc double[n * n] : new double[n * n];
        JitteredSymmetric(negativeHessian, jitter, n, g);
        if (!AllFinite(g)) return false;
        return Cholesky.TryFactor(g, n, l);
    }

    private static double[] Ones(int n)
    {
        var d = new double[n];
        d.AsSpan().Fill(1);
        return d;
    }
}
