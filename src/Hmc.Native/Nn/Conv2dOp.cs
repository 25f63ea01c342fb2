using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// 2-D cross-correlation, PyTorch's <c>conv2d</c> with a square kernel, dilation 1 and one group:
/// y[n, o, i, j] = b[o] + Σ_{c, ki, kj} W[o, c, ki, kj]·x[n, c, i·s − p + ki, j·s − p + kj] (zero outside the image).
/// </summary>
/// <remarks>
/// Each image is lowered with <see cref="Im2Col"/> and multiplied by the [outC, C·k·k] weight matrix with
/// <see cref="Gemm"/>; images are split over the cores of the tape's <see cref="CpuParallelism"/> when the batch is large. The backward pass gives, per image,
/// ∂L/∂W += G·colᵀ, ∂L/∂col = Wᵀ·G folded back onto the image (col2im), and ∂L/∂b[o] = Σ G[o, ·]
/// (G = ∂L/∂y of that image), rebuilding the column matrix (transposed, <see cref="Im2Col.ExpandTransposed{T}"/>)
/// instead of keeping it from the forward pass.
/// The weights and the bias are read from, and their gradients added into, ranges of possibly larger tensors
/// (the flat parameter vector of a <see cref="Module{T}"/>). The recorded backward (nested differentiation) writes the
/// same adjoints with recorded operations: the columns of the recorded im2col (<see cref="Unfold2dOp"/>), batched
/// matrix products, and the recorded col2im (<see cref="Fold2dOp"/>). NaN and infinity propagate.
/// </remarks>
public static class Conv2dOp
{
    /// <summary>
    /// Convolves <paramref name="input"/> [N, C, H, W] with <paramref name="weight"/> [outC, C, k, k] plus an optional
    /// <paramref name="bias"/> [outC]; the result is [N, outC, ⌊(H + 2p − k)/s⌋ + 1, ⌊(W + 2p − k)/s⌋ + 1].
    /// </summary>
    /// <exception cref="ShapeMismatchException">The shapes do not fit together.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stride is below 1 or the padding negative.</exception>
    public static Tensor<T> Conv2d<T>(this Tensor<T> input, Tensor<T> weight, Tensor<T> bias = default, int stride = 1, int padding = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(weight, "conv2d", nameof(weight));
        Shape sw = weight.Shape;
        if (sw.Rank != 4 || sw[2] != sw[3])
            throw new ShapeMismatchException("conv2d", input.Shape, sw, "the weight must be [outC, C, k, k] with a square kernel");
        if (!bias.IsNone && bias.Shape != Shape.Vector(sw[0]))
            throw new ShapeMismatchException("conv2d", sw, bias.Shape, $"the bias must be a vector of the {sw[0]} output channels");
        OpResult.RequireTensor(input, "conv2d", nameof(input));
        var geometry = new StrongBox<Conv2dGeometry>(Conv2dGeometry.ForInput(input.Shape, sw[1], sw[0], sw[2], stride, padding));
        return Conv2d(input, weight, 0, bias, bias.IsNone ? -1 : 0, geometry);
    }

    /// <summary>
    /// The convolution with its weights at <paramref name="weightOffset"/> of <paramref name="weights"/> (row-major
    /// [outC, C, k, k]) and its bias at <paramref name="biasOffset"/> of <paramref name="bias"/> (none when the
    /// bias tensor is the default value); <paramref name="box"/> holds the geometry of this input (checked by
    /// <see cref="Conv2dGeometry.ForInput"/>) and becomes the payload of the recorded node.
    /// </summary>
    internal static unsafe Tensor<T> Conv2d<T>(Tensor<T> input, Tensor<T> weights, int weightOffset, Tensor<T> bias, int biasOffset,
        StrongBox<Conv2dGeometry> box) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var geometry = box.Value;
        ParameterRange.Check(weights, weightOffset, geometry.WeightLength, "weight");
        if (!bias.IsNone) ParameterRange.Check(bias, biasOffset, geometry.OutChannels, "bias");
        var result = OpResult.New(Rule<T>.Instance, geometry.OutputShape, input, weights, bias);
        if (result.Tape is { } tape)
        {
            ref var node = ref tape.NodeAt(result.Id);
            node.I0 = weightOffset;
            node.I1 = biasOffset;
            node.Payload = box;
        }
        var biasValues = bias.IsNone ? ReadOnlySpan<T>.Empty : bias.Values.Slice(biasOffset, geometry.OutChannels);
        fixed (T* x = input.Values, w = weights.Values.Slice(weightOffset, geometry.WeightLength), b = biasValues, y = result.MutableValues)
            Forward(x, w, b, y, geometry, OpResult.Parallelism(result));
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private static unsafe void Forward<T>(T* x, T* w, T* b, T* y, Conv2dGeometry g, CpuParallelism parallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        parallelism.Run(new ForwardImages<T>(x, w, b, y, g), g.Batch, parallelism.Chunks(g.Batch, (long)g.WeightLength * g.OutputPositions));
    }

    /// <summary>The forward pass of a range of images: y = bias, then y += W·im2col(x), image by image.</summary>
    private readonly unsafe struct ForwardImages<T>(T* x, T* w, T* b, T* y, Conv2dGeometry g) : IBatchWork
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int chunk, int start, int end)
        {
            int positions = g.OutputPositions, field = g.FieldLength, outC = g.OutChannels, imageLength = g.ImageLength;
            var rented = ArrayPool<T>.Shared.Rent(field * positions);
            fixed (T* col = rented)
            {
                for (int n = start; n < end; n++)
                {
                    T* yn = y + (long)n * outC * positions;
                    for (int o = 0; o < outC; o++)
                        new Span<T>(yn + (long)o * positions, positions).Fill(b is null ? T.Zero : b[o]);
                    Im2Col.Expand(x + (long)n * imageLength, g, col);
                    Gemm.MultiplyAdd(outC, positions, field, w, col, yn);
                }
            }
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "conv2d";

        public override unsafe void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            var g = ((StrongBox<Conv2dGeometry>)n.Payload!).Value;
            int batch = g.Batch, positions = g.OutputPositions;
            var gy = tape.AdjointSpan(node);
            bool needX = tape.NeedsGradient(n.A), needW = tape.NeedsGradient(n.B), needB = !n.C.IsNone && tape.NeedsGradient(n.C);
            if (needB)
            {
                var db = tape.AdjointOf(n.C).Slice(n.I1, g.OutChannels);
                for (int i = 0; i < batch; i++)
                    for (int o = 0; o < g.OutChannels; o++)
                        db[o] += TensorPrimitives.Sum(gy.Slice((i * g.OutChannels + o) * positions, positions));
            }
            if (!needX && !needW) return;
            var dx = needX ? tape.AdjointOf(n.A) : Span<T>.Empty;
            var dw = needW ? tape.AdjointOf(n.B).Slice(n.I0, g.WeightLength) : Span<T>.Empty;
            var w = n.B.Values.Slice(n.I0, g.WeightLength);
            fixed (T* px = n.A.Values, pw = w, pgy = gy, pdx = dx, pdw = dw)
                BackwardImages(px, pw, pgy, pdx, pdw, g, tape.Parallelism);
        }

        /// <summary>Adds ∂L/∂x into dx and ∂L/∂W into dw (either may be null when not needed).</summary>
        private static unsafe void BackwardImages(T* x, T* w, T* gy, T* dx, T* dw, Conv2dGeometry g, CpuParallelism parallelism)
        {
            int batch = g.Batch, weightLength = g.WeightLength;
            long workPerImage = (long)weightLength * g.OutputPositions * ((dx is null ? 0 : 1) + (dw is null ? 0 : 1));
            int chunks = parallelism.Chunks(batch, workPerImage);
            // With several chunks each accumulates ∂L/∂W privately; the partial sums are added at the end.
            T[]? partials = dw is not null && chunks > 1 ? ArrayPool<T>.Shared.Rent(chunks * weightLength) : null;
            fixed (T* partial = partials)
            {
                parallelism.Run(new BackwardChunk(x, w, gy, dx, dw, partial, g), batch, chunks);
                if (partial is not null)
                {
                    var total = new Span<T>(dw, weightLength);
                    for (int c = 0; c < chunks; c++)
                        TensorPrimitives.Add(total, new ReadOnlySpan<T>(partial + (long)c * weightLength, weightLength), total);
                }
            }
            if (partials is not null) ArrayPool<T>.Shared.Return(partials);
        }

        /// <summary>
        /// The backward pass of a range of images: ∂L/∂W += G·im2col(x)ᵀ, the transposed columns built directly (into this chunk's slice of
        /// <c>partial</c> when there is one) and ∂L/∂x += col2im(Wᵀ·G).
        /// </summary>
        private readonly unsafe struct BackwardChunk(T* x, T* w, T* gy, T* dx, T* dw, T* partial, Conv2dGeometry g)
            : IBatchWork
        {
            public void Run(int chunk, int start, int end)
            {
                int positions = g.OutputPositions, field = g.FieldLength, outC = g.OutChannels, weightLength = g.WeightLength;
                int imageLength = g.ImageLength;
                T* dwChunk = dw is null ? null : partial is null ? dw : partial + (long)chunk * weightLength;
                if (partial is not null) new Span<T>(dwChunk, weightLength).Clear();
                // Vector<T>.Count of slack for the whole-vector copies of Im2Col.ExpandTransposed.
                var rented = ArrayPool<T>.Shared.Rent(field * positions + Vector<T>.Count);
                fixed (T* col = rented)
                {
                    for (int i = start; i < end; i++)
                    {
                        T* gyi = gy + (long)i * outC * positions;
                        if (dwChunk is not null)
                        {
                            Im2Col.ExpandTransposed(x + (long)i * imageLength, g, col);
                            Gemm.MultiplyAdd(outC, field, positions, gyi, col, dwChunk);
                        }
                        if (dx is not null)
                        {
                            Gemm.MultiplyAddTransposedA(field, positions, outC, w, gyi, col, accumulate: false);
                            Im2Col.Fold(col, g, dx + (long)i * imageLength);
                        }
                    }
                }
                ArrayPool<T>.Shared.Return(rented);
            }
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            var box = (StrongBox<Conv2dGeometry>)n.Payload!;
            var g = box.Value;
            var gy = grad.Reshape(g.Batch, g.OutChannels, g.OutputPositions);
            // ∂L/∂b[o] = Σ_{n, q} G[n, o, q].
            if (!n.C.IsNone && tape.NeedsGradient(n.C))
                tape.AccumulateGraph(n.C, ParameterRange.Embed(gy.Sum(2).Sum(0), n.C, n.I1));
            // ∂L/∂W = Σ_n G_n·col_nᵀ.
            if (tape.NeedsGradient(n.B))
                tape.AccumulateGraph(n.B, ParameterRange.Embed(gy.MatMul(Unfold2dOp.Unfold2d(n.A, box).Transpose(1, 2)).Sum(0), n.B, n.I0));
            // ∂L/∂x = col2im(Wᵀ·G_n).
            if (tape.NeedsGradient(n.A))
            {
                var w = ParameterRange.View(n.B, n.I0, new Shape(g.OutChannels, g.FieldLength));
                tape.AccumulateGraph(n.A, Fold2dOp.Fold2d(w.Transpose().MatMul(gy), box).Reshape(n.A.Shape));
            }
        }
    }
}
