using System.Globalization;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// The support of a model parameter and the bijection from the unconstrained reals onto it that samplers move on
/// (Stan Reference Manual, "Constraint transforms"): a parameter of constrained shape S is stored as
/// <see cref="UnconstrainedLength"/> reals x, mapped to y = f(x) on the tape, and the log-density gains
/// log|det J_f(x)| so that the draws of y follow the model's density on the constrained scale.
/// </summary>
public abstract class Constraint
{
    /// <summary>A short name for messages and docs (Stan's keyword: <c>real</c>, <c>lower=0</c>, <c>simplex</c>, …).</summary>
    public abstract string Name { get; }

    /// <summary>How many unconstrained reals a constrained value of <paramref name="shape"/> takes (a K-simplex: K − 1).</summary>
    /// <exception cref="ArgumentException">The constraint does not apply to values of <paramref name="shape"/> (the message says which shapes it takes).</exception>
    public abstract int UnconstrainedLength(Shape shape);

    /// <summary>
    /// y = f(x) for the unconstrained rank-1 tensor <paramref name="unconstrained"/> (of <see cref="UnconstrainedLength"/>
    /// elements), reshaped to <paramref name="shape"/>, and the scalar log|det J_f(x)|; both recorded on x's tape, so
    /// they are differentiable to every order the samplers need. A value that falls on the boundary in floating
    /// point (a scale that underflows to 0, a probability that rounds to 1) gives a log-Jacobian of −∞ or NaN, which
    /// the sampler rejects, never an exception.
    /// </summary>
    public abstract (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Forward(Tensor<double> unconstrained, Shape shape);

    /// <summary>x = f⁻¹(y): writes the unconstrained reals of the constrained <paramref name="constrained"/> (row-major, of <paramref name="shape"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="constrained"/> does not satisfy the constraint (see <see cref="Violation"/>).</exception>
    public abstract void Inverse(ReadOnlySpan<double> constrained, Shape shape, Span<double> unconstrained);

    /// <summary>Null when <paramref name="constrained"/> satisfies the constraint, else a sentence saying which element breaks which rule.</summary>
    /// <remarks>
    /// The support checked is the one the inverse can map: the open set (bounds strict, every simplex element
    /// positive) with sums and row lengths to within <see cref="Tolerance"/>; NaN and ±∞ always break it.
    /// </remarks>
    /// <exception cref="ArgumentException">The constraint does not apply to <paramref name="shape"/>, or there are not <c>shape.Length</c> values.</exception>
    public abstract string? Violation(ReadOnlySpan<double> constrained, Shape shape);

    /// <summary>
    /// How far a sum that must be 1 may stray (a simplex's elements, a correlation Cholesky factor's squared row):
    /// 1e-8, Stan's <c>CONSTRAINT_TOLERANCE</c>.
    /// </summary>
    public const double Tolerance = 1e-8;

    /// <summary>Any real value, of any shape: y = x, log|J| = 0 (Stan's <c>real</c>).</summary>
    public static Constraint Real { get; } = new RealConstraint();

    /// <summary>Positive values, of any shape: <see cref="Lower"/> with the bound 0, y = exp(x), log|J| = Σ x (Stan's <c>real&lt;lower=0&gt;</c>).</summary>
    public static Constraint Positive { get; } = new LowerBoundConstraint(0);

    /// <summary>A vector of K ≥ 2 positive elements summing to 1, from K − 1 reals by Stan's centred stick-breaking (Stan's <c>simplex</c>).</summary>
    public static Constraint Simplex { get; } = new SimplexConstraint();

    /// <summary>
    /// The Cholesky factor L of a K×K correlation matrix (K ≥ 2; lower triangular, positive diagonal, rows of unit
    /// length), from K(K − 1)/2 reals through tanh-mapped canonical partial correlations (Stan's <c>cholesky_factor_corr</c>).
    /// </summary>
    public static Constraint CholeskyCorrelation { get; } = new CholeskyCorrelationConstraint();

    /// <summary>A strictly increasing vector of K ≥ 1 elements: y₁ = x₁, yₖ = yₖ₋₁ + exp(xₖ), log|J| = Σₖ₌₂ xₖ (Stan's <c>ordered</c>).</summary>
    public static Constraint Ordered { get; } = new OrderedConstraint();

    /// <summary>Values above <paramref name="bound"/>, of any shape: y = a + exp(x), log|J| = Σ x (Stan's <c>real&lt;lower=a&gt;</c>).</summary>
    /// <exception cref="ArgumentException">The bound is not finite.</exception>
    public static Constraint Lower(double bound) => new LowerBoundConstraint(bound);

    /// <summary>Values below <paramref name="bound"/>, of any shape: y = b − exp(x), log|J| = Σ x (Stan's <c>real&lt;upper=b&gt;</c>).</summary>
    /// <exception cref="ArgumentException">The bound is not finite.</exception>
    public static Constraint Upper(double bound) => new UpperBoundConstraint(bound);

    /// <summary>
    /// Values between <paramref name="lower"/> and <paramref name="upper"/>, of any shape: y = a + (b − a)·σ(x),
    /// log|J| = Σ [log(b − a) + log σ(x) + log(1 − σ(x))] (Stan's <c>real&lt;lower=a, upper=b&gt;</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A bound is not finite, the lower is not below the upper, or b − a overflows.</exception>
    public static Constraint Bounded(double lower, double upper) => new BoundedConstraint(lower, upper);

    /// <summary>Throws unless <paramref name="unconstrained"/> is a vector of <see cref="UnconstrainedLength"/>(<paramref name="shape"/>) elements.</summary>
    /// <exception cref="ArgumentException">It is not (the message gives both shapes), or the constraint does not apply to <paramref name="shape"/>.</exception>
    private protected void RequireUnconstrained(Tensor<double> unconstrained, Shape shape)
    {
        int n = UnconstrainedLength(shape);
        if (unconstrained.IsNone)
            throw new ArgumentException($"{Name}: the unconstrained tensor is the default (none) tensor.", nameof(unconstrained));
        if (unconstrained.Rank != 1 || unconstrained.Length != n)
            throw new ArgumentException(
                $"{Name}: a value of shape {shape} takes an unconstrained vector of {n} elements, not shape {unconstrained.Shape}.",
                nameof(unconstrained));
    }

    /// <summary>Throws unless there are <c>shape.Length</c> constrained values for a shape the constraint applies to.</summary>
    /// <exception cref="ArgumentException">The shape does not fit the constraint, or the count of values is wrong.</exception>
    private protected void RequireValues(ReadOnlySpan<double> constrained, Shape shape)
    {
        UnconstrainedLength(shape);
        if (constrained.Length != shape.Length)
            throw new ArgumentException($"{Name}: {constrained.Length} values cannot have shape {shape}.", nameof(constrained));
    }

    /// <summary>The checks of <see cref="Inverse"/>: the lengths of both spans, then <see cref="Violation"/>.</summary>
    /// <exception cref="ArgumentException">A length is wrong, or the values break the constraint (the message is the violation).</exception>
    private protected void RequireInverseArguments(ReadOnlySpan<double> constrained, Shape shape, Span<double> unconstrained)
    {
        RequireValues(constrained, shape);
        int n = UnconstrainedLength(shape);
        if (unconstrained.Length != n)
            throw new ArgumentException($"{Name}: a value of shape {shape} has {n} unconstrained reals, not {unconstrained.Length}.", nameof(unconstrained));
        if (Violation(constrained, shape) is { } violation)
            throw new ArgumentException($"{Name}: {violation}", nameof(constrained));
    }

    /// <summary>
    /// The result of <see cref="Forward"/>: (y, log|J|) when y lies inside the support, else (y, log|J| + (−∞)), so that a
    /// point whose value rounded onto the boundary (or beyond, or to ±∞) is rejected by the sampler whatever the model's
    /// density makes of it there, while the derivatives stay those of log|J|. The check reads y's values (O(n), no
    /// allocation inside the support); the extra node changes the recording, so a replayed graph is recorded afresh.
    /// </summary>
    private protected (Tensor<double> Value, Tensor<double> LogAbsDetJacobian) Result(Tensor<double> value, Tensor<double> logAbsDetJacobian, Shape shape) =>
        (value, Violation(value.Values, shape) is null ? logAbsDetJacobian : logAbsDetJacobian + double.NegativeInfinity);

    /// <summary>"the value" for a scalar, else "element [i, j, …]" for the row-major index <paramref name="flat"/> of <paramref name="shape"/>.</summary>
    private protected static string ElementAt(Shape shape, int flat)
    {
        if (shape.Rank == 0) return "the value";
        Span<int> index = stackalloc int[shape.Rank];
        for (int axis = shape.Rank - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }
        return "element [" + string.Join(", ", index.ToArray()) + "]";
    }

    /// <summary>A number as messages print it: the shortest round-trip form, culture-invariant.</summary>
    private protected static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
