using Hmc.Native.Models;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// A posteriordb posterior written as a <see cref="Model"/>: the name of its folder (posteriordb's
/// <c>reference_posterior_name</c>, <c>model-data</c>) and how to build the model from the folder's <c>data.json</c>.
/// </summary>
/// <param name="Name">The folder name, e.g. <c>eight_schools-eight_schools_noncentered</c>.</param>
/// <param name="Create">Builds the model from the posterior's data.</param>
public sealed record PosteriorDefinition(string Name, Func<PosteriorData, Model> Create)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
