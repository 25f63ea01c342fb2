using System.Numerics;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Bayes;

/// <summary>
/// Bayesian neural networks as hamiltorch's <c>sample_model</c>, <c>predict_model</c> and <c>sample_split_model</c>:
/// the weights w of any <see cref="Module{T}"/> are sampled from p(w | x, y) ∝ p(y | f_w(x)) p(w) with every sampler
/// and option of <see cref="Sampling.Sample(ILogDensity, double[], SampleOptions?, CancellationToken)"/>.
/// </summary>
public static class ModelSampling
{
    /// <summary>
    /// Samples the weights of <paramref name="model"/> given inputs <paramref name="x"/> and targets <paramref name="y"/>
    /// on the CPU (the managed SIMD backend). Sampling on a GPU (hamiltorch's <c>store_on_GPU</c>) is
    /// <c>Hmc.Native.Gpu.DeviceSampling.SampleModel</c> in the Hmc.Native.Gpu assembly.
    /// </summary>
    /// <remarks>
    /// <see cref="Sampler.Rmhmc"/> and <see cref="Sampler.RmNuts"/> sample the tensor log-posterior of
    /// <see cref="PosteriorFunction"/> through <see cref="Sampling.Sample(Func{Tensor{double}, Tensor{double}}, double[], SampleOptions?, CancellationToken)"/>,
    /// whose metric (the Hessian, SoftAbs or Fisher diagonal of log π) and its derivatives flow through the recorded backward
    /// rules of the layers; <see cref="SampleOptions.NormalizingConst"/> divides it as for every other entry point.
    /// </remarks>
    /// <exception cref="NotSupportedException">A Riemannian sampler for a network that is not in double precision.</exception>
    /// <param name="model">The network (a user module built from the layers works).</param>
    /// <param name="x">Inputs, batch first.</param>
    /// <param name="y">Class labels as numbers (rank 1) or regression targets.</param>
    /// <param name="paramsInit">Initial weights (null: PyTorch's default initialisation with <paramref name="initSeed"/>).</param>
    /// <param name="options">Sampler options (hamiltorch's <c>sample</c> options).</param>
    /// <param name="modelOptions">Likelihood and prior.</param>
    /// <param name="initSeed">Seed of the default initialisation.</param>
    /// <param name="cancellationToken">Stops the run; the result then holds what was drawn.</param>
    public static SamplingResult SampleModel<T>(Module<T> model, Tensor<T> x, Tensor<T> y, double[]? paramsInit = null, SampleOptions? options = null,
        ModelOptions? modelOptions = null, int initSeed = 0, CancellationToken cancellationToken = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new SampleOptions();
        bool riemannian = options.Sampler is Sampler.Rmhmc or Sampler.RmNuts;
        if (riemannian && typeof(T) != typeof(double))
            throw new NotSupportedException(
                $"Sampler.{options.Sampler} needs double precision (its metric is built from second and third derivatives of the log-posterior); build the network as Module<double>, not Module<{typeof(T).Name}>.");
        var init = paramsInit ?? InitialWeights(model, initSeed);
        options = options with { ParameterNames = options.ParameterNames ?? ParameterNames(model) };
        if (riemannian)
            return Sampling.Sample(PosteriorFunction((Module<double>)(object)model, (Tensor<double>)(object)x, (Tensor<double>)(object)y, modelOptions),
                init, options, cancellationToken);
        var density = Posterior(model, x, y, modelOptions);
        return Sampling.Sample(density, init, options, cancellationToken);
    }

    /// <summary>
    /// Samples with the gradient accumulated over data splits (hamiltorch's <c>sample_split_model</c>): the pieces are
    /// the prior and the likelihood of each split; <paramref name="options"/>' integrator picks the splitting scheme
    /// (<see cref="Integrator.Splitting"/> when no options are given). The options are checked as for every sampler; a
    /// <see cref="SampleOptions.NormalizingConst"/> other than 1 divides every piece.
    /// </summary>
    /// <exception cref="ArgumentException">No split, an integrator that is not a splitting one, or invalid or ignored options.</exception>
    /// <exception cref="NotSupportedException">A sampler other than <see cref="Sampler.Hmc"/>.</exception>
    public static SamplingResult SampleSplitModel<T>(Module<T> model, IReadOnlyList<(Tensor<T> X, Tensor<T> Y)> splits, double[]? paramsInit = null,
        SampleOptions? options = null, ModelOptions? modelOptions = null, int initSeed = 0, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count == 0) throw new ArgumentException("sample_split_model needs at least one data split.", nameof(splits));
        modelOptions ??= new ModelOptions();
        options ??= new SampleOptions { Integrator = Integrator.Splitting };
        if (options.Integrator is not (Integrator.Splitting or Integrator.SplittingRandom or Integrator.SplittingKMid))
            throw new ArgumentException($"sample_split_model integrates with Splitting, SplittingRandom or SplittingKMid; got {options.Integrator}.", nameof(options));
        if (options.Sampler != Sampler.Hmc) throw new NotSupportedException($"sample_split_model runs Sampler.Hmc; got Sampler.{options.Sampler}.");
        SampleOptionsCheck.Validate(options, model.ParameterCount, splitModel: true);
        var likelihood = Likelihood<T>.For(modelOptions.ModelLoss, modelOptions.TauOut);
        var prior = ModelPrior.For(model, modelOptions.TauList);
        var pieces = new List<ILogDensity> { Sampling.Scaled(new PriorLogDensity(prior), options.NormalizingConst) };
        foreach (var (sx, sy) in splits) pieces.Add(Sampling.Scaled(new ModelLogDensity<T>(model, sx, sy, likelihood, prior: null), options.NormalizingConst));
        var init = paramsInit ?? InitialWeights(model, initSeed);
        options = options with { ParameterNames = options.ParameterNames ?? ParameterNames(model) };
        var euclidean = EuclideanOptions.From(options);
        var integrator = options.Integrator;
        double stepSize = options.StepSize;
        // Each chain's kernel integrates with its own forks of the pieces, under the thread budget the run gives its density.
        return Sampling.Run(new SumLogDensity(pieces), init, options, cancellationToken, d =>
        {
            var budget = Backends.ChainParallelism.Of(d);
            var chainPieces = pieces.Select(p => Backends.ChainParallelism.Fork(p, budget)).ToArray();
            return new SplitHmcKernel(chainPieces, euclidean.StartingMetric(model.ParameterCount), stepSize, euclidean.Steps, integrator);
        });
    }

    /// <summary>The log-posterior of the weights (for custom samplers or checks).</summary>
    public static ModelLogDensity<T> Posterior<T>(Module<T> model, Tensor<T> x, Tensor<T> y, ModelOptions? modelOptions = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        modelOptions ??= new ModelOptions();
        return new ModelLogDensity<T>(model, x, y, Likelihood<T>.For(modelOptions.ModelLoss, modelOptions.TauOut), ModelPrior.For(model, modelOptions.TauList));
    }

    /// <summary>
    /// The log-posterior of the weights as a function of tensors, w ↦ log p(y | f_w(x)) + log p(w) with
    /// log p(w) = Σ_i ½ log(τ_i/2π) − ½ Σ_i τ_i w_i² (the value of <see cref="Posterior{T}"/>), written with recorded
    /// operations so that its Hessian and third derivatives exist (what the Riemannian samplers need).
    /// </summary>
    public static Func<Tensor<double>, Tensor<double>> PosteriorFunction(Module<double> model, Tensor<double> x, Tensor<double> y, ModelOptions? modelOptions = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        modelOptions ??= new ModelOptions();
        var likelihood = Likelihood<double>.For(modelOptions.ModelLoss, modelOptions.TauOut);
        var prior = ModelPrior.For(model, modelOptions.TauList);
        var precision = new double[prior.Dimension];
        prior.CopyPrecisionsTo(precision);
        var tau = Tensor.FromSpan<double>(precision, Shape.Vector(precision.Length));
        double normalizer = prior.LogNormalizer;
        return w => likelihood.LogLikelihood(model.Forward(x, w), y) - ((w * w * tau).Sum() * 0.5) + normalizer;
    }

    /// <summary>
    /// hamiltorch's <c>predict_model</c>: the network's output for <paramref name="x"/> at each sample, as
    /// [samples, N, outputs] in row-major order, and, when targets are given, each sample's log-posterior.
    /// </summary>
    public static (T[] Predictions, Shape Shape, double[]? LogPosterior) PredictModel<T>(Module<T> model, IReadOnlyList<double[]> samples, Tensor<T> x,
        Tensor<T> y = default, ModelOptions? modelOptions = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0) throw new ArgumentException("predict_model needs at least one sample.", nameof(samples));
        var posterior = y.IsNone ? null : Posterior(model, x, y, modelOptions);
        var firstOutput = Forward(model, samples[0], x);
        var first = firstOutput.ToArray();
        int perSample = first.Length;
        var predictions = new T[samples.Count * perSample];
        first.CopyTo(predictions, 0);
        for (int s = 1; s < samples.Count; s++) Output(model, samples[s], x).CopyTo(predictions, s * perSample);
        double[]? logPosterior = null;
        if (posterior is not null)
        {
            logPosterior = new double[samples.Count];
            var gradient = new double[model.ParameterCount];
            for (int s = 0; s < samples.Count; s++) logPosterior[s] = posterior.Evaluate(samples[s], gradient);
        }
        var outputShape = firstOutput.Shape;
        Span<int> dims = stackalloc int[outputShape.Rank + 1];
        dims[0] = samples.Count;
        outputShape.CopyTo(dims[1..]);
        return (predictions, new Shape(dims), logPosterior);
    }

    /// <summary>The network's output at one sample's weights.</summary>
    public static T[] Output<T>(Module<T> model, ReadOnlySpan<double> weights, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Forward(model, weights, x).ToArray();

    private static Tensor<T> Forward<T>(Module<T> model, ReadOnlySpan<double> weights, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (weights.Length != model.ParameterCount)
            throw new ArgumentException($"A sample has {weights.Length} values; the model has {model.ParameterCount} parameters.", nameof(weights));
        var w = new T[weights.Length];
        if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<double, T>(weights).CopyTo(w);
        else TensorPrimitives.ConvertTruncating(weights, w.AsSpan());
        return model.Forward(x, new Tensor<T>(w, Shape.Vector(w.Length)));
    }

    /// <summary>PyTorch's default initialisation of <paramref name="model"/>'s weights with <paramref name="seed"/>, as doubles.</summary>
    internal static double[] InitialWeights<T>(Module<T> model, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var values = model.InitialParameters(seed);
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++) d[i] = double.CreateTruncating(values[i]);
        return d;
    }

    /// <summary>The names of the weights: <c>name</c> for a scalar tensor, <c>name.k</c> (1-based) for element k, in <see cref="Module{T}.Flatten"/>'s order.</summary>
    internal static string[] ParameterNames<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var names = new string[model.ParameterCount];
        foreach (var p in model.Parameters)
            for (int i = 0; i < p.Length; i++) names[p.Offset + i] = p.Length == 1 ? p.Name : $"{p.Name}.{i + 1}";
        return names;
    }
}
