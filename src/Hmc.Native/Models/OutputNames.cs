using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// CmdStan's names and order for the elements of a named value: <c>name</c> for a scalar, <c>name.k</c> for a vector,
/// <c>name.i.j</c> for a matrix, indices 1-based with the first index varying fastest (column-major, as CmdStan writes
/// its CSV).
/// </summary>
internal static class OutputNames
{
    /// <summary>The element names of <paramref name="name"/> with <paramref name="shape"/>, in output order.</summary>
    public static IEnumerable<string> Of(string name, Shape shape)
    {
        if (shape.IsScalar)
        {
            yield return name;
            yield break;
        }
        var index = new int[shape.Rank];
        for (int k = 0; k < shape.Length; k++)
        {
            yield return name + "." + string.Join('.', index.Select(i => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Advance(index, shape);
        }
    }

    /// <summary>Appends the row-major <paramref name="values"/> of <paramref name="shape"/> to <paramref name="output"/> in output order.</summary>
    public static void Append(ReadOnlySpan<double> values, Shape shape, List<double> output)
    {
        if (shape.Rank < 2)
        {
            foreach (double v in values) output.Add(v);
            return;
        }
        Span<int> strides = stackalloc int[shape.Rank];
        shape.Strides(strides);
        var index = new int[shape.Rank];
        for (int k = 0; k < shape.Length; k++)
        {
            int offset = 0;
            for (int a = 0; a < index.Length; a++) offset += index[a] * strides[a];
            output.Add(values[offset]);
            Advance(index, shape);
        }
    }

    /// <summary>The next multi-index with the first axis fastest.</summary>
    private static void Advance(int[] index, Shape shape)
    {
        for (int a = 0; a < index.Length; a++)
        {
            if (++index[a] < shape[a]) return;
            index[a] = 0;
        }
    }
}
