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
    /// <exception cref="ArgumentException">A constant bound is not finite, or, both constant, some <paramref name="low"/> is not below its <paramref name="high"/>.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast.</exception>
    public Uniform(Tensor<T> low, Tensor<T> high)
        : base("Uniform", DistributionArguments.Broadcast("Uniform", low, nameof(low), high, nameof(high)), Shape.Scalar)
    {
        (Low, High) = Ordered(Checked(low, nameof(low), ParameterRule<T>.Finite), Checked(high, nameof(high), ParameterRule<T>.Finite));
    }

    /// <summary>The lower bound a.</summary>
    public Tensor<T> Low { get; }

    /// <summary>The upper bound b.</summary>
    public Tensor<T> High { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        var shape = ScalarLogProbShape(value);
        var inside = Support.Mask(shape, value, Low, High, static (x, a, b) => !(x < a || x > b));
        return Support.Restrict(inside, value * T.Zero - (High - Low).Log());
    }

    /// <summary>
    /// The bounds when low &lt; high at every batch element. Otherwise constants throw; with a bound on a tape, the
    /// batch elements out of order get −∞ and the bounds 0 and 1 there.
    /// </summary>
    private (Tensor<T> Low, Tensor<T> High) Ordered(Tensor<T> low, Tensor<T> high)
    {
        var shape = BatchShape;
        int length = shape.Length;
        var rented = ArrayPool<T>.Shared.Rent(2 * length);
        try
        {
            var a = rented.AsSpan(0, length);
            var b = rented.AsSpan(length, length);
            Expand.To(low.Values, low.Shape, a, shape);
            Expand.To(high.Values, high.Shape, b, shape);
            int first = 0;
            while (first < length && a[first] < b[first]) first++;
            if (first == length) return (low, high);
            var tape = Autodiff.Tape<T>.Common(low, high)
                ?? throw new ArgumentException($"Uniform: 'low' must be below 'high'; at batch element {first} low = {a[first]} and high = {b[first]}.", nameof(high));
            var mask = tape.Filled(shape, T.One);
            var m = mask.MutableValues;
            for (int i = first; i < length; i++)
            {
                if (!(a[i] < b[i])) m[i] = T.Zero;
            }
            Invalidate(mask);
            return (TensorOps.Where(mask, low, low.ScalarLike(T.Zero)), TensorOps.Where(mask, high, high.ScalarLike(T.One)));
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
