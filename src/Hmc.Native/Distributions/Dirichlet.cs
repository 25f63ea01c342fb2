using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The Dirichlet distribution on the probability simplex {x : xₖ &gt; 0, Σₖ xₖ = 1} of dimension K, with concentrations
/// α₁…α_K on the last axis of the parameter (shape [..., K]; the batch shape is the rest):
/// <code>
///   ln p(x) = Σₖ (αₖ − 1) ln xₖ + ln Γ(Σₖ αₖ) − Σₖ ln Γ(αₖ),   x on the simplex (the last axis of the value).
/// </code>
/// </summary>
/// <remarks>
/// Differentiable in x and α (the α-derivatives go through <see cref="LogGammaOp"/>). The density is with respect to
/// the Lebesgue measure on the first K − 1 coordinates, as in PyTorch, NumPyro and Stan. A value with an element
/// ≤ 0, or whose elements do not sum to 1 within √ε·K (ε the machine epsilon), gives −∞ (with zero gradient); NaN
/// gives NaN. A concentration that is not positive and finite throws as a constant and gives −∞ for its batch
/// element on a tape (see <see cref="Distribution{T}"/>).
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class Dirichlet<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A Dirichlet distribution with concentrations <paramref name="concentration"/> (shape [..., K], K ≥ 1).</summary>
    /// <exception cref="ArgumentException">
    /// The concentration has rank 0 or no element on its last axis, or it is a constant with an element that is not
    /// positive and finite.
    /// </exception>
    public Dirichlet(Tensor<T> concentration)
        : base("Dirichlet", ParameterShape(concentration).RemoveAxis(-1), Shape.Vector(ParameterShape(concentration)[-1]))
    {
        Concentration = Checked(concentration, nameof(concentration), ParameterRule<T>.Positive, eventAxes: 1);
    }

    /// <summary>The concentrations α, shape [..., K].</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>The dimension K of the simplex.</summary>
    public int Dimension => EventShape[0];

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The value's last dimension is not K, or its leading axes do not broadcast with the batch shape.</exception>
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        DistributionArguments.RequireTensor(value, Name, nameof(value));
        int k = Dimension;
        var valueShape = value.Shape;
        if (valueShape.Rank == 0 || valueShape[-1] != k)
            throw new ShapeMismatchException($"{Name}.LogProb (value and event shapes)", valueShape, EventShape, $"the value's last dimension must be {k}");
        Shape.Broadcast(valueShape.RemoveAxis(-1), BatchShape, $"{Name}.LogProb (value and batch shapes)");
        var inside = OnTheSimplex(value);
        var x = inside.IsNone ? value : TensorOps.Where(inside.Unsqueeze(-1), value, value.ScalarLike(T.One / T.CreateTruncating(k)));
        var a = Concentration;
        var logDensity = ((a - T.One) * x.Log()).Sum(-1) + a.Sum(-1).LogGamma() - a.LogGamma().Sum(-1);
        return Support.Restrict(inside, logDensity);
    }

    /// <summary>
    /// The 0/1 mask over the value's leading axes of the rows on the simplex (NaN rows count as inside), or none when
    /// every row is.
    /// </summary>
    private Tensor<T> OnTheSimplex(Tensor<T> value)
    {
        int k = Dimension, rows = value.Length / k;
        T tolerance = T.Sqrt(T.BitIncrement(T.One) - T.One) * T.CreateTruncating(k);
        bool Inside(int row)
        {
            var x = value.Values.Slice(row * k, k);
            T sum = T.Zero;
            foreach (T v in x)
            {
                if (v <= T.Zero) return false;
                sum += v;
            }
            return T.IsNaN(sum) || T.Abs(sum - T.One) <= tolerance;
        }
        int first = 0;
        while (first < rows && Inside(first)) first++;
        if (first == rows) return default;
        var rowShape = value.Shape.RemoveAxis(-1);
        var tape = Tape<T>.Common(value, Concentration);
        var mask = tape is null ? Tensor.Ones<T>(rowShape) : tape.Filled(rowShape, T.One);
        for (int row = first; row < rows; row++)
        {
            if (!Inside(row)) mask.MutableValues[row] = T.Zero;
        }
        return mask;
    }

    private static Shape ParameterShape(Tensor<T> concentration)
    {
        var shape = DistributionArguments.ShapeOf("Dirichlet", concentration, nameof(concentration));
        if (shape.Rank == 0 || shape[-1] == 0)
            throw new ArgumentException($"Dirichlet: 'concentration' must have the categories on its last axis (shape [..., K], K ≥ 1); its shape is {shape}.", nameof(concentration));
        return shape;
    }
}
