using Hmc.Native.Randomness;

namespace Hmc.Native.Metrics;

/// <summary>
/// A low-rank-plus-diagonal mass matrix, nutpie's metric for correlated targets (Seyboldt, Carlson &amp; Carpenter
/// 2026, "Preconditioning Hamiltonian Monte Carlo by minimizing Fisher divergence", arXiv 2603.18845; nutpie,
/// github.com/pymc-devs/nutpie, and its core nuts-rs, <c>low_rank_mass_matrix.rs</c>):
/// <code>
///   M⁻¹ = D^{1/2} (I + U (Λ − I) Uᵀ) D^{1/2},
/// </code>
/// with D a positive diagonal, U an n×r matrix of orthonormal columns and Λ = diag(λ) positive. Along each column of
/// U the scaled inverse mass is λ_k, in every direction orthogonal to them it is 1. With S = I + U(Λ^{−1/2} − I)Uᵀ
/// (S² = I + U(Λ⁻¹ − I)Uᵀ because UᵀU = I), M = D^{−1/2} S² D^{−1/2}, so a momentum p = D^{−1/2} S z with
/// z ~ N(0, I) has covariance M. Velocity and momentum cost O(n r) each instead of the O(n²) of a dense metric.
/// </summary>
public sealed class LowRankMetric : IEuclideanMetric
{
    private const double OrthonormalityTolerance = 1e-8;
    private readonly double[] _scale;
    private readonly double[] _vectors;
    private readonly double[] _valueMinusOne;
    private readonly double[] _rootInverseMinusOne;

    /// <summary>Creates the metric from D, Λ and U.</summary>
    /// <param name="diagonal">D, the n entries of the diagonal part (each finite and positive).</param>
    /// <param name="eigenvalues">λ₁ … λ_r (each finite and positive); r may be 0, which leaves M⁻¹ = D.</param>
    /// <param name="eigenvectors">The r columns of U one after another (u₁ then u₂ …, each of length n), orthonormal.</param>
    /// <exception cref="ArgumentException">An entry of D or λ is not finite and positive, the vectors do not have r·n entries,
    /// or they are not orthonormal to within 10⁻⁸.</exception>
    public LowRankMetric(ReadOnlySpan<double> diagonal, ReadOnlySpan<double> eigenvalues, ReadOnlySpan<double> eigenvectors)
    {
        int n = diagonal.Length, r = eigenvalues.Length;
        if (n == 0) throw new ArgumentException("The diagonal of a low-rank metric is empty.", nameof(diagonal));
        if (eigenvectors.Length != n * r)
            throw new ArgumentException($"{r} eigenvectors of length {n} need {n * r} entries; got {eigenvectors.Length}.", nameof(eigenvectors));
        _scale = new double[n];
        for (int i = 0; i < n; i++)
        {
            double d = diagonal[i];
            if (!(d > 0) || !double.IsFinite(d))
                throw new ArgumentException($"The inverse mass matrix must be positive definite: diagonal entry {i} is {d}.", nameof(diagonal));
            _scale[i] = Math.Sqrt(d);
        }
        _valueMinusOne = new double[r];
        _rootInverseMinusOne = new double[r];
        for (int k = 0; k < r; k++)
        {
            double lambda = eigenvalues[k];
            if (!(lambda > 0) || !double.IsFinite(lambda))
                throw new ArgumentException($"The inverse mass matrix must be positive definite: eigenvalue {k} is {lambda}.", nameof(eigenvalues));
            _valueMinusOne[k] = lambda - 1;
            _rootInverseMinusOne[k] = 1 / Math.Sqrt(lambda) - 1;
        }
        _vectors = eigenvectors.ToArray();
        RequireOrthonormal(_vectors, n, r);
    }

    /// <inheritdoc />
    public int Dimension => _scale.Length;

    /// <summary>r, the number of directions in which the metric differs from its diagonal part.</summary>
    public int Rank => _valueMinusOne.Length;

    /// <inheritdoc />
    public string Kind => "low-rank";

    /// <summary><c>dense_e</c>: the CSV states the full M⁻¹ this metric is, so CmdStan's readers can use it.</summary>
    public string CmdStanName => "dense_e";

    /// <inheritdoc />
    public void SampleMomentum(Rng rng, Span<double> momentum)
    {
        rng.FillGaussian(momentum);
        // z ← S z = z + U (Λ^{−1/2} − I) Uᵀ z, then p = D^{−1/2} z.
        AddLowRank(momentum, _rootInverseMinusOne);
        TensorPrimitives.Divide(momentum, _scale, momentum);
    }

    /// <inheritdoc />
    public void Velocity(ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        // q = D^{1/2} p; q ← q + U (Λ − I) Uᵀ q; v = D^{1/2} q.
        TensorPrimitives.Multiply(momentum, _scale, velocity);
        AddLowRank(velocity, _valueMinusOne);
        TensorPrimitives.Multiply(velocity, _scale, velocity);
    }

    /// <inheritdoc />
    public double[] InverseMassDiagonal()
    {
        int n = Dimension;
        var d = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 1;
            for (int k = 0; k < Rank; k++) s += _valueMinusOne[k] * _vectors[k * n + i] * _vectors[k * n + i];
            d[i] = _scale[i] * _scale[i] * s;
        }
        return d;
    }

    /// <inheritdoc />
    public void CopyInverseMass(Span<double> matrix)
    {
        int n = Dimension;
        InverseMassMatrix.RequireSquare(n, matrix);
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < Rank; k++) s += _valueMinusOne[k] * _vectors[k * n + i] * _vectors[k * n + j];
                matrix[i * n + j] = matrix[j * n + i] = _scale[i] * _scale[j] * s;
            }
    }

    /// <summary>
    /// x ← x + U diag(<paramref name="weights"/>) Uᵀ x. The projection Uᵀx lives on the stack (or in a fresh array for a
    /// rank above 256), so one metric can serve the kernels of parallel chains.
    /// </summary>
    private void AddLowRank(Span<double> x, double[] weights)
    {
        int n = Dimension;
        Span<double> projection = Rank <= 256 ? stackalloc double[Rank] : new double[Rank];
        for (int k = 0; k < Rank; k++) projection[k] = weights[k] * TensorPrimitives.Dot(_vectors.AsSpan(k * n, n), x);
        for (int k = 0; k < Rank; k++) TensorPrimitives.MultiplyAdd(_vectors.AsSpan(k * n, n), projection[k], x, x);
    }

    private static void RequireOrthonormal(double[] vectors, int n, int r)
    {
        for (int k = 0; k < r; k++)
            for (int l = 0; l <= k; l++)
            {
                double dot = TensorPrimitives.Dot(vectors.AsSpan(k * n, n), vectors.AsSpan(l * n, n));
                double expected = k == l ? 1 : 0;
                if (!(Math.Abs(dot - expected) <= OrthonormalityTolerance))
                    throw new ArgumentException($"The eigenvectors must be orthonormal: u{l + 1}·u{k + 1} is {dot}, not {expected}.", "eigenvectors");
            }
    }
}
