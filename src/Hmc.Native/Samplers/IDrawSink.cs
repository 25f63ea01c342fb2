namespace Hmc.Native.Samplers;

/// <summary>Receives one chain's kept draws as they come (a CSV file, a database, a live plot).</summary>
public interface IDrawSink : IDisposable
{
    /// <summary>Called once when warm-up ends, with the adapted step size and the diagonal of M⁻¹.</summary>
    void WriteAdaptation(double stepSize, ReadOnlySpan<double> inverseMassDiagonal);

    /// <summary>Called for every kept draw.</summary>
    void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position);
}
