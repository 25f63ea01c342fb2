using System.Diagnostics;
using System.Security.Cryptography;
using Hmc.Native.Adaptation;
using Hmc.Native.Backends;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Models;
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
    /// <exception cref="ArgumentException">Invalid options or initial parameters, or an option the chosen sampler would ignore (see <see cref="Validate"/>).</exception>
    /// <exception cref="LogDensityException">The log-density threw during sampling; carries the parameters.</exception>
    public static SamplingResult Sample(Func<Tensor<double>, Tensor<double>> logProb, double[] paramsInit, SampleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(logProb);
        ArgumentNullException.ThrowIfNull(paramsInit);
        return SampleTensorFunction(logProb, Math.Max(paramsInit.Length, 1), (_, density, _) => EuclideanKernel.InitialState(density, paramsInit),
            options ?? new SampleOptions(), cancellationToken, output: null);
    }

    /// <summary>
    /// Samples a <see cref="Model"/>: the samplers move on its unconstrained reals (log-Jacobians included) and every
    /// draw is reported on the constrained scale under Stan's names, with the model's generated quantities. Each
    /// chain starts where <paramref name="inits"/> says (constrained values by name: one set for all chains, or one
    /// per chain), or by default at a point drawn uniformly in (−2, 2) on the unconstrained scale, retried up to 100
    /// times until the log-density and gradient are finite.
    /// </summary>
    /// <param name="model">The model, with its log-density set.</param>
    /// <param name="options">hamiltorch's options (every sampler works); null takes every default. <see cref="SampleOptions.ParameterNames"/> must not be set: the model names its values.</param>
    /// <param name="inits">Initial values on the constrained scale, or null for Stan's random initialisation.</param>
    /// <param name="cancellationToken">Stops the run; the result then holds what was drawn.</param>
    /// <exception cref="ArgumentException">Invalid or ignored options, a model without parameters or log-density, or initial values that are incomplete or break a constraint.</exception>
    /// <exception cref="InvalidInitialPointException">No random initial point had a finite log-density and gradient; the message names what was not finite.</exception>
    /// <exception cref="LogDensityException">The log-density threw during sampling; carries every chain's draws so far.</exception>
    public static SamplingResult Sample(Model model, SampleOptions? options = null, IReadOnlyList<IReadOnlyDictionary<string, double[]>>? inits = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SampleOptions();
        if (model.Dimension == 0) throw new ArgumentException("The model declares no parameter: add one with Model.Parameter.", nameof(model));
        if (!model.HasLogDensity) throw new ArgumentException("The model has no log-density: set it with Model.WithLogDensity.", nameof(model));
        if (options.ParameterNames is not null)
            throw new ArgumentException("SampleOptions.ParameterNames is set, but a Model names its own values (Stan's names of its parameters and generated quantities).", nameof(options));
        var run = RunOptions.From(options);
        var initialize = ModelInitialization.For(model, inits, run.Chains, run.FirstChain);
        return SampleTensorFunction(model.UnconstrainedLogDensity, model.Dimension, initialize, options, cancellationToken, new ModelDraws(model));
    }

    /// <summary>Samples a log-density written with tensors with any sampler, each chain starting where <paramref name="initialize"/> says.</summary>
    private static SamplingResult SampleTensorFunction(Func<Tensor<double>, Tensor<double>> logProb, int dimension, Func<int, ILogDensity, ulong, ChainState> initialize,
        SampleOptions options, CancellationToken cancellationToken, IDrawTransform? output)
    {
        Validate(options, dimension);
        var density = new TensorLogDensity(logProb, dimension);
        if (!SampleOptionsCheck.IsRiemannian(options))
        {
            var euclidean = EuclideanOptions.From(options);
            return Run(Scaled(density, options.NormalizingConst), initialize, options, cancellationToken,
                d => CreateKernel(d, options.Sampler, options.StepSize, euclidean), output);
        }
        var riemannian = RiemannianOptions.From(options);
        var metric = RiemannianMetric.Create(riemannian.Metric, riemannian.SoftAbsConst);
        double scale = 1.0 / options.NormalizingConst;
        Func<Tensor<double>, Tensor<double>> scaled = scale == 1.0 ? logProb : t => logProb(t) * scale;
        return Run(Scaled(density, options.NormalizingConst), initialize, options, cancellationToken,
            d => CreateRiemannianKernel(scaled, d, metric, options.StepSize, options.Sampler, riemannian), output);
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
        if (SampleOptionsCheck.IsRiemannian(options))
            throw new NotSupportedException($"Sampler {options.Sampler} differentiates the Hessian of the log-density, so it needs the log-density written with tensors: pass a Func<Tensor<double>, Tensor<double>>.");
        Validate(options, density.Dimension);
        var euclidean = EuclideanOptions.From(options);
        return Run(Scaled(density, options.NormalizingConst), paramsInit, options, cancellationToken,
            d => CreateKernel(d, options.Sampler, options.StepSize, euclidean));
    }

    /// <summary>
    /// <paramref name="density"/> divided by hamiltorch's <c>normalizing_const</c> (itself when it is 1). Each entry point
    /// applies the scale where it builds its density, so a run samples exactly the density it is given.
    /// </summary>
    internal static ILogDensity Scaled(ILogDensity density, double normalizingConst) =>
        normalizingConst == 1.0 ? density : new ScaledLogDensity(density, 1.0 / normalizingConst);

    /// <summary>Runs the chains of <paramref name="density"/> (already scaled), every chain starting at <paramref name="paramsInit"/>.</summary>
    internal static SamplingResult Run(ILogDensity density, double[] paramsInit, SampleOptions options, CancellationToken cancellationToken, Func<ILogDensity, ITransitionKernel> createKernel) =>
        Run(density, (_, chainDensity, _) => EuclideanKernel.InitialState(chainDensity, paramsInit), options, cancellationToken, createKernel);

    /// <summary>
    /// Runs the chains of <paramref name="density"/> (already scaled), each with a kernel from
    /// <paramref name="createKernel"/> over its own fork of the density and a starting state from
    /// <paramref name="initialize"/> (given the chain's 0-based index in the whole run, which is offset by
    /// <see cref="SampleOptions.ChainId"/>, its density and the run's seed). Kernels and starting states are
    /// made one chain after another before the chains start; kernels are disposed, when they are
    /// <see cref="IDisposable"/>, when the run ends. When a chain's log-density throws, the other chains are stopped
    /// and the <see cref="LogDensityException"/> is rethrown with every chain's draws so far in
    /// <see cref="LogDensityException.PartialResult"/>.
    /// </summary>
    /// <param name="density">The target.</param>
    /// <param name="initialize">The starting state of a chain.</param>
    /// <param name="options">The checked options.</param>
    /// <param name="cancellationToken">Stops the run; the result then holds what was drawn.</param>
    /// <param name="createKernel">The kernel of a chain over its density.</param>
    /// <param name="output">Maps each kept position to the reported values and names them (null: the position, named by the options).</param>
    internal static SamplingResult Run(ILogDensity density, Func<int, ILogDensity, ulong, ChainState> initialize, SampleOptions options, CancellationToken cancellationToken,
        Func<ILogDensity, ITransitionKernel> createKernel, IDrawTransform? output = null)
    {
        var run = RunOptions.From(options);
        var parallelism = ChainParallelism.For(density, run.Chains);
        int chains = parallelism.Chains;
        int first = run.FirstChain;
        ulong seed = run.Seed ?? BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var names = output?.Names ?? run.ParameterNames ?? Enumerable.Range(1, density.Dimension).Select(i => $"theta.{i}").ToArray();
        if (output is null && names.Count != density.Dimension)
            throw new ArgumentException($"{names.Count} parameter names were given for {density.Dimension} parameters.", nameof(options));
        var densities = new ILogDensity[chains];
        var initial = new ChainState[chains];
        for (int c = 0; c < chains; c++)
        {
            densities[c] = parallelism.DensityFor(density, c);
            initial[c] = initialize(first + c, densities[c], seed);
        }
        var euclidean = SampleOptionsCheck.IsRiemannian(options) ? null : EuclideanOptions.From(options);
        string metricName = euclidean?.CmdStanMetric(density.Dimension) ?? RiemannianOptions.From(options).CmdStanMetric;

        var clock = Stopwatch.StartNew();
        var line = run.Verbose
            ? Reporting.ProgressLine.ForConsole(options.Sampler.ToString().ToUpperInvariant(), options.Integrator.ToString().ToUpperInvariant(), chains * (run.Burn + run.NumSamples * run.Thin), verbose: true)
            : null;
        line?.Start();
        IProgress<Reporting.SamplingProgress>? progress = (line, run.Progress) switch
        {
            (null, var p) => p,
            (var l, null) => l,
            (var l, var p) => new Reporting.ProgressFanOut(l, p),
        };
        var results = new ChainResult[chains];
        var kernels = new ITransitionKernel[chains];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            for (int c = 0; c < chains; c++) kernels[c] = createKernel(densities[c]);
            Parallel.For(0, chains, new ParallelOptions { MaxDegreeOfParallelism = parallelism.ConcurrentChains }, c =>
            {
                int chain = first + c;
                var rng = Rng.ForStream(seed, chain);
                var kernel = kernels[c];
                var runner = new ChainRunner(chain, kernel, CreateWarmUp(run, euclidean, density.Dimension), run.Burn, run.NumSamples, run.Thin, run.StoreDraws, output);
                using var sink = DrawSinks.Create(run, options.Sampler, Adapts(run, euclidean), kernel, metricName, names, chain, chains, seed);
                using var userSink = run.DrawSinkFactory?.Invoke(chain);
                var sinks = DrawSinks.Combine(sink, userSink);
                results[c] = runner.Run(initial[c], rng, sinks, progress, stop.Token);
                if (results[c].Failure is not null) stop.Cancel();
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
            throw;
        }
        finally
        {
            foreach (var kernel in kernels) (kernel as IDisposable)?.Dispose();
        }
        var result = new SamplingResult(results, names, seed, clock.Elapsed.TotalSeconds);
        line?.Complete(result.AcceptanceRate);
        if (results.Select(r => r.Failure).FirstOrDefault(f => f is not null) is { } failure)
        {
            failure.PartialResult = result;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        return result;
    }

    /// <summary>
    /// Checks the options before any sampling starts: positive sample counts and step size, a target acceptance in
    /// (0, 1), a mass matrix of the right size, valid RMHMC constants, and no option that the chosen sampler would
    /// ignore (an option counts as given when it differs from its default).
    /// </summary>
    /// <exception cref="ArgumentException">The first problem found, named; for an ignored option the message names it, the
    /// sampler, and the samplers that use it.</exception>
    public static void Validate(SampleOptions options, int dimension) => SampleOptionsCheck.Validate(options, dimension);

    private static ITransitionKernel CreateKernel(ILogDensity density, Sampler sampler, double stepSize, EuclideanOptions euclidean)
    {
        var metric = euclidean.StartingMetric(density.Dimension);
        return sampler == Sampler.Nuts
            ? new NutsKernel(density, metric, stepSize, euclidean.MaxTreeDepth)
            : new HmcKernel(density, metric, stepSize, euclidean.Steps);
    }

    private static ITransitionKernel CreateRiemannianKernel(Func<Tensor<double>, Tensor<double>> logProb, ILogDensity density, RiemannianMetric metric,
        double stepSize, Sampler sampler, RiemannianOptions options)
    {
        var hamiltonian = new RiemannianHamiltonian(logProb, density.Dimension, metric);
        IRiemannianIntegrator integrator = options.Integrator switch
        {
            Integrator.Implicit => new GeneralizedLeapfrog(hamiltonian, options.FixedPointThreshold, options.FixedPointMaxIterations),
            Integrator.Explicit => new ExplicitBindingIntegrator(hamiltonian, options.ExplicitBindingConst),
            Integrator.ExplicitSequential => new ExplicitBindingIntegrator(hamiltonian, options.ExplicitBindingConst, sequential: true),
            _ => throw new NotSupportedException($"Integrator {options.Integrator} is for Bayesian networks (SampleSplitModel); RMHMC uses Implicit, Explicit or ExplicitSequential."),
        };
        if (sampler == Sampler.RmNuts)
        {
            if (integrator is not GeneralizedLeapfrog implicitIntegrator)
                throw new NotSupportedException("Riemannian NUTS uses the implicit integrator (Integrator.Implicit); the explicit one keeps an augmented state that a tree growing in both directions cannot carry.");
            return new RiemannianNutsKernel(hamiltonian, implicitIntegrator, density, stepSize, options.MaxTreeDepth, options.Jitter, options.JitterMaxTries);
        }
        return new RmhmcKernel(hamiltonian, integrator, density, stepSize, options.Steps, options.Jitter, options.JitterMaxTries);
    }

    /// <summary>Whether warm-up adapts anything: some warm-up and a step size or a Euclidean metric to adapt.</summary>
    private static bool Adapts(RunOptions run, EuclideanOptions? euclidean) => run.Burn > 0 && (run.AdaptStepSize || (euclidean?.AdaptsMetric ?? false));

    /// <summary>The warm-up of one chain: none, Stan's windows, or nutpie's scheme (null <paramref name="euclidean"/>: a Riemannian kernel, step size only).</summary>
    private static IWarmUp? CreateWarmUp(RunOptions run, EuclideanOptions? euclidean, int dimension)
    {
        if (!Adapts(run, euclidean)) return null;
        if (euclidean is { Adaptation: not AdaptationScheme.Stan } fisher)
            return new FisherWarmUp(run.Burn, fisher.Adaptation, run.AdaptStepSize, run.DesiredAcceptRate, dimension, startFromGiven: fisher.InverseMass is not null);
        return new WarmUp(run.Burn, run.AdaptStepSize, euclidean?.AdaptMass ?? MassMatrixAdaptation.None, run.DesiredAcceptRate, dimension);
    }
}
