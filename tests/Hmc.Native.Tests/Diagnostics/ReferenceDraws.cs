namespace Hmc.Native.Tests.Diagnostics;

/// <summary>
/// Deterministic draws that an independent transcription of R posterior's convergence.R (plain Python, naive
/// O(n²) autocovariance, Wichura's normal quantile from Python's statistics module, a continued-fraction
/// incomplete beta) reproduced bit for bit: a 64-bit LCG (Knuth's MMIX constants) gives uniforms
/// u = (state &gt;&gt; 11)·2^−53 and the series use only + and ×, so both languages see identical doubles.
/// </summary>
internal static class ReferenceDraws
{
    private sealed class Lcg(ulong seed)
    {
        private ulong _state = seed;

        public double Uniform()
        {
            _state = unchecked(6364136223846793005UL * _state + 1442695040888963407UL);
            return (_state >> 11) * (1.0 / 9007199254740992.0);
        }
    }

    private static double[] Ar1(Lcg rng, int n, double rho)
    {
        var x = new double[n];
        double previous = 0;
        for (int t = 0; t < n; t++)
        {
            previous = rho * previous + (rng.Uniform() - 0.5);
            x[t] = previous;
        }
        return x;
    }

    /// <summary>The data set of the given name (see <see cref="PosteriorReference"/>).</summary>
    public static double[][] Get(string name)
    {
        switch (name)
        {
            case "A": // 4 chains × 1000, AR(1) ρ = 0.7
            {
                var rng = new Lcg(20240601);
                return [Ar1(rng, 1000, 0.7), Ar1(rng, 1000, 0.7), Ar1(rng, 1000, 0.7), Ar1(rng, 1000, 0.7)];
            }
            case "B": // one chain of odd length 101, AR(1) ρ = 0.3
                return [Ar1(new Lcg(7), 101, 0.3)];
            case "C": // 3 chains × 7 integer draws ⌊5u⌋ + chain: many ties, 3 draws per split chain
            {
                var rng = new Lcg(99);
                var chains = new double[3][];
                for (int c = 0; c < 3; c++)
                {
                    chains[c] = new double[7];
                    for (int i = 0; i < 7; i++) chains[c][i] = Math.Floor(5 * rng.Uniform()) + c;
                }
                return chains;
            }
            case "D": // 2 chains × 50, AR(1) ρ = 0.5, the second scaled by 3 and shifted by 0.2 (not mixed)
            {
                var rng = new Lcg(12345);
                var first = Ar1(rng, 50, 0.5);
                var second = Ar1(rng, 50, 0.5);
                for (int i = 0; i < second.Length; i++) second[i] = 3 * second[i] + 0.2;
                return [first, second];
            }
            case "E": // one chain × 9, AR(1) ρ = 0.2: 4 draws per split chain
                return [Ar1(new Lcg(3), 9, 0.2)];
            default:
                throw new ArgumentException($"No reference data set '{name}'.", nameof(name));
        }
    }
}

/// <summary>posterior's values for one <see cref="ReferenceDraws"/> data set (NaN where posterior gives NA).</summary>
public sealed record PosteriorReference(
    string Name,
    double EssBasic, double EssBulk, double EssTail, double EssMedian,
    double RhatBasic, double Rhat, double McseMean,
    double Mean, double Sd, double Q5, double Q50, double Q95,
    double McseQ5, double McseQ50, double McseQ95)
{
    public static PosteriorReference[] All { get; } =
    [
        new("A", 757.1179430591727, 756.2222673447682, 1437.9748634728874, 1094.6108976066942, 1.0017540624166847, 1.0019435035480333, 0.01452911061440216, 0.007681027403444406, 0.3997797568880405, -0.6420883664709789, 0.003182914026845819, 0.6725660010229877, 0.020612438287057666, 0.01620003382044631, 0.021203773046511276),
        new("B", 41.43468723932716, 42.129677337291994, 63.34971539438205, 41.518174186394134, 0.99348156736029, 0.9975276612308701, 0.05124877829167633, -0.03752498532877779, 0.3298872642296226, -0.5314006260686914, -0.05783859145257927, 0.4952764796120764, 0.04244431775779384, 0.08549764508295328, 0.04451978453633737),
        new("C", 9.0, 9.0, double.NaN, 9.0, 1.7335305607713425, 1.6651151304891756, 0.6378701332389743, 3.5238095238095237, 1.9136103997169231, 0.0, 4.0, 6.0, 1.0, 1.5, double.NaN),
        new("D", 28.224098759411035, 34.11640225159293, 33.90596745027127, 43.096675719961375, 1.0853424010154102, 1.2893332372074837, 0.155933018411471, 0.18512022707224005, 0.8284153303789321, -0.8643910537381658, 0.014240509762172851, 1.6929122379212114, 0.3440389041359163, 0.09095943801095843, 0.27825846518449926),
        new("E", 4.0, 4.0, 4.0, 4.0, 0.9910255012347952, 2.059682100629667, 0.08804966671650916, -0.06263207759915168, 0.1760993334330183, -0.3330871388311144, -0.01902579482263153, 0.14862702526057542, 0.14287020978809575, 0.151159605567074, 0.10147535059421675),
    ];

    public override string ToString() => Name;
}
