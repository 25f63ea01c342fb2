namespace Hmc.Native.Adaptation;

/// <summary>
/// How warm-up tunes a Euclidean kernel (HMC, NUTS): which mass matrix it estimates, from what, and on which schedule.
/// The step size is tuned by the same dual averaging (<see cref="DualAveraging"/>, same target) in every scheme.
/// </summary>
public enum AdaptationScheme
{
    /// <summary>
    /// Stan's windowed adaptation (<see cref="WarmUp"/>): M⁻¹ is the regularised covariance of the draws of doubling
    /// slow windows, diagonal or dense as <see cref="Samplers.SampleOptions.AdaptMass"/> says.
    /// </summary>
    Stan,

    /// <summary>
    /// nutpie's diagonal adaptation (<see cref="FisherWarmUp"/>, <see cref="FisherDiagonalEstimator"/>): M⁻¹ᵢᵢ =
    /// √(Var θᵢ / Var ∂ᵢ log π) from the draws and their gradients, which minimises the Fisher divergence between the
    /// target and a Gaussian of that scale (Seyboldt, Carlson &amp; Carpenter 2026), updated after every draw on
    /// nutpie's schedule of short early windows and growing later ones; 400 warm-up draws unless Burn says otherwise.
    /// </summary>
    Diagonal,

    /// <summary>
    /// nutpie's low-rank-plus-diagonal adaptation (<see cref="FisherWarmUp"/>, <see cref="LowRankEstimator"/>): the
    /// diagonal of <see cref="Diagonal"/> times a correction along the eigenvectors whose eigenvalues the draws and
    /// gradients put outside [1/2, 2] (<see cref="Metrics.LowRankMetric"/>); same schedule and length.
    /// </summary>
    LowRank,
}
