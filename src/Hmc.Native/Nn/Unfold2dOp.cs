using System.Numerics;
using System.Runtime.CompilerServices;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// The im2col lowering as a recorded operation, PyTorch's <c>unfold</c>: x [N, C, H, W] → cols [N, C·k·k, outH·outW]
/// with cols[n, (c·k + ki)·k + kj, oh·outW + ow] = x[n, c, oh·s − p + ki, ow·s − p + kj] (zero in the padding).
/// The map is linear and its adjoint is <see cref="Fold2dOp"/>: ∂L/∂x = fold(∂L/∂cols). The recorded backward is that
/// fold of the recorded gradient, so the pair carries derivatives of every order through the recorded backward rules of
/// <see cref="Conv2dOp"/> and the pooling operations. NaN and infinity are copied.
/// </summary>
internal static class Unfold2dOp
{
    /// <summary>The column matrices of the <paramref name="input"/> images (any shape with the geometry's N·C·H·W elements), [N, C·k·k, outH·outW].</summary>
    public static unsafe Tensor<T> Unfold2d<T>(Tensor<T> input, StrongBox<Conv2dGeometry> box) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var g = box.Value;
        var result = OpResult.New(Rule<T>.Instance, new Shape(g.Batch, g.FieldLength, g.OutputPositions), input);
        if (result.Tape is { } tape) tape.NodeAt(result.Id).Payload = box;
        long columns = (long)g.FieldLength * g.OutputPositions;
        fixed (T* x = input.Values, col = result.MutableValues)
            for (int n = 0; n < g.Batch; n++) Im2Col.Expand(x + (long)n * g.ImageLength, g, col + n * columns);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "unfold2d";

        public override unsafe void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var g = ((StrongBox<Conv2dGeometry>)n.Payload!).Value;
            long columns = (long)g.FieldLength * g.OutputPositions;
            // ∂L/∂x += col2im(∂L/∂cols), image by image.
            fixed (T* gy = tape.AdjointSpan(node), dx = tape.AdjointOf(n.A))
                for (int i = 0; i < g.Batch; i++) Im2Col.Fold(gy + i * columns, g, dx + (long)i * g.ImageLength);
        }

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, Fold2dOp.Fold2d(grad, (StrongBox<Conv2dGeometry>)n.Payload!).Reshape(n.A.Shape));
        }
    }
}
