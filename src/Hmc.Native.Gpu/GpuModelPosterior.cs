using Hmc.Native.Bayes;
using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using Hmc.Native.Tensors;
using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// The log-posterior of a float32 network's weights, log π(w) = s·[log p(y | f_w(x)) + log p(w)], evaluated wholly
/// on the device: the data are uploaded once, and <see cref="Evaluate"/> reads the weights from a device view and
/// writes ∇log π into another, so a sampler can keep θ on the device for a whole trajectory. It is the device twin
/// of <see cref="ModelLogDensity{T}"/> (same likelihood, same prior, same flat parameter layout); s is the
/// log-density scale (1/<c>normalizing_const</c>, 1 by default).
/// </summary>
/// <remarks>
/// <para>Likelihoods: <see cref="ModelLoss.MultiClassLinearOutput"/>, log p = −Σᵢ [logΣₖ exp fᵢₖ − fᵢ,yᵢ] with
/// ∂/∂f = onehot(y) − softmax(f) (the cross-entropy kernels), and <see cref="ModelLoss.Regression"/>,
/// log p = −½τ Σ (y − f)² + ½ n log(τ/2π) with ∂/∂f = τ(y − f). Prior: w ~ N(0, diag(1/τ)) with the per-tensor
/// precisions of <c>tau_list</c> (<see cref="ModelPrior"/>), log p(w) = −½ Σ τᵢwᵢ² + Σ ½ log(τᵢ/2π), ∇ = −τ ⊙ w.</para>
/// <para>The value leaves the device as two float sums (<see cref="TermCount"/> terms: the likelihood's sum and
/// ½ Σ sτᵢwᵢ²), which <see cref="LogDensity"/> combines with the constants in double; large constants such as
/// the prior's normaliser (−0.92 per parameter) therefore never meet float rounding. NaN or ±∞ in the weights or
/// data make the terms non-finite; a sampler rejects such a point.</para>
/// </remarks>
public sealed class GpuModelPosterior : IDisposable
{
    /// <summary>The number of float terms <see cref="Evaluate"/> writes.</summary>
    public const int TermCount = 2;

    private readonly GpuBuffer<float> inputs;
    private readonly GpuBuffer<int>? labels;
    private readonly GpuBuffer<float>? targets;
    private readonly GpuBuffer<float> outputGradient;
    private readonly GpuBuffer<float> rowLogSumExp;
    private readonly GpuBuffer<float> rowLosses;
    private readonly GpuBuffer<float> scaledPrecision;
    private readonly GpuBuffer<float> work;
    private readonly int rows;
    private readonly int classes;
    private readonly float outputGradientScale;

    /// <summary>Uploads the data and compiles the network, with the likelihood and prior of <paramref name="modelOptions"/>.</summary>
    /// <param name="gpu">The accelerator (not owned: dispose the posterior before it).</param>
    /// <param name="model">The network.</param>
    /// <param name="x">The inputs, batch first (one batch: the whole data set).</param>
    /// <param name="y">Class labels as numbers (rank 1) for the categorical likelihood, or targets with as many elements as the output for regression.</param>
    /// <param name="modelOptions">Likelihood and prior (hamiltorch's <c>model_loss</c>, <c>tau_out</c>, <c>tau_list</c>); null takes the defaults.</param>
    /// <param name="logDensityScale">s, multiplying the whole log-posterior (1/<c>normalizing_const</c>); positive and finite.</param>
    /// <exception cref="NotSupportedException">A likelihood other than the two above, or a module the device network cannot run.</exception>
    /// <exception cref="ArgumentException">The data do not fit the model (shapes, labels outside 0..C−1 or not integers), or invalid precisions.</exception>
    public GpuModelPosterior(GpuAccelerator gpu, Module<float> model, Tensor<float> x, Tensor<float> y, ModelOptions? modelOptions = null, double logDensityScale = 1.0)
        : this(gpu, model, x, y, LikelihoodOf(modelOptions), PriorOf(model, modelOptions), logDensityScale)
    {
    }

    /// <summary>
    /// Uploads the data and compiles the network, with <paramref name="likelihood"/> (its <see cref="Likelihood{T}.Loss"/>
    /// and <see cref="Likelihood{T}.OutputPrecision"/> choose the kernels) and <paramref name="prior"/> (its precisions
    /// and normaliser are uploaded and added once).
    /// </summary>
    /// <param name="gpu">The accelerator (not owned: dispose the posterior before it).</param>
    /// <param name="model">The network.</param>
    /// <param name="x">The inputs, batch first (one batch: the whole data set).</param>
    /// <param name="y">Class labels as numbers (rank 1) for the categorical likelihood, or targets with as many elements as the output for regression.</param>
    /// <param name="likelihood">The likelihood: <see cref="ModelLoss.MultiClassLinearOutput"/> or <see cref="ModelLoss.Regression"/>.</param>
    /// <param name="prior">The prior of the weights, of the model's dimension.</param>
    /// <param name="logDensityScale">s, multiplying the whole log-posterior (1/<c>normalizing_const</c>); positive and finite.</param>
    /// <exception cref="NotSupportedException">Another model loss, a custom likelihood, or a module the device network cannot run; the message names it.</exception>
    /// <exception cref="ArgumentException">The data do not fit the model (shapes, labels outside 0..C−1 or not integers), or the prior has another dimension.</exception>
    public GpuModelPosterior(GpuAccelerator gpu, Module<float> model, Tensor<float> x, Tensor<float> y, Likelihood<float> likelihood, ModelPrior prior, double logDensityScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(likelihood);
        ArgumentNullException.ThrowIfNull(prior);
        if (x.IsNone || y.IsNone) throw new ArgumentException("The inputs and targets must be tensors.");
        if (x.Rank < 2 || y.Rank == 0 || x.Shape[0] != y.Shape[0])
        {
            throw new ShapeMismatchException("device sample_model", x.Shape, y.Shape, "the inputs must be [N, ...] and the targets have the same number of rows");
        }

        if (!(logDensityScale > 0) || !double.IsFinite(logDensityScale))
        {
            throw new ArgumentOutOfRangeException(nameof(logDensityScale), $"The log-density scale must be positive and finite; got {logDensityScale}.");
        }

        int dimension = model.ParameterCount;
        if (prior.Dimension != dimension)
        {
            throw new ArgumentException($"The prior has {prior.Dimension} parameters; the model has {dimension}.", nameof(prior));
        }

        if (likelihood.Loss is not (ModelLoss.MultiClassLinearOutput or ModelLoss.Regression))
        {
            string got = likelihood.Loss is { } loss ? loss.ToString() : $"the custom likelihood '{likelihood.Name}'";
            throw new NotSupportedException(
                $"The device log-posterior supports the MultiClassLinearOutput and Regression likelihoods; got {got}. Sample on the CPU (ModelSampling.SampleModel) for the others.");
        }

        Accelerator = gpu;
        LogDensityScale = logDensityScale;
        ModelLoss = likelihood.Loss.Value;
        Network = new GpuNetwork(gpu, model, x.Shape);
        var output = Network.OutputShape;
        rows = x.Shape[0];
        double likelihoodConstant;
        double likelihoodSlope;
        try
        {
            if (ModelLoss == ModelLoss.MultiClassLinearOutput)
            {
                if (output.Rank != 2) throw new ArgumentException($"The categorical likelihood needs logits [N, C]; the network outputs {output}.", nameof(model));
                if (y.Shape != Shape.Vector(rows)) throw new ShapeMismatchException("categorical likelihood", output, y.Shape, "one label per row is needed");
                classes = output[1];
                labels = gpu.Upload<int>(Labels(y, classes));
                outputGradientScale = (float)-logDensityScale;
                likelihoodSlope = -1;
                likelihoodConstant = 0;
            }
            else
            {
                if (y.Length != output.Length) throw new ShapeMismatchException("regression likelihood", output, y.Shape, "the targets need as many elements as the output");
                double tauOut = likelihood.OutputPrecision!.Value;
                targets = gpu.Upload(y.Values);
                outputGradientScale = (float)(tauOut * logDensityScale);
                likelihoodSlope = -0.5 * tauOut;
                likelihoodConstant = 0.5 * output.Length * Math.Log(tauOut / (2 * Math.PI));
            }
        }
        catch
        {
            Network.Dispose();
            throw;
        }

        var precision = new double[dimension];
        prior.CopyPrecisionsTo(precision);
        var scaled = new float[dimension];
        for (int i = 0; i < dimension; i++) scaled[i] = (float)(precision[i] * logDensityScale);
        Terms = new LogPosteriorTerms(logDensityScale * likelihoodSlope, logDensityScale * (likelihoodConstant + prior.LogNormalizer));

        inputs = gpu.Upload(x.Values);
        outputGradient = gpu.Allocate<float>(output.Length);
        rowLogSumExp = gpu.Allocate<float>(rows);
        rowLosses = gpu.Allocate<float>(ModelLoss == ModelLoss.Regression ? output.Length : rows);
        scaledPrecision = gpu.Upload<float>(scaled);
        work = gpu.Allocate<float>(dimension);
    }

    /// <summary>The accelerator the posterior runs on.</summary>
    public GpuAccelerator Accelerator { get; }

    /// <summary>The compiled network (its <see cref="GpuNetwork.Output"/> holds the last evaluation's output).</summary>
    public GpuNetwork Network { get; }

    /// <summary>The number of weights.</summary>
    public int Dimension => Network.ParameterCount;

    /// <summary>The likelihood.</summary>
    public ModelLoss ModelLoss { get; }

    /// <summary>s, the factor on the whole log-posterior.</summary>
    public double LogDensityScale { get; }

    /// <summary>How the terms <see cref="Evaluate"/> writes combine into log π (on the host in <see cref="LogDensity"/>, on the device in the Metropolis kernel).</summary>
    public LogPosteriorTerms Terms { get; }

    /// <summary>
    /// Queues the evaluation at the weights <paramref name="position"/>: overwrites <paramref name="gradient"/> with
    /// ∇log π and <paramref name="terms"/> (<see cref="TermCount"/> floats) with the sums that
    /// <see cref="LogDensity"/> turns into log π. Nothing is copied to the host; the views must belong to
    /// <see cref="Accelerator"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A view has the wrong length.</exception>
    public void Evaluate(ArrayView<float> position, ArrayView<float> gradient, ArrayView<float> terms)
    {
        GpuArguments.RequireLength(position, Dimension, "device log-posterior", nameof(position));
        GpuArguments.RequireLength(gradient, Dimension, "device log-posterior", nameof(gradient));
        GpuArguments.RequireLength(terms, TermCount, "device log-posterior", nameof(terms));
        var gpu = Accelerator;
        Network.Forward(position, inputs.View);
        var f = Network.Output;
        if (labels is not null)
        {
            // terms[0] = Σᵢ ℓᵢ, the summed cross-entropy; ∂(s·log p)/∂f = −s·(softmax(f) − onehot(y)).
            gpu.CrossEntropy.NegativeLogLikelihood(f, labels.View, rowLogSumExp.View, rowLosses.View, terms.SubView(0, 1), rows, classes);
            gpu.CrossEntropy.Gradient(f, labels.View, rowLogSumExp.View, outputGradient.View, rows, classes, outputGradientScale);
        }
        else
        {
            // r = y − f; terms[0] = Σ r²; ∂(s·log p)/∂f = s·τ·r.
            gpu.Elementwise.Binary<SubtractOperation>(targets!.View, f, rowLosses.View);
            gpu.Reductions.SumOfSquares(rowLosses.View, terms.SubView(0, 1));
            gpu.Elementwise.BinaryScalar<MultiplyOperation>(rowLosses.View, outputGradientScale, outputGradient.View);
        }

        Network.Backward(position, inputs.View, outputGradient.View, gradient);

        // Prior: terms[1] = ½ Σ sτᵢwᵢ² (the map-reduce of the kinetic-energy term, the same quadratic form); ∇ −= sτ ⊙ w.
        gpu.Reductions.MapReduce<KineticEnergyTermOperation, SumReduction>(position, scaledPrecision.View, terms.SubView(1, 1));
        gpu.Elementwise.Binary<MultiplyOperation>(scaledPrecision.View, position, work.View);
        gpu.Elementwise.Binary<SubtractOperation>(gradient, work.View, gradient);
    }

    /// <summary>
    /// log π from the <paramref name="terms"/> written by <see cref="Evaluate"/> (copied to the host):
    /// s·(a·terms[0] + b + log-prior normaliser) − terms[1], in double, where log p(y | f) = a·terms[0] + b.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="terms"/> does not have <see cref="TermCount"/> elements.</exception>
    public double LogDensity(ReadOnlySpan<float> terms)
    {
        if (terms.Length != TermCount) throw new ArgumentException($"Expected {TermCount} terms; got {terms.Length}.", nameof(terms));
        return Terms.LogDensity(terms[0], terms[1]);
    }

    /// <summary>Frees the data, the network and the work buffers.</summary>
    public void Dispose()
    {
        Accelerator.Accelerator.Bind();
        inputs.Dispose();
        labels?.Dispose();
        targets?.Dispose();
        outputGradient.Dispose();
        rowLogSumExp.Dispose();
        rowLosses.Dispose();
        scaledPrecision.Dispose();
        work.Dispose();
        Network.Dispose();
    }

    /// <summary>The likelihood of <paramref name="modelOptions"/> (the defaults when null).</summary>
    internal static Likelihood<float> LikelihoodOf(ModelOptions? modelOptions)
    {
        modelOptions ??= new ModelOptions();
        return Likelihood<float>.For(modelOptions.ModelLoss, modelOptions.TauOut);
    }

    /// <summary>The prior of <paramref name="model"/> with the precisions of <paramref name="modelOptions"/> (all 1 when null).</summary>
    internal static ModelPrior PriorOf(Module<float> model, ModelOptions? modelOptions) => ModelPrior.For(model, modelOptions?.TauList);

    private static int[] Labels(Tensor<float> y, int classes)
    {
        var values = y.Values;
        var result = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float label = values[i];
            if (!(label >= 0) || label >= classes || label != MathF.Floor(label))
            {
                throw new ArgumentException($"Categorical likelihood: label {label} of row {i} is not a class in 0..{classes - 1}.", nameof(y));
            }

            result[i] = (int)label;
        }

        return result;
    }
}
