using Hmc.Native.Bayes;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Gpu;

/// <summary>
/// hamiltorch's <c>sample_model</c> with <c>store_on_GPU</c>: the weights of a float32 network are sampled with the
/// network evaluated on a device. Each chain opens its own accelerator on the device, uploads the data once and
/// samples with <see cref="GpuHmcKernel"/> (θ, p and the gradient stay on the device for a whole trajectory) or, for
/// NUTS, with <see cref="NutsKernel"/> over <see cref="GpuModelLogDensity"/>. Everything opened is disposed when the
/// run ends. On the CPU use <see cref="ModelSampling.SampleModel{T}"/>.
/// </summary>
public static class DeviceSampling
{
    /// <summary>
    /// Samples the weights of <paramref name="model"/> given inputs <paramref name="x"/> and targets <paramref name="y"/>
    /// on <paramref name="device"/>'s device (hamiltorch's <c>sample_model</c> with <c>store_on_GPU=True</c>): the same
    /// posterior and the same run (warm-up, chains, seeds, draws) as <see cref="ModelSampling.SampleModel{T}"/>.
    /// </summary>
    /// <param name="model">The network, built from the layers the device network runs (see <see cref="GpuNetwork"/>).</param>
    /// <param name="x">Inputs, batch first (the whole data set is one batch on the device).</param>
    /// <param name="y">Class labels as numbers (rank 1) or regression targets.</param>
    /// <param name="device">The device, where HMC draws its momenta, and the convolution strategy.</param>
    /// <param name="paramsInit">Initial weights (null: PyTorch's default initialisation with <paramref name="initSeed"/>).</param>
    /// <param name="options">Sampler options (hamiltorch's <c>sample</c> options); <see cref="Sampler.Hmc"/> or <see cref="Sampler.Nuts"/>.</param>
    /// <param name="modelOptions">Likelihood (<see cref="ModelLoss.MultiClassLinearOutput"/> or <see cref="ModelLoss.Regression"/>) and prior.</param>
    /// <param name="initSeed">Seed of the default initialisation.</param>
    /// <param name="cancellationToken">Stops the run; the result then holds what was drawn.</param>
    /// <exception cref="ArgumentException"><paramref name="device"/> names <see cref="Device.Cpu"/>, or invalid options or data.</exception>
    /// <exception cref="NotSupportedException">The sampler, likelihood, a module or the mass matrix is not supported on the device; the message names it.</exception>
    /// <exception cref="DeviceNotAvailableException">The device is not present; the message lists those that are.</exception>
    public static SamplingResult SampleModel(Module<float> model, Tensor<float> x, Tensor<float> y, DeviceOptions device, double[]? paramsInit = null,
        SampleOptions? options = null, ModelOptions? modelOptions = null, int initSeed = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(device);
        if (device.Device == Device.Cpu)
        {
            throw new ArgumentException(
                "Device.Cpu is the managed SIMD backend: sample on it with ModelSampling.SampleModel; DeviceSampling runs on Device.Cuda, Device.OpenCL or Device.IlgpuCpu.",
                nameof(device));
        }

        options ??= new SampleOptions();
        if (options.Sampler is not (Sampler.Hmc or Sampler.Nuts))
        {
            throw new NotSupportedException($"Sampling on {device.Device} supports Sampler.Hmc and Sampler.Nuts; got {options.Sampler}.");
        }

        var init = paramsInit ?? ModelSampling.InitialWeights(model, initSeed);
        options = options with { ParameterNames = options.ParameterNames ?? ModelSampling.ParameterNames(model) };
        Sampling.Validate(options, model.ParameterCount);
        var euclidean = EuclideanOptions.From(options);
        if (options.Sampler == Sampler.Hmc && euclidean.Adaptation == Adaptation.AdaptationScheme.LowRank)
        {
            throw new NotSupportedException(
                "The device HMC kernel supports a unit or diagonal mass matrix; Adaptation.LowRank estimates a low-rank one. Use Adaptation.Diagonal or Adaptation.Stan, or Sampler.Nuts.");
        }

        using var gpu = GpuContext.Shared.Open(device.Device, device.DeviceIndex);
        if (device.ConvolutionStrategy is { } strategy) gpu.Convolution.Strategy = strategy;
        using var density = new GpuModelLogDensity(gpu, model, x, y, modelOptions, 1.0 / options.NormalizingConst);
        // The scale 1/NormalizingConst is applied on the device, so the run itself sees an unscaled density.
        return Sampling.Run(density, init, options, cancellationToken, d => CreateKernel((GpuModelLogDensity)d, options, euclidean, device.MomentumSource));
    }

    private static ITransitionKernel CreateKernel(GpuModelLogDensity density, SampleOptions options, EuclideanOptions euclidean, MomentumSource momentumSource)
    {
        var metric = euclidean.StartingMetric(density.Dimension);
        return options.Sampler == Sampler.Nuts
            ? new NutsKernel(density, metric, options.StepSize, euclidean.MaxTreeDepth)
            : new GpuHmcKernel(density, metric, options.StepSize, euclidean.Steps, momentumSource);
    }
}
