using Hmc.Native.Samplers;

namespace Hmc.Native.Models;

/// <summary>Reports each kept draw of a <see cref="Model"/> on the constrained scale, with its generated quantities, under Stan's names.</summary>
internal sealed class ModelDraws(Model model) : IDrawTransform
{
    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; } = model.OutputNames;

    /// <inheritdoc />
    /// <exception cref="LogDensityException">A constraint or a generated quantity threw at this draw.</exception>
    public double[] Map(ReadOnlySpan<double> position)
    {
        try
        {
            return model.Report(position);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new LogDensityException(position, ex);
        }
    }
}
