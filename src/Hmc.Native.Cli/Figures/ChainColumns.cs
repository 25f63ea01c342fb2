using Hmc.Native.Reporting;
using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.Figures;

/// <summary>One parameter's draws per chain (<c>[chain][draw]</c>), the input of <see cref="TraceData"/> and <see cref="RankData"/>.</summary>
public static class ChainColumns
{
    /// <summary>The column <paramref name="parameter"/> of each CmdStan CSV file (one file per chain).</summary>
    /// <exception cref="ArgumentException">No files, or a file without that column; the message names the file's position and its parameters.</exception>
    public static double[][] FromCsv(IReadOnlyList<CmdStanCsv> chains, string parameter)
    {
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        if (chains.Count == 0) throw new ArgumentException("At least one chain is needed.", nameof(chains));
        var columns = new double[chains.Count][];
        for (int c = 0; c < chains.Count; c++)
        {
            if (!chains[c].HasColumn(parameter))
                throw new ArgumentException(
                    $"Chain {c + 1} has no column '{parameter}'; its parameters are {string.Join(", ", chains[c].ParameterNames)}.", nameof(parameter));
            columns[c] = chains[c].Column(parameter).ToArray();
        }
        return columns;
    }

    /// <summary>The kept draws of parameter <paramref name="parameter"/> of each chain of <paramref name="result"/> (chains keep their own lengths).</summary>
    /// <exception cref="ArgumentException">The result has no parameter of that name.</exception>
    public static double[][] FromResult(SamplingResult result, string parameter)
    {
        ArgumentNullException.ThrowIfNull(result);
        int index = -1;
        for (int i = 0; i < result.ParameterNames.Count && index < 0; i++)
            if (result.ParameterNames[i] == parameter) index = i;
        if (index < 0)
            throw new ArgumentException($"The run has no parameter '{parameter}'; its parameters are {string.Join(", ", result.ParameterNames)}.", nameof(parameter));
        return result.Chains.Select(chain => chain.Draws.Select(draw => draw[index]).ToArray()).ToArray();
    }
}
