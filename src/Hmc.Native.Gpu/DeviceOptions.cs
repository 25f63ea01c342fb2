using Hmc.Native.Tensors;

namespace Hmc.Native.Gpu;

/// <summary>
/// Where and how <see cref="DeviceSampling.SampleModel"/> runs a network on a device (hamiltorch's <c>store_on_GPU</c>):
/// the device, how HMC draws its momenta, and how the convolutions are computed.
/// </summary>
public sealed record DeviceOptions
{
    /// <summary>
    /// The device: <see cref="Device.Cuda"/>, <see cref="Device.OpenCL"/> or <see cref="Device.IlgpuCpu"/> (ILGPU's CPU
    /// accelerator, for testing the kernels). <see cref="Device.Cpu"/> is the managed SIMD backend of
    /// <see cref="Bayes.ModelSampling.SampleModel{T}"/> and is refused here.
    /// </summary>
    public required Device Device { get; init; }

    /// <summary>The index of the device among those of its kind (0 for the first); each chain opens its own accelerator on it.</summary>
    public int DeviceIndex { get; init; }

    /// <summary>
    /// Where HMC draws its momenta: on the device (the default, fastest) or on the host from the CPU sampler's random
    /// stream, so that a seed gives the same chain as on the CPU up to float rounding.
    /// </summary>
    public MomentumSource MomentumSource { get; init; } = MomentumSource.Device;

    /// <summary>
    /// How the convolutions are computed on every accelerator of the run; null keeps the accelerator's default
    /// (<see cref="ConvolutionStrategy.Direct"/> on ILGPU's CPU accelerator, <see cref="ConvolutionStrategy.Automatic"/> on GPUs).
    /// </summary>
    public ConvolutionStrategy? ConvolutionStrategy { get; init; }
}
