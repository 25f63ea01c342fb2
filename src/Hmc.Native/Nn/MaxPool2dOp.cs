using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// 2-D max pooling over the last two axes, PyTorch's <c>max_pool2d</c> without padding:
/// y[..., i, j] = max_{ki, kj &lt; k} x[..., i·s + ki, j·s + kj]. The gradient goes to the first maximal element of
/// each window in row-major order: ∂L/∂x[argmax] += ∂L/∂y[i, j].
/// </summary>
/// <remarks>
/// The forward pass takes the elementwise maximum of the k rows of a window row with SIMD, then the maximum of
/// each window's k columns. A NaN anywhere in a window makes that output NaN (as in PyTorch) and the gradient goes
/// to the first NaN. The backward pass finds each window's argmax again from the recorded input and output instead
/// of storing indices, so recording allocates nothing. The recorded backward (nested differentiation) routes the
/// recorded gradient through a constant mask of the same argmaxes and <see cref="Fold2dOp"/>: max pooling is piecewise
/// linear, so second derivatives through it alone are zero almost everywhere.
/// </remarks>
public static class MaxPool2dOp
{
    /// <summary>Max pooling of <paramref name="input"/> [N, C, H, W] or [C, H, W] with a k×k window moved by <paramref name="stride"/> (default k).</summary>
    /// <exception cref="ArgumentException">The input has another rank or is smaller than the window.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kernel size or stride is below 1.</exception>
    public static Tensor<T> MaxPool2d<T>(this Tensor<T> input, int kernelSize, int? stride = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pool2dForward.Record(input, kernelSize, stride, Rule<T>.Instance, default(WindowMax<T>));

    /// <summary>Rows combined by the elementwise maximum with SIMD, then the maximum of each window's k columns (NaN if any is NaN).</summary>
    private readonly struct WindowMax<T> : IWindowReduction<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void CombineRows(Span<T> combined, ReadOnlySpan<T> row) => TensorPrimitives.Max(combined, row, combined);

        public T ReduceWindow(ReadOnlySpan<T> columns)
        {
            T m = columns[0];
            for (int kj = 1; kj < columns.Length; kj++) m = T.Max(m, columns[kj]);
            return m;
        }
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "max_pool2d";

        public override unsafe void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var geometry = Pool2dGeometry.ForInput(n.A.Shape, n.I0, n.I1);
            long workPerPlane = (long)geometry.OutHeight * geometry.OutWidth * geometry.KernelSize * geometry.KernelSize;
            fixed (T* x = n.A.Values, y = tape.ValueSpan(node), gy = tape.AdjointSpan(node), dx = tape.AdjointOf(n.A))
                tape.Parallelism.Run(new BackwardPlanes(x, y, gy, dx, geometry), geometry.Planes, tape.Parallelism.Chunks(geometry.Planes, workPerPlane));
        }

        /// <summary>The backward pass of a range of planes: each output's gradient goes to its window's argmax.</summary>
        private readonly unsafe struct BackwardPlanes(T* x, T* y, T* gy, T* dx, Pool2dGeometry geometry) : IBatchWork
        {
            [MethodImpl(MethodImplOptions.AggressiveOptimization)]
            public void Run(int chunk, int start, int end)
            {
                int height = geometry.Height, width = geometry.Width, k = geometry.KernelSize, s = geometry.Stride;
                int outH = geometry.OutHeight, outW = geometry.OutWidth;
                for (int p = start; p < end; p++)
                {
                    T* plane = x + (long)p * height * width;
                    T* gradPlane = dx + (long)p * height * width;
                    long o = (long)p * outH * outW;
                    for (int oh = 0; oh < outH; oh++)
                    {
                        for (int ow = 0; ow < outW; ow++, o++)
                        {
                            long window = (long)oh * s * width + ow * s;
                            gradPlane[window + WindowArgMax(plane + window, width, k, y[o])] += gy[o];
                        }
                    }
                }
            }
        }

        /// <summary>
        /// The offset (row·width + column) within the window at <paramref name="window"/> of its first element equal to
        /// its maximum <paramref name="max"/> in row-major order, or of its first NaN when the maximum is NaN.
        /// </summary>
        /// <remarks>
        /// Which element of a window is largest is data-dependent and unpredictable, so windows of up to 32 elements
        /// are searched without branches: the equality tests become a bit mask whose lowest set bit is the answer.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe int WindowArgMax(T* window, int width, int k, T max)
        {
            if (T.IsNaN(max)) return FirstNaN(window, width, k);
            if (k == 2)
            {
                uint hits = (window[0] == max ? 1u : 0u) | (window[1] == max ? 1u : 0u) << 1 | (window[width] == max ? 1u : 0u) << 2 | 8u;
                int first = BitOperations.TrailingZeroCount(hits);
                return (first & 1) + (first >> 1) * width;
            }
            if (k * k <= 32)
            {
                uint hits = 1u << (k * k - 1);
                for (int ki = 0, bit = 0; ki < k; ki++)
                {
                    T* row = window + (long)ki * width;
                    for (int kj = 0; kj < k; kj++, bit++) hits |= (row[kj] == max ? 1u : 0) << bit;
                }
                int first = BitOperations.TrailingZeroCount(hits);
                return first / k * width + first % k;
            }
            for (int ki = 0; ki < k; ki++)
            {
                T* row = window + (long)ki * width;
                for (int kj = 0; kj < k; kj++)
                    if (row[kj] == max) return ki * width + kj;
            }
            return 0;
        }

        private static unsafe int FirstNaN(T* window, int width, int k)
        {
            for (int ki = 0; ki < k; ki++)
                for (int kj = 0; kj < k; kj++)
                    if (T.IsNaN(window[(long)ki * width + kj])) return ki * width + kj;
            return 0;
        }

        public override unsafe void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var geometry = Pool2dGeometry.ForInput(n.A.Shape, n.I0, n.I1);
            var box = geometry.AsConvolution();
            var g = box.Value;
            int height = geometry.Height, width = geometry.Width, k = geometry.KernelSize, s = geometry.Stride, positions = g.OutputPositions;
            // mask[p, r, q] = 1 where window element r (row-major) is the argmax of window q of plane p, as in the numeric backward.
            var mask = new T[g.Batch * g.FieldLength * positions];
            fixed (T* x = n.A.Values, y = tape.ValueSpan(node))
            {
                for (int p = 0; p < g.Batch; p++)
                {
                    T* plane = x + (long)p * height * width;
                    for (int q = 0; q < positions; q++)
                    {
                        int oh = q / geometry.OutWidth, ow = q % geometry.OutWidth;
                        int offset = WindowArgMax(plane + ((long)oh * s * width) + (ow * s), width, k, y[(p * positions) + q]);
                        mask[(((p * g.FieldLength) + ((offset / width * k) + (offset % width))) * positions) + q] = T.One;
                    }
                }
            }
            var routed = tape.Constant(mask, new Shape(g.Batch, g.FieldLength, positions)) * grad.Reshape(g.Batch, 1, positions);
            tape.AccumulateGraph(n.A, Fold2dOp.Fold2d(routed, box).Reshape(n.A.Shape));
        }
    }
}
