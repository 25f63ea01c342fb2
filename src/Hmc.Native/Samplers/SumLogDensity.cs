using Hmc.Native.Backends;

namespace Hmc.Native.Samplers;

/// <summary>log π = Σ_m log π_m, the pieces evaluated one after another into a shared buffer, each under the thread
/// budget of the sum (that of the first piece that takes one; a fork with a budget forks every piece with it).</summary>
public sealed class SumLogDensity : IParallelLogDensity
{
    private readonly ILogDensity[] _pieces;
    private readonly double[] _buffer;

    /// <summary>The sum of <paramref name="pieces"/> (all of the same dimension).</summary>
    public SumLogDensity(IReadOnlyList<ILogDensity> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (pieces.Count == 0) throw new ArgumentException("A sum needs at least one piece.", nameof(pieces));
        _pieces = pieces.ToArray();
        Dimension = _pieces[0].Dimension;
        if (_pieces.Any(p => p.Dimension != Dimension)) throw new ArgumentException("Every piece must have the same dimension.", nameof(pieces));
        _buffer = new double[Dimension];
    }

    /// <summary>The pieces.</summary>
    public IReadOnlyList<ILogDensity> Pieces => _pieces;

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient)
    {
        gradient.Clear();
        double total = 0;
        foreach (var piece in _pieces)
        {
            total += piece.Evaluate(position, _buffer);
            TensorPrimitives.Add(gradient, _buffer, gradient);
        }
        return total;
    }

    /// <inheritdoc />
    public ILogDensity Fork() => new SumLogDensity(_pieces.Select(p => p.Fork()).ToArray());

    /// <inheritdoc />
    public CpuParallelism Parallelism => _pieces.OfType<IParallelLogDensity>().FirstOrDefault()?.Parallelism ?? CpuParallelism.ForMachine();

    /// <inheritdoc />
    public ILogDensity Fork(CpuParallelism parallelism) => new SumLogDensity(_pieces.Select(p => ChainParallelism.Fork(p, parallelism)).ToArray());
}
