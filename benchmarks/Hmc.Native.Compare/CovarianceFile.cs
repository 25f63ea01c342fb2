using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Hmc.Native.Compare;

/// <summary>
/// The ill-conditioned Gaussian test case: Σ = Q diag(λ) Qᵀ with λ_i log-spaced from λ_min to λ_max and Q a
/// uniformly random rotation (Haar measure: the Q of the QR factorisation of a standard normal matrix, its
/// columns' signs fixed so that diag R &gt; 0; Mezzadri 2007, "How to generate random matrices from the
/// classical compact groups").
/// </summary>
internal static class CovarianceFile
{
    /// <summary>Σ (n×n, row-major, exactly symmetric) for <paramref name="seed"/>, with eigenvalues log-spaced from <paramref name="minEigenvalue"/> to <paramref name="maxEigenvalue"/>.</summary>
    public static double[] Build(int n, int seed, double minEigenvalue, double maxEigenvalue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        var normal = new Normal(0, 1, new Random(seed));
        var qr = Matrix<double>.Build.Dense(n, n, (_, _) => normal.Sample()).QR();
        var q = qr.Q.Clone();
        for (int j = 0; j < n; j++)
            if (qr.R[j, j] < 0) q.SetColumn(j, -q.Column(j));
        var lambda = Vector<double>.Build.Dense(n, i => minEigenvalue * Math.Pow(maxEigenvalue / minEigenvalue, i / (double)(n - 1)));
        var sigma = q * Matrix<double>.Build.DenseOfDiagonalVector(lambda) * q.Transpose();
        var result = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) result[i * n + j] = 0.5 * (sigma[i, j] + sigma[j, i]);
        return result;
    }

    /// <summary>Writes Σ as CSV (a header row, then one matrix row per line, round-trip precision, exactly symmetric).</summary>
    public static void Write(string path, int n, int seed, double minEigenvalue, double maxEigenvalue)
    {
        var sigma = Build(n, seed, minEigenvalue, maxEigenvalue);
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', Enumerable.Range(1, n).Select(i => $"c{i}")));
        for (int i = 0; i < n; i++)
        {
            var row = new string[n];
            for (int j = 0; j < n; j++)
            {
                row[j] = sigma[i * n + j].ToString("R", CultureInfo.InvariantCulture);
            }
            text.AppendLine(string.Join(',', row));
        }
        File.WriteAllText(path, text.ToString());
    }
}
