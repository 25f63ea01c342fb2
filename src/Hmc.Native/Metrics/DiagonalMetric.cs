using Hmc.Native.Randomness;

namespace Hmc.Native.Metrics;

/// <summary>A diagonal mass matrix given by the diagonal of M⁻¹: p_i ~ N(0, 1/m⁻¹_i), velocity m⁻¹ ⊙ p.</summary>
public sealed class DiagonalMetric : IEuclideanMetric
{
    private readonly double[] _inverseMass;
    private readonly double[] _momentumScale;

    /// <summary>Creates the metric from the diagonal of M⁻¹.</summary>
    /// <exception cref="ArgumentException">An entry is not finite and positive.</exception>
    public DiagonalMetric(ReadOnlySpan<double> inverseMassDiagonal)
    {
        if (inverseMassDiagonal.Length == 0) throw new ArgumentException("The inverse mass diagonal is empty.", nameof(inverseMassDiagonal));
        _inverseMass = inverseMassDiagonal.ToArray();
        _momentumScale = new double[_inverseMass.Length];
        for (int i = 0; i < _inverseMass.Length; i++)
        {
            double m = _inverseMass[i];
            if (!(m > 0) || !double.IsFinite(m))
                throw new ArgumentException($"The inverse mass matrix must be positive definite: diagonal entry {i} is {m}.", nameof(inverseMassDiagonal));
            _momentumScale[i] = 1 / Math.Sqrt(m);
        }
    }

    /// <inheritdoc />
    public int Dimension => _inverseMass.Length;

    /// <inheritdoc />
    public string Kind => "diagonal";

    /// <inheritdoc />
    public string CmdStanName => "diag_e";

    /// <inheritdoc />
    public void CopyInverseMass(Span<double> matrix)
    {
        InverseMassMatrix.WriteDiagonal(_inverseMass, matrix);
    }

    /// <inheritdoc />
    public void SampleMomentum(Rng rng, Span<double> momentum)
    {
        for (int i = 0; i < momentum.Length; i++) momentum[i] = rng.NextGaussian() * _momentumScale[i];
    }

    /// <inheritdoc />
    public void Velocity(ReadOnlySpan<double> momentum, Span<double> velocity) => TensorPrimitives.Multiply(momentum, _inverseMass, velocity);

    /// <inheritdoc />
    public double[] InverseMassDiagonal() => (double[])_inverseMass.Clone();
}
