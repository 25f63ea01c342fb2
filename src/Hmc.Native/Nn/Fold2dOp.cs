using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// col2im as a recorded operation, PyTorch's <c>fold</c>: cols [N, C·k·k, outH·outW] → x [N, C, H, W], adding every
/// column entry onto the pixel <see cref="Unfold2dOp"/> copies it from: x[n, c, oh·s − p + ki, ow·s − p + kj] +=
/// cols[n, (c·k + ki)·k + kj, oh·outW + ow] (entries that fall in the padding are dropped). The map is linear and its
/// adjoint is the unfold: ∂L/∂cols = unfold(∂L/∂x), numerically and recorded. NaN and infinity propagate.
/// </summary>
internal static class Fold2dOp
{
    /// <summary>The images [N, C, H, W] folded from the column matrices <paramref name="columns"/> (any shape with N·C·k·k·outH·outW elements).</summary>
    public static unsafe Tensor<T> Fold2d<T>(Tensor<T> columns, StrongBox<Conv2dGeometry> box) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = box.Value;
        var result = OpResult.New(Rule<T>.Instance, new Shape(g.Batch, g.InChannels, g.Height, g.Width), columns);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).Payload = box;
        var x = result.MutableValues;
        x.Clear();
        long length = (long)g.FieldLength * g.OutputPositions;
        fixed (T* col = columns.Values, px = x)
            for (int n = 0; n < g.Batch; n++) Im2Col.Fold(col + n * length, g, px + (long)n * g.ImageLength);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "fold2d";

        public override unsafe void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var g = ((StrongBox<Conv2dGeometry>)n.Payload!).Value;
            int length = g.FieldLength * g.OutputPositions;
            var dcol = tape.AdjointOf(n.A);
            var rented = ArrayPool<T>.Shared.Rent(length);
            var expanded = rented.AsSpan(0, length);
            // ∂L/∂cols += im2col(∂L/∂x), image by image through a scratch matrix (the expansion overwrites).
            fixed (T* gy = tape.AdjointSpan(node), scratch = expanded)
            {
                for (int i = 0; i < g.Batch; i++)
                {
                    Im2Col.Expand(gy + (long)i * g.ImageLength, g, scratch);
                    var target = dcol.Slice(i * length, length);
                    TensorPrimitives.Add(target, expanded, target);
                }
            }
            ArrayPool<T>.Shared.Return(rented);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, Unfold2dOp.Unfold2d(grad, (StrongBox<Conv2dGeometry>)n.Payload!).Reshape(n.A.Shape));
        }
    }
}
