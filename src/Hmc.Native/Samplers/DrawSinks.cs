namespace Hmc.Native.Samplers;

/// <summary>Creates the draw sink a run's options ask for.</summary>
internal static class DrawSinks
{
    /// <summary>The sink of chain <paramref name="chain"/>, or null when the options ask for none.</summary>
    public static IDrawSink? Create(SampleOptions options, IReadOnlyList<string> names, int chain, int chains) => null;
}
