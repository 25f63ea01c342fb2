using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// The recording and forward pass shared by the 2-D pooling operations: checks the arguments, allocates the result
/// (storing k in I0 and s in I1 of a tape node) and reduces each window with an <see cref="IWindowReduction{T}"/>.
/// </summary>
internal static class Pool2dForward
{
    /// <summary>
    /// <paramref name="input"/> [N, C, H, W] or [C, H, W] pooled by <paramref name="reduction"/> over k×k windows moved by
    /// <paramref name="stride"/> (default k), recorded with <paramref name="rule"/>, whose name the error messages carry.
    /// </summary>
    /// <exception cref="ArgumentException">The input is none, has another rank or is smaller than the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    public static unsafe Tensor<T> Record<T, TReduction>(Tensor<T> input, int kernelSize, int? stride, Op<T> rule, TReduction reduction)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TReduction : struct, IWindowReduction<T>
    {
        OpResult.RequireTensor(input, rule.Name, nameof(input));
        int s = stride ?? kernelSize;
        var result = OpResult.New(rule, Pool2dGeometry.OutputShape(input.Shape, kernelSize, s, rule.Name), input);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = kernelSize;
            node.I1 = s;
        }
        var geometry = Pool2dGeometry.ForInput(input.Shape, kernelSize, s);
        fixed (T* x = input.Values, y = result.MutableValues)
        {
            var parallelism = OpResult.Parallelism(result);
            parallelism.Run(new Planes<T, TReduction>(x, y, geometry, reduction), geometry.Planes, parallelism.Chunks(geometry.Planes, geometry.RowWorkPerPlane));
        }
        return OpResult.Done(result, rule);
    }

    /// <summary>The forward pass of a range of planes: per output row, the k input rows combined with SIMD, then each window's k columns reduced.</summary>
    private readonly unsafe struct Planes<T, TReduction>(T* x, T* y, Pool2dGeometry geometry, TReduction reduction) : IBatchWork
        where T : unmanaged, IFloatingPointIeee754<T>
        where TReduction : struct, IWindowReduction<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int chunk, int start, int end)
        {
            int height = geometry.Height, width = geometry.Width, k = geometry.KernelSize, s = geometry.Stride;
            int outH = geometry.OutHeight, outW = geometry.OutWidth, used = geometry.CoveredWidth;
            var rented = ArrayPool<T>.Shared.Rent(used);
            var combined = rented.AsSpan(0, used);
            for (int p = start; p < end; p++)
            {
                T* plane = x + (long)p * height * width;
                T* output = y + (long)p * outH * outW;
                for (int oh = 0; oh < outH; oh++)
                {
                    T* top = plane + (long)oh * s * width;
                    new ReadOnlySpan<T>(top, used).CopyTo(combined);
                    for (int ki = 1; ki < k; ki++)
                        reduction.CombineRows(combined, new ReadOnlySpan<T>(top + (long)ki * width, used));
                    for (int ow = 0; ow < outW; ow++)
                        output[oh * outW + ow] = reduction.ReduceWindow(combined.Slice(ow * s, k));
                }
            }
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
