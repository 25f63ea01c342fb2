namespace Hmc.Native.Samplers;

/// <summary>The kept draws of one chain, their statistics, and what happened along the way.</summary>
public sealed class ChainResult
{
    internal ChainResult(int chain, List<double[]> draws, List<DrawStatistics> statistics)
    {
        Chain = chain;
        Draws = draws;
        Statistics = statistics;
    }

    /// <summary>The chain index.</summary>
    public int Chain { get; }

    /// <summary>The kept draws in order.</summary>
    public IReadOnlyList<double[]> Draws { get; }

    /// <summary>The statistics of each kept draw.</summary>
    public IReadOnlyList<DrawStatistics> Statistics { get; }

    /// <summary>Kept transitions that moved the chain.</summary>
    public int Accepted { get; internal set; }

    /// <summary>Kept transitions with a divergence.</summary>
    public int Divergences { get; internal set; }

    /// <summary>Proposals rejected because the log-density, gradient or metric was not finite there (all iterations).</summary>
    public int InvalidProposals { get; internal set; }

    /// <summary>Proposals rejected because a fixed-point solve did not converge (all iterations).</summary>
    public int FixedPointFailures { get; internal set; }

    /// <summary>The largest number of fixed-point iterations of one solve (implicit RMHMC).</summary>
    public int MaxFixedPointIterations { get; internal set; }

    /// <summary>The largest final fixed-point residual (implicit RMHMC).</summary>
    public double MaxFixedPointResidual { get; internal set; }

    /// <summary>Integrator steps over warm-up and sampling (each costs at least one gradient).</summary>
    public long LeapfrogSteps { get; internal set; }

    /// <summary>
    /// Gradient evaluations of the warm-up: its transitions' integrator steps and the step-size searches' probes
    /// (the evaluation of the initial point is not counted). For Riemannian kernels an integrator step also costs
    /// Hessians; this counts steps.
    /// </summary>
    public long GradientEvaluationsWarmUp { get; internal set; }

    /// <summary>Gradient evaluations after warm-up: the integrator steps of every sampling transition, thinned-out ones included.</summary>
    public long GradientEvaluationsSampling { get; internal set; }

    /// <summary>The step size used for the kept draws.</summary>
    public double StepSize { get; internal set; }

    /// <summary>The diagonal of M⁻¹ used for the kept draws (Euclidean samplers; empty for Riemannian ones).</summary>
    public double[] InverseMassDiagonal { get; internal set; } = [];

    /// <summary>The Euclidean metric M⁻¹ used for the kept draws, as adapted (unit, diagonal or dense); null for
    /// Riemannian samplers, whose metric varies with θ.</summary>
    public Metrics.IEuclideanMetric? Metric { get; internal set; }

    /// <summary>The kernel's maximum tree depth (NUTS' <c>max_depth</c>, <see cref="IReportsAcceptStatistic.MaxTreeDepth"/>), or
    /// null for kernels without a tree.</summary>
    public int? MaxTreeDepth { get; internal set; }

    /// <summary>Seconds spent in warm-up.</summary>
    public double WarmUpSeconds { get; internal set; }

    /// <summary>Seconds spent producing the kept draws.</summary>
    public double SamplingSeconds { get; internal set; }

    /// <summary>True when the run was cancelled before this chain finished.</summary>
    public bool Cancelled { get; internal set; }

    /// <summary>The exception that stopped this chain (its log-density threw), or null; the draws before it are kept.</summary>
    public LogDensityException? Failure { get; internal set; }

    /// <summary>
    /// The fraction of kept transitions that moved (HMC, RMHMC: hamiltorch's acceptance rate), or the mean
    /// accept_stat__ for kernels that choose their draw from a trajectory (<see cref="IReportsAcceptStatistic"/>:
    /// NUTS and Riemannian NUTS, whose draws move with a probability that is not a Metropolis acceptance).
    /// </summary>
    public double AcceptanceRate { get; internal set; }
}
