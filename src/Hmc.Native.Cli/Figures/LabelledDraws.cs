using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.Figures;

/// <summary>
/// The draws of one sampler under the name a figure shows for it: each draw is one parameter vector, chains pooled
/// (the layout of <see cref="SamplingResult.Samples"/>).
/// </summary>
/// <param name="Label">The sampler's name in legends and panel titles.</param>
/// <param name="Draws">The parameter vectors, in order.</param>
public sealed record LabelledDraws(string Label, IReadOnlyList<double[]> Draws)
{
    /// <summary>The kept draws of every chain of <paramref name="result"/>, chain after chain.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static LabelledDraws From(string label, SamplingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new LabelledDraws(label, result.Samples);
    }

    /// <summary>Coordinate <paramref name="index"/> of every draw, in order.</summary>
    /// <exception cref="ArgumentException">A draw has no coordinate <paramref name="index"/>; the message names the sampler and the draw.</exception>
    public double[] Coordinate(int index)
    {
        var values = new double[Draws.Count];
        for (int d = 0; d < values.Length; d++)
        {
            var draw = Draws[d];
            if (index < 0 || index >= draw.Length)
                throw new ArgumentException($"Draw {d} of '{Label}' has {draw.Length} coordinates; coordinate {index} is needed.", nameof(index));
            values[d] = draw[index];
        }
        return values;
    }

    /// <summary>Checks that there is at least one sampler and none is null.</summary>
    internal static void Validate(IReadOnlyList<LabelledDraws> samplers, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(samplers, parameterName);
        if (samplers.Count == 0) throw new ArgumentException("At least one sampler's draws are needed.", parameterName);
        for (int i = 0; i < samplers.Count; i++)
        {
            if (samplers[i] is null || samplers[i].Draws is null)
                throw new ArgumentNullException(parameterName, $"Sampler {i} or its draws is null.");
        }
    }
}
