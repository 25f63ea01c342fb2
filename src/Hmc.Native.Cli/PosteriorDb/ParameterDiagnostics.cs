namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>The convergence diagnostics of one of our reported values.</summary>
/// <param name="Parameter">The value's CmdStan name.</param>
/// <param name="EssBulk">Bulk ESS.</param>
/// <param name="EssTail">Tail ESS.</param>
/// <param name="Rhat">Rank-normalised split R̂.</param>
public sealed record ParameterDiagnostics(string Parameter, double EssBulk, double EssTail, double Rhat);
