using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Ops;

/// <summary>Gives the same row-major elements a new shape of equal length; the gradient is reshaped back.</summary>
public static class ReshapeOp
{
    /// <summary>Reshapes <paramref name="x"/> to <paramref name="shape"/>; returns x itself when the shapes are equal.</summary>
    /// <exception cref="ShapeMismatchException">The element counts differ.</exception>
    public static Tensor<T> Reshape<T>(this Tensor<T> x, Shape shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        OpResult.RequireTensor(x, "reshape", nameof(x));
        Shape sx = x.Shape;
        if (sx == shape) return x;
        if (sx.Length != shape.Length)
            throw new ShapeMismatchException("reshape", sx, shape, $"{sx.Length} elements cannot become {shape.Length}");
        var result = OpResult.New(Rule<T>.Instance, shape, x);
        x.Values.CopyTo(result.MutableValues);
        return OpResult.Done(result, Rule<T>.Instance);
    }

    /// <summary>Reshapes <paramref name="x"/> to the given dimensions; one dimension may be −1 and is inferred.</summary>
    public static Tensor<T> Reshape<T>(this Tensor<T> x, params ReadOnlySpan<int> dimensions) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<int> dims = stackalloc int[dimensions.Length];
        dimensions.CopyTo(dims);
        int inferred = -1, known = 1;
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == -1)
            {
                if (inferred >= 0) throw new ArgumentException("reshape: at most one dimension may be -1.", nameof(dimensions));
                inferred = i;
            }
            else known *= dims[i];
        }
        if (inferred >= 0) dims[inferred] = known == 0 ? 0 : x.Length / known;
        return x.Reshape(new Shape(dims));
    }

    /// <summary>Flattens to rank 1.</summary>
    public static Tensor<T> Flatten<T>(this Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        x.Reshape(Shape.Vector(x.Length));

    private sealed class Rule<T> : Op<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static readonly Rule<T> Instance = new();
        public override string Name => "reshape";

        public override void Backward(Tape<T> tape, int node)
        {
            ref var n = ref tape.NodeAt(node);
            if (!tape.NeedsGradient(n.A)) return;
            var ga = tape.AdjointOf(n.A);
            if (ga.Length == 1) ga[0] += tape.AdjointSpan(node)[0];
            else TensorPrimitives.Add(ga, tape.AdjointSpan(node), ga);
        }

        public override bool CanRecompute => true;

        public override void Recompute(Tape<T> tape, int node) => tape.NodeAt(node).A.Values.CopyTo(tape.ValueSpan(node));

        public override void BackwardGraph(Tape<T> tape, int node, Tensor<T> grad)
        {
            var n = tape.NodeAt(node);
            tape.AccumulateGraph(n.A, grad.Reshape(n.A.Shape));
        }
    }
}
