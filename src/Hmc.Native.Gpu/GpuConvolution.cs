using Hmc.Native.Kernels;
using Hmc.Native.Nn;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// Launchers of the 2-D NCHW convolution and its gradients, by one of two <see cref="ConvolutionStrategy"/>s: the
/// direct kernels of <see cref="Conv2dKernels"/>, or the im2col lowering of <see cref="Im2ColKernels"/> to tiled
/// matrix products (<see cref="GpuMatmul.Multiply"/>). Both give the same sums up to float rounding (the order of
/// the terms differs). The lowered strategy keeps two scratch matrices, allocated on first need, grown when a
/// larger geometry comes and freed with the accelerator; like the accelerator, it serves one thread at a time.
/// </summary>
public sealed class GpuConvolution
{
    private readonly GpuAccelerator gpu;
    private GpuBuffer<float>? columnScratch;
    private GpuBuffer<float>? matrixScratch;

    internal GpuConvolution(GpuAccelerator gpu)
    {
        this.gpu = gpu;
        Strategy = gpu.Device == Tensors.Device.IlgpuCpu ? ConvolutionStrategy.Direct : ConvolutionStrategy.Automatic;
    }

    /// <summary>
    /// The strategy of <see cref="Forward"/>, <see cref="BackwardInput"/> and <see cref="BackwardWeight"/>
    /// (<see cref="BackwardBias"/> has only one). Initially <see cref="ConvolutionStrategy.Direct"/> on ILGPU's CPU
    /// accelerator, where the group barriers of the tiled matmul are OS synchronisations, and
    /// <see cref="ConvolutionStrategy.Automatic"/> on CUDA and OpenCL. A geometry whose scratch matrices would exceed
    /// 2³¹ − 1 elements runs directly whatever this says.
    /// </summary>
    public ConvolutionStrategy Strategy { get; set; }

    /// <summary>
    /// y = conv(x, w) + b; pass <c>default</c> (an empty view) as <paramref name="bias"/> for none. The kernel then
    /// receives an empty sub-view of <paramref name="output"/>, so every backend gets a valid device pointer.
    /// Lowered: cols = im2col(x), Y = cols·Wᵀ (R × F), y[n,f,i,j] = Y[(n·OH + i)·OW + j, f] + b[f].
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void Forward(ArrayView<float> input, ArrayView<float> weight, ArrayView<float> bias, ArrayView<float> output, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(input, geometry.InputLength, "conv2d", nameof(input));
        GpuArguments.RequireLength(weight, geometry.WeightLength, "conv2d", nameof(weight));
        if (bias.Length != 0) GpuArguments.RequireLength(bias, geometry.OutChannels, "conv2d", nameof(bias));
        GpuArguments.RequireLength(output, geometry.OutputLength, "conv2d", nameof(output));
        var biasOrNone = bias.Length == 0 ? output.SubView(0, 0) : bias;
        if (IsLowered(geometry, LoweredOperation.Forward))
        {
            var (columns, matrix) = Scratch(geometry);
            Im2Col(input, columns, geometry);
            gpu.Matmul.Multiply(columns, weight, matrix, Lowering.Output(geometry));
            var reorder = gpu.Kernels.GetOrLoad(
                new KernelKey(typeof(Im2ColKernels), nameof(Im2ColKernels.OutputFromMatrix)),
                static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Im2ColKernels.OutputFromMatrix));
            reorder(geometry.OutputLength, matrix, biasOrNone, output, geometry);
            return;
        }

        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.Forward)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.Forward));
        kernel(geometry.OutputLength, input, weight, biasOrNone, output, geometry);
    }

    /// <summary>
    /// ∂L/∂x from ∂L/∂y and w (overwrites <paramref name="inputGradient"/>). Lowered: ∂L/∂cols = ∂L/∂Y·W (R × K),
    /// then col2im sums, for each input element, the entries of ∂L/∂cols that read it.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void BackwardInput(ArrayView<float> outputGradient, ArrayView<float> weight, ArrayView<float> inputGradient, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(outputGradient, geometry.OutputLength, "conv2d backward input", nameof(outputGradient));
        GpuArguments.RequireLength(weight, geometry.WeightLength, "conv2d backward input", nameof(weight));
        GpuArguments.RequireLength(inputGradient, geometry.InputLength, "conv2d backward input", nameof(inputGradient));
        if (IsLowered(geometry, LoweredOperation.BackwardInput))
        {
            var (columnGradient, matrix) = Scratch(geometry);
            MatrixFromOutput(outputGradient, matrix, geometry);
            gpu.Matmul.Multiply(matrix, weight, columnGradient, Lowering.ColumnGradient(geometry));
            var col2im = gpu.Kernels.GetOrLoad(
                new KernelKey(typeof(Im2ColKernels), nameof(Im2ColKernels.Col2Im)),
                static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Im2ColKernels.Col2Im));
            col2im(geometry.InputLength, columnGradient, inputGradient, geometry);
            return;
        }

        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.BackwardInput)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.BackwardInput));
        kernel(geometry.InputLength, outputGradient, weight, inputGradient, geometry);
    }

    /// <summary>
    /// ∂L/∂w from ∂L/∂y and x (overwrites <paramref name="weightGradient"/>). Direct: one group per weight.
    /// Lowered: ∂L/∂W = (∂L/∂Y)ᵀ·cols (F × K), with cols = im2col(x) recomputed.
    /// </summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void BackwardWeight(ArrayView<float> outputGradient, ArrayView<float> input, ArrayView<float> weightGradient, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(outputGradient, geometry.OutputLength, "conv2d backward weight", nameof(outputGradient));
        GpuArguments.RequireLength(input, geometry.InputLength, "conv2d backward weight", nameof(input));
        GpuArguments.RequireLength(weightGradient, geometry.WeightLength, "conv2d backward weight", nameof(weightGradient));
        if (IsLowered(geometry, LoweredOperation.BackwardWeight))
        {
            var (columns, matrix) = Scratch(geometry);
            Im2Col(input, columns, geometry);
            MatrixFromOutput(outputGradient, matrix, geometry);
            gpu.Matmul.Multiply(matrix, columns, weightGradient, Lowering.WeightGradient(geometry));
            return;
        }

        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.BackwardWeight)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.BackwardWeight));
        kernel(gpu.GroupLaunch(geometry.WeightLength), outputGradient, input, weightGradient, geometry);
    }

    /// <summary>∂L/∂b[f] = Σ ∂L/∂y[·, f, ·, ·] (overwrites <paramref name="biasGradient"/>), one group per channel.</summary>
    /// <exception cref="ArgumentException">A length does not match <paramref name="geometry"/>.</exception>
    public void BackwardBias(ArrayView<float> outputGradient, ArrayView<float> biasGradient, Conv2dGeometry geometry)
    {
        GpuArguments.RequireLength(outputGradient, geometry.OutputLength, "conv2d backward bias", nameof(outputGradient));
        GpuArguments.RequireLength(biasGradient, geometry.OutChannels, "conv2d backward bias", nameof(biasGradient));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Conv2dKernels), nameof(Conv2dKernels.BackwardBias)),
            static a => a.LoadStreamKernel<ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Conv2dKernels.BackwardBias));
        kernel(gpu.GroupLaunch(geometry.OutChannels), outputGradient, biasGradient, geometry);
    }

    /// <summary>Frees the scratch matrices (after the queued kernels that use them).</summary>
    internal void Dispose() => FreeScratch();

    private void FreeScratch()
    {
        if (columnScratch is null && matrixScratch is null) return;
        gpu.Synchronize();
        columnScratch?.Dispose();
        matrixScratch?.Dispose();
        columnScratch = null;
        matrixScratch = null;
    }

    private enum LoweredOperation
    {
        Forward,
        BackwardInput,
        BackwardWeight,
    }

    private bool IsLowered(Conv2dGeometry g, LoweredOperation operation)
    {
        if (Lowering.ColumnLength(g) > int.MaxValue || Lowering.MatrixLength(g) > int.MaxValue) return false;
        if (Strategy != ConvolutionStrategy.Automatic) return Strategy == ConvolutionStrategy.Lowered;
        int inner = g.InChannels * g.KernelHeight * g.KernelWidth;
        int tile = gpu.TileSize;
        return operation switch
        {
            LoweredOperation.Forward => inner >= 64,
            LoweredOperation.BackwardWeight => ((g.OutChannels + tile - 1) / tile) * ((inner + tile - 1) / tile) >= 64,
            _ => true,
        };
    }

    /// <summary>Views of exactly R·K (columns) and R·F (matrix) elements of the scratch buffers, growing them if needed.</summary>
    private (ArrayView<float> Columns, ArrayView<float> Matrix) Scratch(Conv2dGeometry g)
    {
        int columnLength = (int)Lowering.ColumnLength(g);
        int matrixLength = (int)Lowering.MatrixLength(g);
        if ((columnScratch?.Length ?? 0) < columnLength || (matrixScratch?.Length ?? 0) < matrixLength)
        {
            int columnCapacity = Math.Max(columnLength, columnScratch?.Length ?? 0);
            int matrixCapacity = Math.Max(matrixLength, matrixScratch?.Length ?? 0);
            FreeScratch();
            columnScratch = gpu.Allocate<float>(columnCapacity);
            matrixScratch = gpu.Allocate<float>(matrixCapacity);
        }

        return (columnScratch!.View.SubView(0, columnLength), matrixScratch!.View.SubView(0, matrixLength));
    }

    private void Im2Col(ArrayView<float> input, ArrayView<float> columns, Conv2dGeometry geometry)
    {
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Im2ColKernels), nameof(Im2ColKernels.Im2Col)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Im2ColKernels.Im2Col));
        kernel((int)columns.Length, input, columns, geometry);
    }

    private void MatrixFromOutput(ArrayView<float> outputGradient, ArrayView<float> matrix, Conv2dGeometry geometry)
    {
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(Im2ColKernels), nameof(Im2ColKernels.MatrixFromOutput)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>, Conv2dGeometry>(Im2ColKernels.MatrixFromOutput));
        kernel((int)matrix.Length, outputGradient, matrix, geometry);
    }

    /// <summary>Sizes and matmul layouts of the lowered convolution: R = N·OH·OW, K = C·KH·KW, F output channels.</summary>
    private static class Lowering
    {
        public static long Rows(Conv2dGeometry g) => (long)g.Batch * g.OutHeight * g.OutWidth;

        public static int Columns(Conv2dGeometry g) => g.InChannels * g.KernelHeight * g.KernelWidth;

        public static long ColumnLength(Conv2dGeometry g) => Rows(g) * Columns(g);

        public static long MatrixLength(Conv2dGeometry g) => Rows(g) * g.OutChannels;

        /// <summary>Y (R × F) = cols (R × K) · Wᵀ, W stored F × K.</summary>
        public static GemmLayout Output(Conv2dGeometry g) => GemmLayout.RowMajor((int)Rows(g), g.OutChannels, Columns(g), transposeB: true);

        /// <summary>∂L/∂cols (R × K) = ∂L/∂Y (R × F) · W (F × K).</summary>
        public static GemmLayout ColumnGradient(Conv2dGeometry g) => GemmLayout.RowMajor((int)Rows(g), Columns(g), g.OutChannels);

        /// <summary>∂L/∂W (F × K) = (∂L/∂Y)ᵀ · cols, ∂L/∂Y stored R × F.</summary>
        public static GemmLayout WeightGradient(Conv2dGeometry g) => GemmLayout.RowMajor(g.OutChannels, Columns(g), (int)Rows(g), transposeA: true);
    }
}
