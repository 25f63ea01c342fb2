namespace Hmc.Native.Backends;

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
    /// (R = N·OH·OW). Much faster on GPUs.
    /// </summary>
    Lowered,
}
