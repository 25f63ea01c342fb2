using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Nn;

namespace Hmc.Native.GpuCheck;

/// <summary>
/// One convolution layer's random inputs on the host and their device copies, with device buffers for the output
/// and the three gradients: what both the kernel checks and the timings run a convolution on.
/// </summary>
internal sealed class ConvolutionProblem : IDisposable
{
    public ConvolutionProblem(GpuAccelerator gpu, Conv2dGeometry geometry, Func<int, float[]> uniform)
    {
        Geometry = geometry;
        X = uniform(geometry.InputLength);
        W = uniform(geometry.WeightLength);
        Bias = uniform(geometry.OutChannels);
        Dy = uniform(geometry.OutputLength);
        XDevice = gpu.Upload<float>(X);
        WDevice = gpu.Upload<float>(W);
        BiasDevice = gpu.Upload<float>(Bias);
        DyDevice = gpu.Upload<float>(Dy);
        Y = gpu.Allocate<float>(geometry.OutputLength);
        Dx = gpu.Allocate<float>(geometry.InputLength);
        Dw = gpu.Allocate<float>(geometry.WeightLength);
        Db = gpu.Allocate<float>(geometry.OutChannels);
    }

    public Conv2dGeometry Geometry { get; }
    public float[] X { get; }
    public float[] W { get; }
    public float[] Bias { get; }
    public float[] Dy { get; }
    public GpuBuffer<float> XDevice { get; }
    public GpuBuffer<float> WDevice { get; }
    public GpuBuffer<float> BiasDevice { get; }
    public GpuBuffer<float> DyDevice { get; }
    public GpuBuffer<float> Y { get; }
    public GpuBuffer<float> Dx { get; }
    public GpuBuffer<float> Dw { get; }
    public GpuBuffer<float> Db { get; }

    public void Dispose()
    {
        foreach (var buffer in new[] { XDevice, WDevice, BiasDevice, DyDevice, Y, Dx, Dw, Db }) buffer.Dispose();
    }
}
