using System.Globalization;
using Hmc.Native.Samplers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Hmc.Native.Cli.Targets;

/// <summary>
/// A dense multivariate normal N(μ, Σ) read from CSV files (a header row, then one matrix row per line), sampled
/// through its precision P = Σ⁻¹: log π = −½ (θ−μ)ᵀP(θ−μ), ∇ = −P(θ−μ), with SIMD dot products.
/// </summary>
public static class MvnTarget
{
    /// <summary>The target of covariance <paramref name="covariance"/> (row-major, n×n) and mean <paramref name="mean"/>.</summary>
    /// <exception cref="ArgumentException">Σ is not symmetric positive definite or the sizes differ.</exception>
    public static Target Create(double[] covariance, double[] mean)
    {
        int n = mean.Length;
        if (covariance.Length != n * n) throw new ArgumentException($"The covariance has {covariance.Length} entries; a mean of length {n} needs {n * n}.");
        var sigma = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(n, n, covariance);
        if (!sigma.IsSymmetric()) throw new ArgumentException("The covariance matrix is not symmetric.");
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> chol;
        try
        {
            chol = sigma.Cholesky();
        }
        catch (ArgumentException)
        {
            throw new ArgumentException("The covariance matrix is not positive definite.");
        }
        var precision = chol.Solve(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(n)).ToRowMajorArray();
        var mu = (double[])mean.Clone();
        var density = new FusedLogDensity((x, g) =>
        {
            Span<double> d = n <= 512 ? stackalloc double[n] : new double[n];
            TensorPrimitives.Subtract(x, mu, d);
            double lp = 0;
            for (int i = 0; i < n; i++)
            {
                double s = TensorPrimitives.Dot(precision.AsSpan(i * n, n), d);
                g[i] = -s;
                lp -= 0.5 * d[i] * s;
            }
            return lp;
        }, n);
        return new Target("mvn", density, null, new double[n], Enumerable.Range(1, n).Select(i => $"theta.{i}").ToArray());
    }

    /// <summary>Reads a numeric CSV with a header row into rows of numbers.</summary>
    /// <exception cref="InvalidDataException">A cell is not a number or the rows differ in length; the message names the file and line.</exception>
    public static double[][] ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file: {path}", path);
        var rows = new List<double[]>();
        int line = 0, width = -1;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1 || string.IsNullOrWhiteSpace(text)) continue;
            var cells = text.Split(',');
            var row = new double[cells.Length];
            for (int i = 0; i < cells.Length; i++)
                if (!double.TryParse(cells[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out row[i]))
                    throw new InvalidDataException($"{path}, line {line}: '{cells[i]}' is not a number.");
            if (width >= 0 && row.Length != width)
                throw new InvalidDataException($"{path}, line {line}: {row.Length} columns where earlier lines have {width}.");
            width = row.Length;
            rows.Add(row);
        }
        if (rows.Count == 0) throw new InvalidDataException($"{path}: no data rows after the header.");
        return rows.ToArray();
    }
}
