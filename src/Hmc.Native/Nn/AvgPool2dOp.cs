using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// 2-D average pooling over the last two axes, PyTorch's <c>avg_pool2d</c> without padding:
/// y[..., i, j] = (1/k²)·Σ_{ki, kj &lt; k} x[..., i·s + ki, j·s + kj]; ∂L/∂x[window] += ∂L/∂y[i, j]/k².
/// </summary>
/// <remarks>
/// Both passes work a window row at a time: the k input rows are added with SIMD, then each window's k columns.
/// NaN and infinity propagate. The recorded backward (nested differentiation) spreads the recorded gradient over the
/// windows with <see cref="Fold2dOp"/>; the map is linear, so second derivatives through it alone are zero.
/// </remarks>
public static class AvgPool2dOp
{
    /// <summary>Average pooling of <paramref name="input"/> [N, C, H, W] or [C, H, W] with a k×k window moved by <paramref name="stride"/> (default k).</summary>
    /// <exception cref="ArgumentException">The input has another rank or is smaller than the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    public static Tensor<T> AvgPool2d<T>(this Tensor<T> input, int kernelSize, int? stride = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pool2dForward.Record(input, kernelSize, stride, Rule<T>.Instance, new WindowMean<T>(kernelSize));

    /// <summary>Rows summed with SIMD, then each window's k columns summed and divided by k².</summary>
    private readonly struct WindowMean<T>(int kernelSize) : IWindowReduction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _area = T.CreateTruncating(kernelSize * kernelSize);

        public void CombineRows(Span<T> combined, ReadOnlySpan<T> row) => TensorPrimitives.Add(combined, row, combined);

        public T ReduceWindow(ReadOnlySpan<T> columns) => TensorPrimitives.Sum(columns) / _area;
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "avg_pool2d";

        public override unsafe void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var geometry = Pool2dGeometry.ForInput(n.A.Shape, n.I0, n.I1);
            fixed (T* gy = tape.AdjointSpan(node), dx = tape.AdjointOf(n.A))
                tape.Parallelism.Run(new BackwardPlanes(gy, dx, geometry), geometry.Planes, tape.Parallelism.Chunks(geometry.Planes, geometry.RowWorkPerPlane));
        }

        /// <summary>
        /// The backward pass of a range of planes: per output row, the row's gradients divided by k² are spread over
        /// the window columns, and that row is added to each of the k input rows with SIMD.
        /// </summary>
        private readonly unsafe struct BackwardPlanes(T* gy, T* dx, Pool2dGeometry geometry) : IBatchWork
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int chunk, int start, int end)
            {
                int height = geometry.Height, width = geometry.Width, k = geometry.KernelSize, s = geometry.Stride;
                int outH = geometry.OutHeight, outW = geometry.OutWidth, used = geometry.CoveredWidth;
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

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var box = Pool2dGeometry.ForInput(n.A.Shape, n.I0, n.I1).AsConvolution();
            var g = box.Value;
            // ∂L/∂x = fold(∂L/∂y/k² repeated over the k² window elements).
            var spread = (grad.Reshape(g.Batch, 1, g.OutputPositions) * T.CreateTruncating(1.0 / g.FieldLength))
                .BroadcastTo(new Shape(g.Batch, g.FieldLength, g.OutputPositions));
            tape.AccumulateGraph(n.A, Fold2dOp.Fold2d(spread, box).Reshape(n.A.Shape));
        }
    }
}
