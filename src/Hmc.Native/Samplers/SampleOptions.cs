using Hmc.Native.Adaptation;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;

namespace Hmc.Native.Samplers;

/// <summary>
/// The options of <see cref="Sampling.Sample(Func{Tensors.Tensor{double}, Tensors.Tensor{double}}, double[], SampleOptions?, CancellationToken)"/>,
/// with hamiltorch's names (in PascalCase) and defaults, plus the options hamiltorch lacks (chains, seed,
/// adaptation, output). README.md maps every hamiltorch name to these.
/// </summary>
public sealed record SampleOptions
{
    /// <summary>Draws kept per chain after warm-up (hamiltorch <c>num_samples</c>; hamiltorch counts burn-in inside it, we do not).</summary>
    public int NumSamples { get; init; } = 10;

    /// <summary>Leapfrog steps per transition for HMC and RMHMC (hamiltorch <c>num_steps_per_sample</c>).</summary>
    public int NumStepsPerSample { get; init; } = 10;

    /// <summary>ε, the integrator step size (the starting value when adapted).</summary>
    public double StepSize { get; init; } = 0.1;

    /// <summary>
    /// Warm-up iterations per chain before the kept draws (hamiltorch <c>burn</c>); adaptation happens here. With
    /// <see cref="Adaptation"/> <see cref="AdaptationScheme.Diagonal"/> or <see cref="AdaptationScheme.LowRank"/>, 0
    /// (the default) means nutpie's 400 (<see cref="FisherAdaptationSchedule.DefaultWarmUp"/>) and any other value is
    /// the warm-up length; with <see cref="AdaptationScheme.Stan"/> 0 means no warm-up.
    /// </summary>
    public int Burn { get; init; }

    /// <summary>RMHMC: the scale of the random diagonal jitter added to the metric, drawn once per transition (hamiltorch <c>jitter</c>).</summary>
    public double? Jitter { get; init; }

    /// <summary>M⁻¹ for Euclidean samplers: unit (null), diagonal, dense or block-diagonal (hamiltorch <c>inv_mass</c>).</summary>
    public IEuclideanMetric? InverseMass { get; init; }

    /// <summary>Divides the log-density (hamiltorch <c>normalizing_const</c>); 1 leaves it unchanged.</summary>
    public double NormalizingConst { get; init; } = 1.0;

    /// <summary>α of the SoftAbs metric (hamiltorch <c>softabs_const</c>); null means 10⁶.</summary>
    public double? SoftAbsConst { get; init; }

    /// <summary>ω, the binding strength of the explicit RMHMC integrator (hamiltorch <c>explicit_binding_const</c>).</summary>
    public double ExplicitBindingConst { get; init; } = 100;

    /// <summary>Convergence threshold of the implicit integrator's fixed-point solves (hamiltorch <c>fixed_point_threshold</c>).</summary>
    public double FixedPointThreshold { get; init; } = 1e-5;

    /// <summary>Iteration limit of each fixed-point solve (hamiltorch <c>fixed_point_max_iterations</c>).</summary>
    public int FixedPointMaxIterations { get; init; } = 1000;

    /// <summary>How many times a non-positive-definite metric is retried with a fresh jitter (hamiltorch <c>jitter_max_tries</c>).</summary>
    public int JitterMaxTries { get; init; } = 10;

    /// <summary>The sampler (hamiltorch <c>sampler</c>).</summary>
    public Sampler Sampler { get; init; } = Sampler.Hmc;

    /// <summary>The RMHMC integrator (hamiltorch <c>integrator</c>).</summary>
    public Integrator Integrator { get; init; } = Integrator.Implicit;

    /// <summary>The RMHMC metric (hamiltorch <c>metric</c>).</summary>
    public Metric Metric { get; init; } = Metric.Hessian;

    /// <summary>The target acceptance statistic of step-size adaptation (hamiltorch <c>desired_accept_rate</c>).</summary>
    public double DesiredAcceptRate { get; init; } = 0.8;

    /// <summary>Prints the progress line and the acceptance rate (hamiltorch <c>verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>Chains run in parallel, each with its own random stream; null means one per core.</summary>
    public int? Chains { get; init; }

    /// <summary>The seed from which every chain's stream is derived; null draws one (reported in the result).</summary>
    public ulong? Seed { get; init; }

    /// <summary>
    /// Runs part of a larger run, as CmdStan's <c>id</c> argument does: the 1-based id of the first chain this call runs.
    /// The call runs chains <c>ChainId</c> … <c>ChainId + Chains − 1</c> (<see cref="Chains"/> is 1 when not set) of the
    /// run seeded by <see cref="Seed"/>, each with the random stream, random initial point, CSV file name and CSV
    /// <c>id</c> it has when every chain runs in one call, so runs on different machines merge into one (for instance with
    /// <c>hmc summary</c>). Needs <see cref="Seed"/>. Null: the chains are 1 … Chains.
    /// </summary>
    public int? ChainId { get; init; }

    /// <summary>NUTS: the maximum tree depth.</summary>
    public int MaxTreeDepth { get; init; } = 10;

    /// <summary>Adapt the step size by dual averaging during warm-up; null means yes for NUTS, no for HMC and RMHMC.</summary>
    public bool? AdaptStepSize { get; init; }

    /// <summary>Estimate the mass matrix during warm-up; null means diagonal for NUTS, none for HMC (Stan's scheme).</summary>
    public MassMatrixAdaptation? AdaptMass { get; init; }

    /// <summary>
    /// The warm-up scheme of HMC and NUTS: Stan's windowed adaptation (the default), or nutpie's diagonal or
    /// low-rank-plus-diagonal adaptation from draws and gradients (Seyboldt, Carlson &amp; Carpenter 2026), which need no
    /// <see cref="AdaptMass"/> (they choose the metric's form; None or Dense there conflicts) and default to 400 warm-up
    /// iterations (see <see cref="Burn"/>).
    /// </summary>
    public AdaptationScheme Adaptation { get; init; } = AdaptationScheme.Stan;

    /// <summary>Keep every <c>Thin</c>-th draw.</summary>
    public int Thin { get; init; } = 1;

    /// <summary>Names of the parameters in output (default <c>theta.1, theta.2, ...</c> as CmdStan names vector elements).</summary>
    public IReadOnlyList<string>? ParameterNames { get; init; }

    /// <summary>Writes each chain's draws as they come to a CmdStan CSV file (chain k of several goes to <c>name_k.csv</c>).</summary>
    public string? CsvPath { get; init; }

    /// <summary>Keep every draw in the result (false: only statistics are kept and draws go to the sinks, for large models).</summary>
    public bool StoreDraws { get; init; } = true;

    /// <summary>Creates a sink per chain (the argument is the chain index) that receives each kept draw as it comes.</summary>
    public Func<int, IDrawSink>? DrawSinkFactory { get; init; }

    /// <summary>Receives progress reports (at most a few per second per chain).</summary>
    public IProgress<Reporting.SamplingProgress>? Progress { get; init; }
}
