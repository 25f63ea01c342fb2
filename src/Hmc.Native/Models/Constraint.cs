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
    public abstract string? Violation(ReadOnlySpan<double> constrained, Shape shape);
}
