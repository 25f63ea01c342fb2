using Hmc.Native.Autodiff;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Tensors;

namespace Hmc.Native.Metrics;

/// <summary>
/// G(θ) = −∇²log π(θ) + diag(jitter) (Girolami &amp; Calderhead 2011, §5; hamiltorch's <c>Metric.HESSIAN</c>). With the
/// Cholesky factor G = LLᵀ: ½ log det G = Σ log L_ii, ½ pᵀG⁻¹p = ½‖L⁻¹p‖², p = Lz for z ~ N(0, I). A G that is not
/// positive definite makes the point invalid (a rejection), never an exception.
/// </summary>
public sealed class HessianMetric : RiemannianMetric
{
    /// <inheritdoc />
    public override string Kind => "hessian";

    /// <inheritdoc />
    public override bool Record(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter,
        ReadOnlySpan<double> momentum, out Tensor<double> halfLogDeterminant, out Tensor<double> halfQuadratic, Span<double> velocity)
    {
        halfLogDeterminant = halfQuadratic = default;
        if (!TryFactor(tape, theta, logDensity, jitter, out var l)) return false;
        int n = theta.Length;
        var identity = tape.Constant(Identity(n), new Shape(n, n));
        halfLogDeterminant = (l * identity).Sum(1).Log().Sum();
        var y = l.TriangularSolve(tape.Constant(momentum, Shape.Vector(n)), lower: true);
        halfQuadratic = 0.5 * (y * y).Sum();
        var x = l.TriangularSolve(y, lower: true, transpose: true);
        x.Values.CopyTo(velocity);
        return AllFinite(velocity);
    }

    /// <inheritdoc />
    public override bool SampleMomentum(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, Rng rng, Span<double> momentum)
    {
        if (!TryFactor(tape, theta, logDensity, jitter, out var l)) return false;
        int n = theta.Length;
        Span<double> z = stackalloc double[n];
        rng.FillGaussian(z);
        var lv = l.Values;
        for (int i = 0; i < n; i++) momentum[i] = TensorPrimitives.Dot(lv.Slice(i * n, i + 1), z[..(i + 1)]);
        return AllFinite(momentum);
    }

    private static bool TryFactor(Tape<double> tape, Tensor<double> theta, Tensor<double> logDensity, ReadOnlySpan<double> jitter, out Tensor<double> cholesky)
    {
        cholesky = default;
        int n = theta.Length;
        var g = -HessianRecorder.Record(tape, logDensity, theta);
        if (jitter.Length > 0) g += tape.Constant(Diagonal(jitter), new Shape(n, n));
        if (!AllFinite(g.Values)) return false;
        try
        {
            cholesky = g.Cholesky();
        }
        catch (NotPositiveDefiniteException)
        {
            return false;
        }
        return true;
    }

    private static double[] Identity(int n)
    {
        var m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = 1;
        return m;
    }

    private static double[] Diagonal(ReadOnlySpan<double> d)
    {
        int n = d.Length;
        var m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = d[i];
        return m;
    }
}
