namespace Hmc.Native.Diagnostics;

/// <summary>
/// The draws of one scalar parameter from one or more Markov chains, laid out chain-major
/// (row-major over [chain, draw]): draw <c>d</c> of chain <c>c</c> is <c>Values[c * DrawsPerChain + d]</c>.
/// Every chain has the same number of draws. This is the input of every convergence diagnostic in this
/// namespace; a jagged <c>double[chains][draws]</c> converts to it implicitly (one copy).
/// </summary>
/// <remarks>
/// The values are not checked for finiteness here: the diagnostics return NaN for draws that hold a NaN
/// or an infinity, as documented on each of them.
/// </remarks>
public readonly ref struct ChainDraws
{
    /// <summary>Wraps chain-major draws.</summary>
    /// <param name="values">All draws, chain after chain.</param>
    /// <param name="chains">The number of chains (at least 1).</param>
    /// <param name="drawsPerChain">The number of draws in each chain (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> does not hold chains × drawsPerChain values.</exception>
    public ChainDraws(ReadOnlySpan<double> values, int chains, int drawsPerChain)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chains, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(drawsPerChain, 1);
        if ((long)chains * drawsPerChain != values.Length)
            throw new ArgumentException(
                $"Expected {chains} chains × {drawsPerChain} draws = {(long)chains * drawsPerChain} values, got {values.Length}.",
                nameof(values));
        Values = values;
        Chains = chains;
        DrawsPerChain = drawsPerChain;
    }

    /// <summary>All draws, chain after chain.</summary>
    public ReadOnlySpan<double> Values { get; }

    /// <summary>The number of chains.</summary>
    public int Chains { get; }

    /// <summary>The number of draws in each chain.</summary>
    public int DrawsPerChain { get; }

    /// <summary>The draws of chain <paramref name="chain"/> (0-based).</summary>
    public ReadOnlySpan<double> Chain(int chain) => Values.Slice(chain * DrawsPerChain, DrawsPerChain);

    /// <summary>Copies jagged draws <c>draws[chain][draw]</c> into chain-major order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="draws"/> or one of its chains is null.</exception>
    /// <exception cref="ArgumentException">No chains, an empty chain, or chains of different lengths.</exception>
    public static ChainDraws FromJagged(double[][] draws)
    {
        ArgumentNullException.ThrowIfNull(draws);
        if (draws.Length == 0)
            throw new ArgumentException("At least one chain is needed.", nameof(draws));
        for (int c = 0; c < draws.Length; c++)
        {
            if (draws[c] is null)
                throw new ArgumentNullException(nameof(draws), $"Chain {c} is null.");
        }
        int n = draws[0].Length;
        if (n == 0)
            throw new ArgumentException("Chain 0 has no draws.", nameof(draws));
        var values = new double[(long)draws.Length * n];
        for (int c = 0; c < draws.Length; c++)
        {
            if (draws[c].Length != n)
                throw new ArgumentException(
                    $"All chains must have the same number of draws: chain 0 has {n}, chain {c} has {draws[c].Length}.",
                    nameof(draws));
            draws[c].CopyTo(values, c * n);
        }
        return new ChainDraws(values, draws.Length, n);
    }

    /// <summary>Copies jagged draws <c>draws[chain][draw]</c>; see <see cref="FromJagged"/>.</summary>
    public static implicit operator ChainDraws(double[][] draws) => FromJagged(draws);
}
