using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>Launcher of <see cref="MomentumKernels"/>: HMC momenta drawn where they are used, with no host work or upload.</summary>
public sealed class GpuMomentum
{
    private readonly GpuAccelerator gpu;

    internal GpuMomentum(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>
    /// p ~ N(0, diag(1/M⁻¹)): element i is the standard normal of counter i under <paramref name="seed"/>, divided by
    /// √(M⁻¹_i). The same seed gives the same momenta on every run of the same device.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void DrawGaussian(ArrayView<float> momentum, ArrayView<float> inverseMass, ulong seed)
    {
        GpuArguments.RequireLength(inverseMass, momentum.Length, "momentum draw", nameof(inverseMass));
        if (momentum.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MomentumKernels), nameof(MomentumKernels.DrawGaussian)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ulong>(MomentumKernels.DrawGaussian));
        kernel((int)momentum.Length, momentum, inverseMass, seed);
    }
}
