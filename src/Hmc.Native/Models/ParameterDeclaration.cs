using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// One parameter of a <see cref="Model"/>: its name, its constrained shape, its <see cref="Constraint"/>, and where its
/// unconstrained reals sit in the vector the samplers move (<see cref="Offset"/>, <see cref="UnconstrainedLength"/>).
/// </summary>
/// <param name="Name">The name, as Stan writes it in output (<c>mu</c>; elements <c>theta.1</c>, <c>L.2.1</c>).</param>
/// <param name="Shape">The constrained shape (scalar, vector, matrix).</param>
/// <param name="Constraint">The support and its transform.</param>
/// <param name="Offset">The first of its unconstrained reals.</param>
/// <param name="UnconstrainedLength">How many unconstrained reals it takes.</param>
public sealed record ParameterDeclaration(string Name, Shape Shape, Constraint Constraint, int Offset, int UnconstrainedLength)
{
    /// <summary>The names of its elements in CmdStan's order: the name for a scalar, else <c>name.i.j…</c> (1-based) with the first index fastest.</summary>
    public IEnumerable<string> ElementNames => OutputNames.Of(Name, Shape);
}
