namespace Hmc.Native.Gpu;

/// <summary>How <see cref="GpuConvolution"/> computes a 2-D convolution and its input and weight gradients.</summary>
public enum ConvolutionStrategy
{
    /// <summary>
    /// The direct kernels of <see cref="Kernels.Conv2dKernels"/>: one thread per output element (forward), one per
    /// input element (input gradient), one group per weight (weight gradient). No scratch memory and no group
    /// barriers beyond the weight-gradient reduction, which suits ILGPU's CPU accelerator, where every barrier is an
    /// OS synchronisation.
    /// </summary>
    Direct,

    /// <summary>
    /// The im2col lowering of <see cref="Kernels.Im2ColKernels"/> (Chellapilla et al., 2006): the convolution and
    /// both gradients become tiled matrix products (<see cref="GpuMatmul.Multiply"/>) of the column matrix, the
    /// weight matrix and the reordered output, at the price of an R × C·KH·KW and an R × F scratch matrix
    /// (R = N·OH·OW). Much faster on GPUs when the products are large enough to fill the device.
    /// </summary>
    Lowered,

    /// <summary>
    /// Per operation and geometry, whichever of the two is faster on a GPU: the forward pass is lowered when the
    /// products' inner dimension C·KH·KW is at least 64, the input gradient always, and the weight gradient when its
    /// F × C·KH·KW result spans at least 64 matmul tiles (a small result over a long sum leaves most of the device
    /// idle in the tiled product). On an H100 this takes the MNIST CNN's second convolution and both input gradients
    /// lowered and keeps the first convolution's forward pass and weight gradient direct.
    /// </summary>
    Automatic,
}
