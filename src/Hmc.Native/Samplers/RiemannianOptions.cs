using Hmc.Native.Integrators;
using Hmc.Native.Metrics;

namespace Hmc.Native.Samplers;

/// <summary>What RMHMC and Riemannian NUTS use beyond the run options: the metric, its jitter, and the integrator.</summary>
/// <param name="Metric">The position-dependent metric.</param>
/// <param name="SoftAbsConst">α of SoftAbs (null: 10⁶).</param>
/// <param name="Jitter">The scale of the diagonal jitter drawn once per transition (0: none).</param>
/// <param name="JitterMaxTries">Redraws of the jitter when G(θ₀) is not positive definite.</param>
/// <param name="Integrator">Implicit, Explicit or ExplicitSequential.</param>
/// <param name="FixedPointThreshold">Convergence threshold of the implicit solves.</param>
/// <param name="FixedPointMaxIterations">Iteration limit of each implicit solve.</param>
/// <param name="ExplicitBindingConst">ω of the explicit binding integrator.</param>
/// <param name="Steps">L, the steps of an RMHMC trajectory.</param>
/// <param name="MaxTreeDepth">The largest number of Riemannian NUTS doublings.</param>
internal sealed record RiemannianOptions(
    Metric Metric,
    double? SoftAbsConst,
    double Jitter,
    int JitterMaxTries,
    Integrator Integrator,
    double FixedPointThreshold,
    int FixedPointMaxIterations,
    double ExplicitBindingConst,
    int Steps,
    int MaxTreeDepth)
{
    /// <summary>The Riemannian options of checked <paramref name="options"/>.</summary>
    public static RiemannianOptions From(SampleOptions options) =>
        new(options.Metric, options.SoftAbsConst, options.Jitter ?? 0, options.JitterMaxTries, options.Integrator,
            options.FixedPointThreshold, options.FixedPointMaxIterations, options.ExplicitBindingConst,
            options.NumStepsPerSample, options.MaxTreeDepth);

    /// <summary>The metric's name in a CmdStan CSV header (Stan's <c>softabs</c>; ours for the others).</summary>
    public string CmdStanMetric => Metric switch
    {
        Metric.SoftAbs => "softabs",
        Metric.Hessian => "hessian",
        _ => "fisher_diag",
    };
}
