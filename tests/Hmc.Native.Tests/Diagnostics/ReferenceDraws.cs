namespace Hmc.Native.Tests.Diagnostics;

/// <summary>
/// Deterministic draws for the diagnostics fixture: a 64-bit LCG (Knuth's MMIX constants) gives uniforms
/// u = (state &gt;&gt; 11)·2^−53 and the series use only + and ×, so they are the same doubles on every machine.
/// Data sets A–E hold one parameter <c>theta</c>; F holds a scalar, a vector and a 2×2 matrix under Stan's names,
/// two matrix elements constant. <see cref="DiagnosticsFixture"/> writes them as CmdStan CSV files, which
/// tests/r/diagnostics.R reads with rstan and summarises with R's posterior package.
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

    /// <summary>The names of the data sets.</summary>
    public static IReadOnlyList<string> Names { get; } = ["A", "B", "C", "D", "E", "F"];

    /// <summary>The parameter names of data set <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> ParameterNames(string name) =>
        name == "F" ? ["mu", "theta.1", "theta.2", "L.1.1", "L.2.1", "L.1.2", "L.2.2"] : ["theta"];

    /// <summary>The draws of data set <paramref name="name"/> as [chain][parameter][draw].</summary>
    public static double[][][] Columns(string name)
    {
        if (name != "F") return [.. Get(name).Select(chain => new[] { chain })];
        // 4 chains × 200: mu AR(1) ρ = 0.9, theta.1 AR(1) ρ = 0.3, theta.2 = 2·AR(1) ρ = −0.4 + 1 (antithetic),
        // L is lower triangular with a unit first diagonal element: L.1.1 = 1, L.1.2 = 0 (constant), L.2.1, L.2.2 > 0.
        var rng = new Lcg(20261203);
        var chains = new double[4][][];
        for (int c = 0; c < chains.Length; c++)
        {
            var mu = Ar1(rng, 200, 0.9);
            var theta1 = Ar1(rng, 200, 0.3);
            var theta2 = Ar1(rng, 200, -0.4);
            var l21 = Ar1(rng, 200, 0.5);
            var l22 = Ar1(rng, 200, 0.6);
            for (int d = 0; d < 200; d++)
            {
                theta2[d] = 2 * theta2[d] + 1;
                l22[d] = l22[d] * l22[d] + 0.5;
            }
            chains[c] = [mu, theta1, theta2, [.. Enumerable.Repeat(1.0, 200)], l21, new double[200], l22];
        }
        return chains;
    }

    /// <summary>The one-parameter data set of the given name (A–E) as [chain][draw].</summary>
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
