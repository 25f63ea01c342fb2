namespace Hmc.Native.Samplers;

/// <summary>log π = Σ_m log π_m, the pieces evaluated one after another into a shared buffer.</summary>
public sealed class SumLogDensity : ILogDensity
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
}
