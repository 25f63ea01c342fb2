using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// 2-D average pooling over the last two axes, PyTorch's <c>avg_pool2d</c> without padding:
/// y[..., i, j] = (1/k²)·Σ_{ki, kj &lt; k} x[..., i·s + ki, j·s + kj]; ∂L/∂x[window] += ∂L/∂y[i, j]/k².
/// </summary>
/// <remarks>
/// Both passes work a window row at a time: the k input rows are added with SIMD, then each window's k columns.
/// NaN and infinity propagate. Only the numeric backward pass exists: second derivatives throw
/// <see cref="NotSupportedException"/> (the map is linear, so they are zero, but the rule is not written).
/// </remarks>
public static class AvgPool2dOp
{
    /// <summary>Average pooling of <paramref name="input"/> [N, C, H, W] or [C, H, W] with a k×k window moved by <paramref name="stride"/> (default k).</summary>
    /// <exception cref="ArgumentException">The input has another rank or is smaller than the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    public static unsafe Tensor<T> AvgPool2d<T>(this Tensor<T> input, int kernelSize, int? stride = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(input, "avg_pool2d", nameof(input));
        int s = stride ?? kernelSize;
        Shape sx = input.Shape;
        Shape shape = Pool2dGeometry.OutputShape(sx, kernelSize, s, "avg_pool2d");
        var result = OpResult.New(Rule<T>.Instance, shape, input);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = kernelSize;
            node.I1 = s;
        }
        fixed (T* x = input.Values, y = result.MutableValues)
            Forward(x, y, sx.Length / (sx[-2] * sx[-1]), sx[-2], sx[-1], kernelSize, s);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private static unsafe void Forward<T>(T* x, T* y, int planes, int height, int width, int k, int s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int outH = (height - k) / s + 1;
        BatchParallel.Run(new ForwardPlanes<T>(x, y, height, width, k, s), planes, BatchParallel.Chunks(planes, (long)outH * k * width));
    }

    /// <summary>The forward pass of a range of planes: per output row, the k input rows summed with SIMD, then each window's k columns.</summary>
    private readonly unsafe struct ForwardPlanes<T>(T* x, T* y, int height, int width, int k, int s) : IBatchWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int chunk, int start, int end)
        {
            int outH = (height - k) / s + 1, outW = (width - k) / s + 1, used = (outW - 1) * s + k;
            T area = T.CreateTruncating(k * k);
            var rented = ArrayPool<T>.Shared.Rent(used);
            var rowSum = rented.AsSpan(0, used);
            for (int p = start; p < end; p++)
            {
                T* plane = x + (long)p * height * width;
                T* output = y + (long)p * outH * outW;
                for (int oh = 0; oh < outH; oh++)
                {
                    T* top = plane + (long)oh * s * width;
                    new ReadOnlySpan<T>(top, used).CopyTo(rowSum);
                    for (int ki = 1; ki < k; ki++)
                        TensorPrimitives.Add(rowSum, new ReadOnlySpan<T>(top + (long)ki * width, used), rowSum);
                    for (int ow = 0; ow < outW; ow++)
                        output[oh * outW + ow] = TensorPrimitives.Sum<T>(rowSum.Slice(ow * s, k)) / area;
                }
            }
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    private sealed class Rule<T> : IOp<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public string Name => "avg_pool2d";

        public unsafe void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            Shape sx = n.A.Shape;
            int height = sx[-2], width = sx[-1], planes = sx.Length / (height * width);
            int k = n.I0, s = n.I1, outH = (height - k) / s + 1;
            fixed (T* gy = tape.AdjointSpan(node), dx = tape.AdjointOf(n.A))
                BatchParallel.Run(new BackwardPlanes(gy, dx, height, width, k, s), planes, BatchParallel.Chunks(planes, (long)outH * k * width));
        }

        /// <summary>
        /// The backward pass of a range of planes: per output row, the row's gradients divided by k² are spread over
        /// the window columns, and that row is added to each of the k input rows with SIMD.
        /// </summary>
        private readonly unsafe struct BackwardPlanes(T* gy, T* dx, int height, int width, int k, int s) : IBatchWork
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int chunk, int start, int end)
            {
                int outH = (height - k) / s + 1, outW = (width - k) / s + 1, used = (outW - 1) * s + k;
                T area = T.CreateTruncating(k * k);
                var rented = ArrayPool<T>.Shared.Rent(used);
                var spread = rented.AsSpan(0, used);
                for (int p = start; p < end; p++)
                {
                    T* gradPlane = dx + (long)p * height * width;
                    T* g = gy + (long)p * outH * outW;
                    for (int oh = 0; oh < outH; oh++)
                    {
                        // spread[c] = Σ over the windows of this output row that cover column c of ∂L/∂y/k².
                        spread.Clear();
                        for (int ow = 0; ow < outW; ow++)
                        {
                            var window = spread.Slice(ow * s, k);
                            TensorPrimitives.Add(window, g[oh * outW + ow] / area, window);
                        }
                        for (int ki = 0; ki < k; ki++)
                        {
                            var row = new Span<T>(gradPlane + (long)(oh * s + ki) * width, used);
                            TensorPrimitives.Add(row, spread, row);
                        }
                    }
                }
                ArrayPool<T>.Shared.Return(rented);
            }
        }

        public void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad) =>
            throw new NotSupportedException("second derivatives of avg_pool2d are not implemented");
    }
}
