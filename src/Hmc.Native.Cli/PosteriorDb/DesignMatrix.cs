using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>The data matrices the regressions multiply by their coefficient vectors.</summary>
internal static class DesignMatrix
{
    /// <summary>The [N, K] matrix whose k-th column is <paramref name="columns"/>[k] (all of length N).</summary>
    public static Tensor<double> FromColumns(params double[][] columns)
    {
        int rows = columns[0].Length;
        var matrix = new double[rows, columns.Length];
        for (int k = 0; k < columns.Length; k++)
        {
            if (columns[k].Length != rows) throw new ArgumentException($"Column {k + 1} has {columns[k].Length} rows; column 1 has {rows}.", nameof(columns));
            for (int i = 0; i < rows; i++) matrix[i, k] = columns[k][i];
        }
        return Tensor.FromMatrix(matrix);
    }

    /// <summary>A column of <paramref name="length"/> ones (an intercept's column).</summary>
    public static double[] Ones(int length) => Enumerable.Repeat(1.0, length).ToArray();
}
