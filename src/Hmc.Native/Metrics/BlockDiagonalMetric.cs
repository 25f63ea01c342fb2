using Hmc.Native.Randomness;

namespace Hmc.Native.Metrics;

/// <summary>
/// A block-diagonal mass matrix (hamiltorch's <c>inv_mass</c> given as a list): consecutive parameter blocks, each
/// with its own unit, diagonal or dense metric. Momenta and velocities of different blocks are independent.
/// </summary>
public sealed class BlockDiagonalMetric : IEuclideanMetric
{
    private readonly IEuclideanMetric[] _blocks;

    /// <summary>Creates the metric from blocks covering the parameters in order.</summary>
    public BlockDiagonalMetric(params IEuclideanMetric[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0) throw new ArgumentException("A block-diagonal metric needs at least one block.", nameof(blocks));
        _blocks = (IEuclideanMetric[])blocks.Clone();
        foreach (var b in _blocks) Dimension += b.Dimension;
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public string Kind => "block-diagonal";

    /// <inheritdoc />
    public string CmdStanName => "dense_e";

    /// <inheritdoc />
    public void CopyInverseMass(Span<double> matrix)
    {
        int n = Dimension;
        InverseMassMatrix.RequireSquare(n, matrix);
        matrix.Clear();
        int offset = 0;
        foreach (var b in _blocks)
        {
            int m = b.Dimension;
            var block = new double[m * m];
            b.CopyInverseMass(block);
            for (int i = 0; i < m; i++) block.AsSpan(i * m, m).CopyTo(matrix.Slice((offset + i) * n + offset, m));
            offset += m;
        }
    }

    /// <inheritdoc />
    public void SampleMomentum(Rng rng, Span<double> momentum)
    {
        int offset = 0;
        foreach (var b in _blocks)
        {
            b.SampleMomentum(rng, momentum.Slice(offset, b.Dimension));
            offset += b.Dimension;
        }
    }

    /// <inheritdoc />
    public void Velocity(ReadOnlySpan<double> momentum, Span<double> velocity)
    {
        int offset = 0;
        foreach (var b in _blocks)
        {
            b.Velocity(momentum.Slice(offset, b.Dimension), velocity.Slice(offset, b.Dimension));
            offset += b.Dimension;
        }
    }

    /// <inheritdoc />
    public double[] InverseMassDiagonal()
    {
        var d = new List<double>(Dimension);
        foreach (var b in _blocks) d.AddRange(b.InverseMassDiagonal());
        return d.ToArray();
    }
}
