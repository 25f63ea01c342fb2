namespace Hmc.Native.Samplers;

/// <summary>
/// Maps a chain's position — the sampler's coordinates, for a constrained model the unconstrained reals — to the
/// values a draw reports under <see cref="Names"/>: the constrained parameters and any generated quantities.
/// </summary>
public interface IDrawTransform
{
    /// <summary>The names of the reported values, in order (Stan's: <c>mu</c>, <c>theta.1</c>, <c>L.2.1</c>, …).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The reported values of the draw at <paramref name="position"/> (a new array of <see cref="Names"/>' length).</summary>
    double[] Map(ReadOnlySpan<double> position);
}
