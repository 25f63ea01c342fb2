namespace Hmc.Native.Cli.Figures;

/// <summary>
/// A trace plot's data: one parameter's value at each draw of each chain, drawn by <see cref="TraceFigure"/> against
/// the draw number 1, 2, … .
/// </summary>
/// <param name="Parameter">The parameter name (the title and the vertical axis label).</param>
/// <param name="Chains">The draws of each chain, <c>[chain][draw]</c>.</param>
public sealed record TraceData(string Parameter, IReadOnlyList<double[]> Chains)
{
    /// <summary>Wraps <paramref name="chains"/> after checking there is at least one chain and every chain has a draw.</summary>
    /// <exception cref="ArgumentException">No chains, or a null or empty chain.</exception>
    public static TraceData Create(string parameter, IReadOnlyList<double[]> chains)
    {
        ValidateChains(chains, nameof(chains));
        return new TraceData(parameter, chains);
    }

    /// <summary>Checks that there is at least one chain and every chain holds at least one draw.</summary>
    internal static void ValidateChains(IReadOnlyList<double[]> chains, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(chains, parameterName);
        if (chains.Count == 0) throw new ArgumentException("At least one chain is needed.", parameterName);
        for (int c = 0; c < chains.Count; c++)
        {
            if (chains[c] is null || chains[c].Length == 0)
                throw new ArgumentException($"Chain {c + 1} has no draws.", parameterName);
        }
    }
}
