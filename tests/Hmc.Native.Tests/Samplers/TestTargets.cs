using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Samplers;

/// <summary>Targets with known moments, as fused value-and-gradient densities (exact, fast) and as tensor functions.</summary>
internal static class TestTargets
{
    /// <summary>N(mean, Σ) given the precision matrix P = Σ⁻¹ (row-major): log π = −½ (x−μ)ᵀP(x−μ).</summary>
    public static ILogDensity Gaussian(double[] mean, double[] precision)
    {
        int n = mean.Length;
        return new FusedLogDensity((x, g) =>
        {
            double lp = 0;
            for (int i = 0; i < n; i++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s += precision[i * n + j] * (x[j] - mean[j]);
                g[i] = -s;
                lp -= 0.5 * (x[i] - mean[i]) * s;
            }
            return lp;
        }, n);
    }

    /// <summary>The seed's funnel: v ~ N(0, 3²), x_i | v ~ N(0, e^{−v}); log π = −v²/18 − ½ e^{v} Σx_i² + ½ d v.</summary>
    public static Tensor<double> Funnel(Tensor<double> x)
    {
        var v = x[0];
        var rest = x[1..];
        int d = rest.Length;
        return -(v * v) / 18.0 - 0.5 * (rest * rest).Sum() * v.Exp() + 0.5 * d * v;
    }

    /// <summary>A random symmetric positive-definite matrix with eigenvalues log-spaced between <paramref name="min"/> and <paramref name="max"/>, in a random rotation.</summary>
    public static double[] RandomCovariance(int n, double min, double max, int seed)
    {
        var rng = new System.Random(seed);
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5);
        var q = a.QR().Q;
        var lambda = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseDiagonal(n, n, i => n == 1 ? min : Math.Exp(Math.Log(min) + (Math.Log(max) - Math.Log(min)) * i / (n - 1)));
        var cov = q * lambda * q.Transpose();
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) flat[i * n + j] = 0.5 * (cov[i, j] + cov[j, i]);
        return flat;
    }

    /// <summary>The inverse of a row-major SPD matrix.</summary>
    public static double[] Inverse(double[] m, int n)
    {
        var inv = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(n, n, m).Inverse();
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) flat[i * n + j] = 0.5 * (inv[i, j] + inv[j, i]);
        return flat;
    }
}
