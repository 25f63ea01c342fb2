namespace Hmc.Native.Diagnostics;

/// <summary>
/// The energy Bayesian fraction of missing information of one chain (Betancourt 2016, "Diagnosing suboptimal
/// cotangent disintegrations in Hamiltonian Monte Carlo", arXiv:1604.00695, eq. 11): how well the momentum
/// resampling explores the energy levels of the target. Values below 0.3 suggest that HMC explores the target
/// poorly (heavy tails, funnels) and that the model needs reparameterising.
/// </summary>
public static class EnergyBfmi
{
    /// <summary>The threshold below which Stan warns.</summary>
    public const double Threshold = 0.3;

    /// <summary>
    /// Ê-BFMI = (Σ_{n=1}^{N−1} (E_n − E_{n−1})² / N) / var(E), with var the sample variance (divisor N − 1), as rstan's
    /// <c>get_bfmi</c> computes it from the <c>energy__</c> column of one chain's kept draws.
    /// </summary>
    /// <returns>The E-BFMI, or NaN for fewer than 2 energies, a non-finite energy or constant energies.</returns>
    public static double Of(ReadOnlySpan<double> energy)
    {
        if (energy.Length < 2 || DrawChecks.HasNonFinite(energy)) return double.NaN;
        double variance = SampleMoments.Variance(energy);
        if (!(variance > 0)) return double.NaN;
        double squaredSteps = 0;
        for (int n = 1; n < energy.Length; n++)
        {
            double step = energy[n] - energy[n - 1];
            squaredSteps += step * step;
        }
        return squaredSteps / energy.Length / variance;
    }
}
