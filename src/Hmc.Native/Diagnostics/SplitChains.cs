namespace Hmc.Native.Diagnostics;

/// <summary>
/// Splits every chain into its first and second half (Gelman et al. 2013, BDA3 §11.4; posterior's
/// <c>.split_chains()</c>), so that a trend within a chain shows up as disagreement between chains.
/// </summary>
internal static class SplitChains
{
    /// <summary>
    /// Returns 2·m chains of ⌊n/2⌋ draws: the first halves of chains 0 … m−1, then their second halves.
    /// For odd n the middle draw is dropped. A chain of a single draw is returned unsplit (m chains of 1).
    /// </summary>
    public static ChainDraws Split(ChainDraws draws)
    {
        int n = draws.DrawsPerChain;
        if (n == 1) return draws;
        int half = n / 2;
        int m = draws.Chains;
        var values = new double[2 * m * half];
        for (int c = 0; c < m; c++)
        {
            var chain = draws.Chain(c);
            chain[..half].CopyTo(values.AsSpan(c * half, half));
            chain[(n - half)..].CopyTo(values.AsSpan((m + c) * half, half));
        }
        return new ChainDraws(values, 2 * m, half);
    }
}
