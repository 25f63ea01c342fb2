using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// Computes g = ∇log π(θ) on the device: reads <paramref name="position"/> and overwrites <paramref name="gradient"/>
/// (both device views of the parameter length), by queueing kernels on the same accelerator.
/// </summary>
public delegate void DeviceGradient(ArrayView<float> position, ArrayView<float> gradient);
