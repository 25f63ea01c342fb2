namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>One posterior summary of one value, ours against the reference's.</summary>
/// <param name="Parameter">The value's CmdStan name (<c>b.1</c>).</param>
/// <param name="Quantity">mean, sd, q5 or q95.</param>
/// <param name="Ours">Our estimate.</param>
/// <param name="Reference">The reference draws' estimate.</param>
/// <param name="OursMcse">The MCSE of our estimate, from our draws' ESS.</param>
/// <param name="ReferenceMcse">The MCSE of the reference's estimate, from its draws' ESS.</param>
/// <param name="Z">|ours − reference| / √(MCSE_ours² + MCSE_reference²).</param>
public sealed record QuantityComparison(string Parameter, string Quantity, double Ours, double Reference, double OursMcse, double ReferenceMcse, double Z)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Parameter} {Quantity}: ours {Ours:G6} (MCSE {OursMcse:G3}), reference {Reference:G6} (MCSE {ReferenceMcse:G3}), z = {Z:F2}";
}
