using System.Diagnostics;
using System.Security.Cryptography;
using Hmc.Native.Adaptation;
using Hmc.Native.Backends;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native;

/// <summary>
/// The entry point, mirroring hamiltorch's <c>sample(log_prob_func, params_init, ...)</c>: a user writes a
/// log-density in C# and gets draws. Every option of hamiltorch is in <see cref="SampleOptions"/> with the same
/// default; chains run in parallel with their own random streams derived from one seed.
/// </summary>
public static class Sampling
{
    /// <summary>Samples from a log-density written with tensor operations (differentiated automatically).</summary>
    /// <param name="logProb">θ ↦ log π(θ) (up to a constant): a function of a rank-1 tensor returning one element.</param>
    /// <param name="paramsInit">The initial parameters, shared by every chain.</param>
    /// <param name="options">hamiltorch's options; null takes every default.</param>
    /// <param name="cancellationToken">Stops the run; the result then holds what was drawn.</param>
    /// <exception cref="ArgumentException">Invalid options or initial parameters (see <see cref="Validate"/>).</exception>
    /// <exception cref="LogDensityException">The log-density threw during sampling; carries the parameters.</exception>
    public static SamplingResult Sample(Func<Tensor<double>, Tensor<double>> logProb, double[] paramsInit, SampleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logProb);
        ArgumentNullException.ThrowIfNull(paramsInit);
        options ??= new SampleOptions();
        var density = new TensorLogDensity(logProb, Math.Max(paramsInit.Length, 1));
        if (options.Sampler is not (Sampler.Rmhmc or Sampler.RmNuts)) return Sample(density, paramsInit, options, cancellationToken);
        Validate(options, density.Dimension);
        var metric = RiemannianMetric.Create(options.Metric, options.SoftAbsConst);
        return Run(density, paramsInit, options, cancellationToken, d => CreateRiemannianKernel(logProb, d, metric, options));
    }

    /// <summary>Samples from a log-density given as one function returning the value and writing the gradient (hamiltorch's <c>pass_grad</c>, fused).</summary>
    public static SamplingResult Sample(ValueAndGradientFunction logProbAndGradient, double[] paramsInit, SampleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logProbAndGradient);
        ArgumentNullException.ThrowIfNull(paramsInit);
        return Sample(new FusedLogDensity(logProbAndGradient, Math.Max(paramsInit.Length, 1)), paramsInit, options, cancellationToken);
    }

    /// <summary>Samples from any <see cref="ILogDensity"/>.</summary>
    public static SamplingResult Sample(ILogDensity density, double[] paramsInit, SampleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(density);
        ArgumentNullException.ThrowIfNull(paramsInit);
        options ??= new SampleOptions();
        Validate(options, density.Dimension);
        if (options.Sampler is Sampler.Rmhmc or Sampler.RmNuts)
            throw new NotSupportedException($"Sampler {options.Sampler} differentiates the Hessian of the log-density, so it needs the log-density written with tensors: pass a Func<Tensor<double>, Tensor<double>>.");
        return Run(density, paramsInit, options, cancellationToken, d => CreateKernel(d, options));
    }

    internal static SamplingResult Run(ILogDensity density, double[] paramsInit, SampleOptions options, CancellationToken cancellationToken, Func<ILogDensity, ITransitionKernel> createKernel)
    {
        if (options.NormalizingConst != 1.0) density = new ScaledLogDensity(density, 1.0 / options.NormalizingConst);
        var initial = EuclideanKernel.InitialState(density, paramsInit);
        var parallelism = ChainParallelism.For(density, options.Chains);
        int chains = parallelism.Chains;
        ulong seed = options.Seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var names = options.ParameterNames ?? Enumerable.Range(1, density.Dimension).Select(i => $"theta.{i}").ToArray();
        if (names.Count != density.Dimension)
            throw new ArgumentException($"{names.Count} parameter names were given for {density.Dimension} parameters.", nameof(options));

        var clock = Stopwatch.StartNew();
        var line = options.Verbose
            ? Reporting.ProgressLine.ForConsole(options.Sampler.ToString().ToUpperInvariant(), options.Integrator.ToString().ToUpperInvariant(), chains * (options.Burn + options.NumSamples * options.Thin), verbose: true)
            : null;
        line?.Start();
        IProgress<Reporting.SamplingProgress>? progress = (line, options.Progress) switch
        {
            (null, var p) => p,
            (var l, null) => l,
            (var l, var p) => new Reporting.ProgressFanOut(l, p),
        };
        var results = new ChainResult[chains];
        var densities = new ILogDensity[chains];
        for (int c = 0; c < chains; c++) densities[c] = parallelism.DensityFor(density, c);
        try
        {
            Parallel.For(0, chains, new ParallelOptions { MaxDegreeOfParallelism = parallelism.ConcurrentChains }, c =>
            {
                var rng = Rng.ForStream(seed, c);
                var kernel = createKernel(densities[c]);
                var runner = new ChainRunner(c, kernel, CreateWarmUp(options, density.Dimension), options.Burn, options.NumSamples, options.Thin, options.StoreDraws);
                using var sink = DrawSinks.Create(options, names, c, chains);
                using var userSink = options.DrawSinkFactory?.Invoke(c);
                var sinks = DrawSinks.Combine(sink, userSink);
                results[c] = runner.Run(initial, rng, sinks, progress, cancellationToken);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        var result = new SamplingResult(results, names, seed, clock.Elapsed.TotalSeconds);
        line?.Complete(result.AcceptanceRate);
        return result;
    }

    /// <summary>
    /// Checks the options before any sampling starts: positive sample counts and step size, a target acceptance in
    /// (0, 1), a mass matrix of the right size, valid RMHMC constants.
    /// </summary>
    /// <exception cref="ArgumentException">The first problem found, named.</exception>
    public static void Validate(SampleOptions options, int dimension)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NumSamples <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"NumSamples must be positive; got {options.NumSamples}.");
        if (options.Burn < 0) throw new ArgumentOutOfRangeException(nameof(options), $"Burn must not be negative; got {options.Burn}.");
        if (options.NumStepsPerSample <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"NumStepsPerSample must be positive; got {options.NumStepsPerSample}.");
        if (!(options.StepSize > 0) || !double.IsFinite(options.StepSize)) throw new ArgumentOutOfRangeException(nameof(options), $"StepSize must be positive and finite; got {options.StepSize}.");
        if (options.DesiredAcceptRate is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), $"DesiredAcceptRate must lie in (0, 1); got {options.DesiredAcceptRate}.");
        if (options.Chains is <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"Chains must be positive; got {options.Chains}.");
        if (options.Thin <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"Thin must be positive; got {options.Thin}.");
        if (options.MaxTreeDepth is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(options), $"MaxTreeDepth must be between 1 and 30; got {options.MaxTreeDepth}.");
        if (!(options.NormalizingConst > 0) || !double.IsFinite(options.NormalizingConst)) throw new ArgumentOutOfRangeException(nameof(options), $"NormalizingConst must be positive and finite; got {options.NormalizingConst}.");
        if (options.InverseMass is { } m && m.Dimension != dimension)
            throw new ArgumentException($"The inverse mass matrix has dimension {m.Dimension}; the parameters have {dimension}.", nameof(options));
        if (options.Jitter is { } j && (!(j >= 0) || !double.IsFinite(j))) throw new ArgumentOutOfRangeException(nameof(options), $"Jitter must be non-negative and finite; got {j}.");
        if (options.SoftAbsConst is { } a && (!(a > 0) || !double.IsFinite(a))) throw new ArgumentOutOfRangeException(nameof(options), $"SoftAbsConst must be positive and finite; got {a}.");
        if (!(options.ExplicitBindingConst > 0) || !double.IsFinite(options.ExplicitBindingConst)) throw new ArgumentOutOfRangeException(nameof(options), $"ExplicitBindingConst must be positive and finite; got {options.ExplicitBindingConst}.");
        if (!(options.FixedPointThreshold > 0)) throw new ArgumentOutOfRangeException(nameof(options), $"FixedPointThreshold must be positive; got {options.FixedPointThreshold}.");
        if (options.FixedPointMaxIterations <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"FixedPointMaxIterations must be positive; got {options.FixedPointMaxIterations}.");
        if (options.JitterMaxTries < 0) throw new ArgumentOutOfRangeException(nameof(options), $"JitterMaxTries must not be negative; got {options.JitterMaxTries}.");
    }

    private static ITransitionKernel CreateKernel(ILogDensity density, SampleOptions options)
    {
        var metric = options.InverseMass ?? new UnitMetric(density.Dimension);
        return options.Sampler == Sampler.Nuts
            ? new NutsKernel(density, metric, options.StepSize, options.MaxTreeDepth)
            : new HmcKernel(density, metric, options.StepSize, options.NumStepsPerSample);
    }

    private static ITransitionKernel CreateRiemannianKernel(Func<Tensor<double>, Tensor<double>> logProb, ILogDensity density, RiemannianMetric metric, SampleOptions options)
    {
        Func<Tensor<double>, Tensor<double>> scaled = options.NormalizingConst == 1.0 ? logProb : t => logProb(t) / options.NormalizingConst;
        var hamiltonian = new RiemannianHamiltonian(scaled, density.Dimension, metric);
        IRiemannianIntegrator integrator = options.Integrator switch
        {
            Integrator.Implicit => new GeneralizedLeapfrog(hamiltonian, options.FixedPointThreshold, options.FixedPointMaxIterations),
            Integrator.Explicit => new ExplicitBindingIntegrator(hamiltonian, options.ExplicitBindingConst),
            Integrator.ExplicitSequential => new ExplicitBindingIntegrator(hamiltonian, options.ExplicitBindingConst, sequential: true),
            _ => throw new NotSupportedException($"Integrator {options.Integrator} is for Bayesian networks (SampleModel); RMHMC uses Implicit, Explicit or ExplicitSequential."),
        };
        if (options.Sampler == Sampler.RmNuts)
        {
            if (integrator is not GeneralizedLeapfrog implicitIntegrator)
                throw new NotSupportedException("Riemannian NUTS uses the implicit integrator (Integrator.Implicit); the explicit one keeps an augmented state that a tree growing in both directions cannot carry.");
            return new RiemannianNutsKernel(hamiltonian, implicitIntegrator, density, options.StepSize, options.MaxTreeDepth, options.Jitter ?? 0, options.JitterMaxTries);
        }
        return new RmhmcKernel(hamiltonian, integrator, density, options.StepSize, options.NumStepsPerSample, options.Jitter ?? 0, options.JitterMaxTries);
    }

    private static WarmUp? CreateWarmUp(SampleOptions options, int dimension)
    {
        if (options.Burn == 0) return null;
        bool nuts = options.Sampler is Sampler.Nuts or Sampler.RmNuts;
        bool adaptStep = options.AdaptStepSize ?? nuts;
        var mass = options.AdaptMass ?? (options.Sampler == Sampler.Nuts ? MassMatrixAdaptation.Diagonal : MassMatrixAdaptation.None);
        if (!adaptStep && mass == MassMatrixAdaptation.None) return null;
        return new WarmUp(options.Burn, adaptStep, mass, options.DesiredAcceptRate, dimension);
    }
}
