namespace Hmc.Native.Kernels;

/// <summary>
/// How a device log-posterior's two float sums become log π, in double: log π = a·t₀ + b − t₁, with t₀ the
/// likelihood's sum (the summed cross-entropy or Σ (y − f)²), t₁ = ½ Σ sτᵢwᵢ² the prior's quadratic form, a the
/// likelihood's slope times the scale s, and b every constant (the scaled normalisers). The same struct serves the
/// host and the device kernels, so both combine the terms identically.
/// </summary>
/// <param name="Slope">a, the factor on t₀.</param>
/// <param name="Constant">b, the constant part of log π.</param>
public readonly record struct LogPosteriorTerms(double Slope, double Constant)
{
    /// <summary>log π = a·<paramref name="likelihoodSum"/> + b − <paramref name="priorQuadratic"/>; NaN or ±∞ when a term is not finite.</summary>
    public double LogDensity(float likelihoodSum, float priorQuadratic) => (Slope * likelihoodSum) + Constant - priorQuadratic;
}
