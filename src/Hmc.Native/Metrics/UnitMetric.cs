using Hmc.Native.Randomness;

namespace Hmc.Native.Metrics;

/// <summary>The identity mass matrix: p ~ N(0, I), M⁻¹p = p.</summary>
public sealed class UnitMetric(int dimension) : IEuclideanMetric
{
    /// <inheritdoc />
    public int Dimension { get; } = dimension > 0 ? dimension : throw new ArgumentOutOfRangeException(nameof(dimension));

    /// <inheritdoc />
    public string Kind => "unit";

    /// <inheritdoc />
    public string CmdStanName => "unit_e";

    /// <inheritdoc />
    public void CopyInverseMass(Span<double> matrix)
    {
        InverseMassMatrix.WriteDiagonal(InverseMassDiagonal(), matrix);
    }

    /// <inheritdoc />
    public void SampleMomentum(Rng rng, Span<double> momentum) => rng.FillGaussian(momentum);

    /// <inheritdoc />
    public void Velocity(ReadOnlySpan<double> momentum, Span<double> velocity) => momentum.CopyTo(velocity);

    /// <inheritdoc />
    public double[] InverseMassDiagonal()
    {
        var d = new double[Dimension];
        d.AsSpan().Fill(1);
        return d;
    }
}
