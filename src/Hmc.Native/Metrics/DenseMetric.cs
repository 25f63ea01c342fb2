using Hmc.Native.Randomness;

namespace Hmc.Native.Metrics;

/// <summary>
/// A dense mass matrix given by M⁻¹ (symmetric positive definite). With M⁻¹ = LLᵀ (Cholesky), a momentum
/// p = L⁻ᵀz, z ~ N(0, I), has covariance (LLᵀ)⁻¹ = M; the velocity is M⁻¹p.
/// </summary>
public sealed class DenseMetric : IEuclideanMetric
{
    private readonly double[] _inverseMass;
    private readonly double[] _cholesky;
    private readonly int _n;

    /// <summary>Creates the metric from M⁻¹ in row-major order (<paramref name="n"/>×<paramref name="n"/>).</summary>
    /// <exception cref="ArgumentException">Wrong size, not symmetric, not finite, or not positive definite.</exception>
    public DenseMetric(ReadOnlySpan<double> inverseMass, int n)
    {
        if (n <= 0 || inverseMass.Length != n * n)
            throw new ArgumentException($"A dense inverse mass matrix for {n} parameters needs {n}×{n} entries; got {inverseMass.Length}.", nameof(inverseMass));
        _n = n;
        _inverseMass = inverseMass.ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                double a = _inverseMass[i * n + j], b = _inverseMass[j * n + i];
                if (!double.IsFinite(a) || Math.Abs(a - b) > 1e-10 * Math.Max(1, Math.Abs(a) + Math.Abs(b)))
                    throw new ArgumentException($"The inverse mass matrix must be symmetric: entries ({i},{j}) = {a} and ({j},{i}) = {b}.", nameof(inverseMass));
            }
        _cholesky = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double d = _inverseMass[j * n + j];
            for (int k = 0; k < j; k++) d -= _cholesky[j * n + k] * _cholesky[j * n + k];
            if (!(d > 0) || !double.IsFinite(d))
                throw new ArgumentException($"The inverse mass matrix is not positive definite (Cholesky pivot {j} is {d}).", nameof(inverseMass));
            double ljj = Math.Sqrt(d);
            _cholesky[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = _inverseMass[i * n + j];
                for (int k = 0; k < j; k++) s -= _cholesky[i * n + k] * _cholesky[j * n + k];
                _cholesky[i * n + j] = s / ljj;
            }
        }
    }

    /// <summary>Creates the metric from M⁻¹ as a rectangular array.</summary>
    public static DenseMetric FromMatrix(double[,] inverseMass)
    {
        ArgumentNullException.ThrowIfNull(inverseMass);
        int n = inverseMass.GetLength(0);
        if (inverseMass.GetLength(1) != n)
            throw new ArgumentException($"The inverse mass matrix must be square; got {n}×{inverseMass.GetLength(1)}.", nameof(inverseMass));
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) flat[i * n + j] = inverseMass[i, j];
        return new DenseMetric(flat, n);
    }

    /// <inheritdoc />
    public int Dimension => _n;

    /// <inheritdoc />
    public string Kind => "dense";

    /// <inheritdoc />
    public string CmdStanName => "dense_e";

    /// <inheritdoc />
    public void CopyInverseMass(Span<double> matrix)
    {
        InverseMassMatrix.RequireSquare(_n, matrix);
        _inverseMass.CopyTo(matrix);
    }

    /// <inheritdoc />
    public void SampleMomentum(Rng rng, Span<double> momentum)
    {
        rng.FillGaussian(momentum);
        for (int i = _n - 1; i >= 0; i--)
        {
            double s = momentum[i];
            for (int j = i + 1; j < _n; j++) s -= _cholesky[j * _n + i] * momentum[j];
            momentum[i] = s / _cholesky[i * _n + i];
        }
    }

    /// <inheritdoc />
    public void Velocity(ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        for (int i = 0; i < _n; i++) velocity[i] = TensorPrimitives.Dot(_inverseMass.AsSpan(i * _n, _n), momentum);
    }

    /// <inheritdoc />
    public double[] InverseMassDiagonal()
    {
        var d = new double[_n];
        for (int i = 0; i < _n; i++) d[i] = _inverseMass[i * _n + i];
        return d;
    }
}
