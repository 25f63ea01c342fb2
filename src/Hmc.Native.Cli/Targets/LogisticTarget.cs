using Hmc.Native.Samplers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Hmc.Native.Cli.Targets;

/// <summary>
/// Bayesian logistic regression: y_i ~ Bernoulli(σ(β₀ + x_iᵀβ)), β₀, β_j ~ N(0, 1). Read from a CSV with a header row,
/// the feature columns, then a last column y of 0/1. log π = Σ_i [y_i η_i − log(1 + e^{η_i})] − ½‖β‖² with a
/// numerically stable softplus; ∇ = Xᵀ(y − σ(η)) − β.
/// </summary>
public static class LogisticTarget
{
    /// <summary>Reads the data file and creates the target.</summary>
    /// <exception cref="InvalidDataException">A y value other than 0 or 1, or malformed rows (naming the file and line).</exception>
    public static Target Create(string path)
    {
        var rows = MvnTarget.ReadCsv(path);
        int n = rows.Length, k = rows[0].Length - 1;
        if (k < 1) throw new InvalidDataException($"{path}: needs at least one feature column before the y column.");
        var x = new double[n * (k + 1)];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i * (k + 1)] = 1;
            Array.Copy(rows[i], 0, x, i * (k + 1) + 1, k);
            y[i] = rows[i][k];
            if (y[i] is not (0 or 1)) throw new InvalidDataException($"{path}, data row {i + 1}: y is {y[i]}; it must be 0 or 1.");
        }
        return Create(x, y, k + 1);
    }

    /// <summary>The target for a design matrix <paramref name="x"/> (n × d row-major, first column the intercept's ones) and outcomes <paramref name="y"/>.</summary>
    public static Target Create(double[] x, double[] y, int d)
    {
        int n = y.Length;
        var density = new FusedLogDensity((beta, g) =>
        {
            double lp = -0.5 * TensorPrimitives.Dot(beta, beta);
            TensorPrimitives.Negate(beta, g);
            for (int i = 0; i < n; i++)
            {
                var row = x.AsSpan(i * d, d);
                double eta = TensorPrimitives.Dot(row, beta);
                double softplus = eta > 0 ? eta + Math.Log(1 + Math.Exp(-eta)) : Math.Log(1 + Math.Exp(eta));
                lp += y[i] * eta - softplus;
                double residual = y[i] - 1 / (1 + Math.Exp(-eta));
                TensorPrimitives.MultiplyAdd(row, residual, g, g);
            }
            return lp;
        }, d);
        var names = new[] { "intercept" }.Concat(Enumerable.Range(1, d - 1).Select(j => $"beta.{j}")).ToArray();
        return new Target("logistic", density, null, new double[d], names);
    }
}
