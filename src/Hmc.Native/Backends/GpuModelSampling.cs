using System.Numerics;
using Hmc.Native.Bayes;
using Hmc.Native.Metrics;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Backends;

/// <summary>
/// <see cref="ModelSampling.SampleModel{T}"/> on a device (<see cref="SampleOptions.Device"/> other than
/// <see cref="Device.Cpu"/>, hamiltorch's <c>store_on_GPU</c>): each chain opens its own accelerator on the device,
/// uploads the data once and samples with <see cref="GpuHmcKernel"/> (θ, p and the gradient stay on the device for
/// a whole trajectory) or, for NUTS, with <see cref="NutsKernel"/> over <see cref="GpuModelLogDensity"/>.
/// Everything opened is disposed when the run ends.
/// </summary>
internal static class GpuModelSampling
{
    /// <summary>Runs the chains; <paramref name="options"/> carries the parameter names already.</summary>
    /// <exception cref="NotSupportedException">T is not float, or the sampler, likelihood, module or mass matrix is not supported on the device.</exception>
    /// <exception cref="DeviceNotAvailableException">The device is not present; the message lists those that are.</exception>
    public static SamplingResult SampleModel<T>(Module<T> model, Tensor<T> x, Tensor<T> y, double[] init, SampleOptions options, ModelOptions? modelOptions,
        CancellationToken cancellationToken) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float))
        {
            throw new NotSupportedException(
                $"Sampling on {options.Device} runs float32 networks; build the model as Module<float> (this one is Module<{typeof(T).Name}>) or sample on Device.Cpu.");
        }

        if (options.Sampler is not (Sampler.Hmc or Sampler.Nuts))
        {
            throw new NotSupportedException($"Sampling on {options.Device} supports Sampler.Hmc and Sampler.Nuts; got {options.Sampler}.");
        }

        Sampling.Validate(options, model.ParameterCount);
        var floatModel = (Module<float>)(object)model;
        var gpu = GpuContext.Shared.Open(options.Device);
        var kernels = new List<GpuHmcKernel>();
        try
        {
            using var density = new GpuModelLogDensity(gpu, floatModel, (Tensor<float>)(object)x, (Tensor<float>)(object)y, modelOptions, 1.0 / options.NormalizingConst);
            try
            {
                // The scale 1/NormalizingConst is applied on the device, so the run itself sees an unscaled density.
                var run = options with { NormalizingConst = 1.0 };
                return Sampling.Run(density, init, run, cancellationToken, d => CreateKernel((GpuModelLogDensity)d, run, kernels));
            }
            finally
            {
                lock (kernels)
                {
                    foreach (var kernel in kernels) kernel.Dispose();
                }
            }
        }
        finally
        {
            gpu.Dispose();
        }
    }

    private static ITransitionKernel CreateKernel(GpuModelLogDensity density, SampleOptions options, List<GpuHmcKernel> kernels)
    {
        var metric = options.InverseMass ?? new UnitMetric(density.Dimension);
        if (options.Sampler == Sampler.Nuts) return new NutsKernel(density, metric, options.StepSize, options.MaxTreeDepth);
        var kernel = new GpuHmcKernel(density, metric, options.StepSize, options.NumStepsPerSample, options.MomentumSource);
        lock (kernels) kernels.Add(kernel);
        return kernel;
    }
}
