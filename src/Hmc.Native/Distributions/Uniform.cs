using System.Buffers;
using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The continuous uniform distribution on [a, b]:
/// <code>
///   ln p(x) = −ln(b − a),   a ≤ x ≤ b.
/// </code>
/// </summary>
/// <remarks>
/// Differentiable in a and b. The value enters with coefficient 0, so its gradient exists and is 0 inside the
/// support (a log-density made only of uniform terms still depends on its input). Values outside [a, b] give −∞
/// (with zero gradient); NaN gives NaN.
/// </remarks>
public sealed class Uniform<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A uniform distribution between <paramref name="low"/> and <paramref name="high"/> (shapes broadcast).</summary>
    /// <exception cref="ArgumentException">A bound is not finite, or some <paramref name="low"/> is not below its <paramref name="high"/>.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Uniform(Tensor<T> low, Tensor<T> high)
        : base("Uniform", DistributionArguments.Broadcast("Uniform", low, nameof(low), high, nameof(high)), Shape.Scalar)
    {
        DistributionArguments.RequireFinite(low, Name, nameof(low));
        DistributionArguments.RequireFinite(high, Name, nameof(high));
        RequireOrdered(low, high, BatchShape);
        Low = low;
        High = high;
    }

    /// <summary>The lower bound a.</summary>
    public Tensor<T> Low { get; }

    /// <summary>The upper bound b.</summary>
    public Tensor<T> High { get; }

    /// <inheritdoc />
    public override Tensor<T> LogProb(Tensor<T> value)
    {
        var shape = ScalarLogProbShape(value);
        var inside = Support.Mask(shape, value, Low, High, static (x, a, b) => !(x < a || x > b));
        return Support.Restrict(inside, value * T.Zero - (High - Low).Log());
    }

    /// <summary>Throws unless low &lt; high at every element of the broadcast <paramref name="shape"/>.</summary>
    private static void RequireOrdered(Tensor<T> low, Tensor<T> high, Shape shape)
    {
        int length = shape.Length;
        var rented = ArrayPool<T>.Shared.Rent(2 * length);
        try
        {
            var a = rented.AsSpan(0, length);
            var b = rented.AsSpan(length, length);
            Expand.To(low.Values, low.Shape, a, shape);
            Expand.To(high.Values, high.Shape, b, shape);
            for (int i = 0; i < length; i++)
            {
                if (!(a[i] < b[i]))
                    throw new ArgumentException($"Uniform: 'low' must be below 'high'; at batch element {i} low = {a[i]} and high = {b[i]}.", nameof(high));
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
