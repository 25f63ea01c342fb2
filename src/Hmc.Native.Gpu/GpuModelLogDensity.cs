using Hmc.Native.Bayes;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Gpu;

/// <summary>
/// The log-posterior of a float32 network computed on a device, behind the host interface
/// <see cref="ILogDensity"/> that every sampler takes: <see cref="Evaluate"/> uploads θ (converted to float), runs
/// <see cref="GpuModelPosterior.Evaluate"/> and copies the value and the gradient back (converted to double). It
/// computes the same function as <see cref="ModelLogDensity{T}"/> with T = float, to float rounding. Samplers that
/// keep θ on the device (<see cref="GpuHmcKernel"/>) use its <see cref="Posterior"/> directly.
/// </summary>
/// <remarks>
/// An instance serves one thread at a time. <see cref="Fork"/> opens a new accelerator on the same device for
/// another chain; forks are disposed together with the instance they came from.
/// </remarks>
public sealed class GpuModelLogDensity : ILogDensity, IDisposable
{
    private readonly Module<float> model;
    private readonly Tensor<float> x;
    private readonly Tensor<float> y;
    private readonly Likelihood<float> likelihood;
    private readonly ModelPrior prior;
    private readonly bool ownsAccelerator;
    private readonly List<GpuModelLogDensity> forks = [];
    private readonly GpuBuffer<float> position;
    private readonly GpuBuffer<float> gradient;
    private readonly GpuBuffer<float> terms;
    private readonly float[] hostVector;
    private readonly float[] hostTerms = new float[GpuModelPosterior.TermCount];

    /// <summary>Uploads the data and compiles the network on <paramref name="gpu"/> (see <see cref="GpuModelPosterior"/> for the arguments).</summary>
    /// <param name="gpu">The accelerator (not owned: dispose this density before it).</param>
    /// <param name="model">The network.</param>
    /// <param name="x">The inputs, batch first.</param>
    /// <param name="y">Class labels as numbers (rank 1) or regression targets.</param>
    /// <param name="modelOptions">Likelihood and prior; null takes the defaults.</param>
    /// <param name="logDensityScale">Multiplies the whole log-posterior (1/<c>normalizing_const</c>).</param>
    /// <exception cref="NotSupportedException">A likelihood or module the device cannot run.</exception>
    /// <exception cref="ArgumentException">The data do not fit the model.</exception>
    public GpuModelLogDensity(GpuAccelerator gpu, Module<float> model, Tensor<float> x, Tensor<float> y, ModelOptions? modelOptions = null, double logDensityScale = 1.0)
        : this(gpu, model, x, y, GpuModelPosterior.LikelihoodOf(modelOptions), GpuModelPosterior.PriorOf(model, modelOptions), logDensityScale)
    {
    }

    /// <summary>Uploads the data and compiles the network on <paramref name="gpu"/> with a given likelihood and prior (see <see cref="GpuModelPosterior"/>).</summary>
    /// <param name="gpu">The accelerator (not owned: dispose this density before it).</param>
    /// <param name="model">The network.</param>
    /// <param name="x">The inputs, batch first.</param>
    /// <param name="y">Class labels as numbers (rank 1) or regression targets.</param>
    /// <param name="likelihood">The likelihood: <see cref="ModelLoss.MultiClassLinearOutput"/> or <see cref="ModelLoss.Regression"/>.</param>
    /// <param name="prior">The prior of the weights.</param>
    /// <param name="logDensityScale">Multiplies the whole log-posterior (1/<c>normalizing_const</c>).</param>
    /// <exception cref="NotSupportedException">A likelihood (another model loss or a custom one) or module the device cannot run.</exception>
    /// <exception cref="ArgumentException">The data do not fit the model.</exception>
    public GpuModelLogDensity(GpuAccelerator gpu, Module<float> model, Tensor<float> x, Tensor<float> y, Likelihood<float> likelihood, ModelPrior prior, double logDensityScale = 1.0)
        : this(gpu, model, x, y, likelihood, prior, logDensityScale, ownsAccelerator: false)
    {
    }

    private GpuModelLogDensity(GpuAccelerator gpu, Module<float> model, Tensor<float> x, Tensor<float> y, Likelihood<float> likelihood, ModelPrior prior, double logDensityScale,
        bool ownsAccelerator)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        gpu.Accelerator.Bind();
        Posterior = new GpuModelPosterior(gpu, model, x, y, likelihood, prior, logDensityScale);
        this.model = model;
        this.x = x;
        this.y = y;
        this.likelihood = likelihood;
        this.prior = prior;
        this.ownsAccelerator = ownsAccelerator;
        position = gpu.Allocate<float>(Posterior.Dimension);
        gradient = gpu.Allocate<float>(Posterior.Dimension);
        terms = gpu.Allocate<float>(GpuModelPosterior.TermCount);
        hostVector = new float[Posterior.Dimension];
    }

    /// <summary>The device-resident log-posterior this density evaluates.</summary>
    public GpuModelPosterior Posterior { get; }

    /// <summary>The accelerator it runs on.</summary>
    public GpuAccelerator Accelerator => Posterior.Accelerator;

    /// <inheritdoc />
    public int Dimension => Posterior.Dimension;

    /// <summary>Returns log π(<paramref name="position"/>) and writes ∇log π into <paramref name="gradient"/>; NaN or ±∞ when the network's output is not finite.</summary>
    /// <exception cref="ArgumentException">A span does not have <see cref="Dimension"/> elements.</exception>
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient)
    {
        if (position.Length != Dimension) throw new ArgumentException($"The position has {position.Length} elements; the network has {Dimension} parameters.", nameof(position));
        if (gradient.Length != Dimension) throw new ArgumentException($"The gradient has {gradient.Length} elements; the network has {Dimension} parameters.", nameof(gradient));
        Accelerator.Accelerator.Bind();
        TensorPrimitives.ConvertTruncating(position, hostVector.AsSpan());
        this.position.CopyFromHost(hostVector);
        Posterior.Evaluate(this.position.View, this.gradient.View, terms.View);
        this.gradient.CopyToHost(hostVector);
        terms.CopyToHost(hostTerms);
        TensorPrimitives.ConvertTruncating<float, double>(hostVector, gradient);
        return Posterior.LogDensity(hostTerms);
    }

    /// <summary>
    /// The same log-posterior on a new accelerator of the same device (for another chain, with this accelerator's
    /// convolution strategy), owned by the fork; the fork is disposed when this instance is.
    /// </summary>
    /// <exception cref="DeviceNotAvailableException">The device cannot be opened again.</exception>
    public ILogDensity Fork()
    {
        var info = Accelerator.Info;
        var gpu = GpuContext.Shared.Open(info.Kind, info.Index);
        gpu.Convolution.Strategy = Accelerator.Convolution.Strategy;
        GpuModelLogDensity fork;
        try
        {
            fork = new GpuModelLogDensity(gpu, model, x, y, likelihood, prior, Posterior.LogDensityScale, ownsAccelerator: true);
        }
        catch
        {
            gpu.Dispose();
            throw;
        }

        lock (forks) forks.Add(fork);
        return fork;
    }

    /// <summary>Frees the device memory (and the forks, and the accelerator if this instance opened it).</summary>
    public void Dispose()
    {
        lock (forks)
        {
            foreach (var fork in forks) fork.Dispose();
            forks.Clear();
        }

        Accelerator.Accelerator.Bind();
        position.Dispose();
        gradient.Dispose();
        terms.Dispose();
        Posterior.Dispose();
        if (ownsAccelerator) Accelerator.Dispose();
    }
}
