using System.Globalization;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Models;

/// <summary>
/// Where the chains of a <see cref="Model"/> start, as Stan chooses: by default each chain draws its unconstrained
/// reals uniformly in (−<see cref="Radius"/>, <see cref="Radius"/>) and retries, up to <see cref="MaxTries"/> times,
/// until the log-density and its gradient are finite; or the user gives the constrained values per chain, which are
/// checked against the constraints and mapped to the unconstrained scale.
/// </summary>
internal static class ModelInitialization
{
    /// <summary>Stan's default initialisation radius.</summary>
    public const double Radius = 2;

    /// <summary>Stan's number of attempts at a random initial point.</summary>
    public const int MaxTries = 100;

    /// <summary>
    /// The starting state of chain <c>c</c>: random in (−2, 2) from a stream of its own (so the chain's own stream is
    /// the same as with given inits), or <paramref name="inits"/>[c − <paramref name="firstChain"/>] (one set for every
    /// chain, or one per chain of this call). <c>c</c> is the chain's 0-based index in the whole run.
    /// </summary>
    /// <exception cref="ArgumentException">The inits are not one set or one per chain, or a set is incomplete or outside the constraints.</exception>
    public static Func<int, ILogDensity, ulong, ChainState> For(Model model, IReadOnlyList<IReadOnlyDictionary<string, double[]>>? inits, int? chains, int firstChain)
    {
        if (inits is null) return (chain, density, seed) => Random(model, density, Rng.ForStream(~seed, chain), chain);
        if (inits.Count == 0 || (inits.Count > 1 && inits.Count != chains))
            throw new ArgumentException(
                $"{inits.Count} sets of initial values were given for {(chains is { } n ? n.ToString(CultureInfo.InvariantCulture) : "an unset number of")} chains: give one set for every chain, or one per chain with SampleOptions.Chains set to their number.",
                nameof(inits));
        var positions = inits.Select((set, chain) => Checked(model, set, firstChain + chain)).ToArray();
        return (chain, density, _) => EuclideanKernel.InitialState(density, positions[inits.Count == 1 ? 0 : chain - firstChain]);
    }

    private static double[] Checked(Model model, IReadOnlyDictionary<string, double[]> set, int chain)
    {
        try
        {
            return model.Unconstrain(set);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Chain {chain + 1}: {ex.Message}", "inits", ex);
        }
    }

    private static ChainState Random(Model model, ILogDensity density, Rng rng, int chain)
    {
        var position = new double[model.Dimension];
        var gradient = new double[model.Dimension];
        string problem = "";
        for (int attempt = 0; attempt < MaxTries; attempt++)
        {
            for (int i = 0; i < position.Length; i++) position[i] = (2 * rng.NextDouble() - 1) * Radius;
            double logDensity;
            try
            {
                logDensity = density.Evaluate(position, gradient);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new LogDensityException(position, ex);
            }
            int bad = Array.FindIndex(gradient, g => !double.IsFinite(g));
            if (double.IsFinite(logDensity) && bad < 0) return new ChainState(position, logDensity, gradient);
            problem = double.IsFinite(logDensity)
                ? $"the gradient with respect to '{model.ParameterAt(bad).Name}' was {gradient[bad].ToString(CultureInfo.InvariantCulture)}"
                : $"the log-density was {logDensity.ToString(CultureInfo.InvariantCulture)}{NonFiniteParameter(model, position)}";
        }
        throw new InvalidInitialPointException(
            $"Chain {chain + 1}: no initial point in {MaxTries} tries drawn uniformly in (-{Radius}, {Radius}) on the unconstrained scale had a finite log-density and gradient; at the last, {problem}. Give initial values, or check the model's support.");
    }

    /// <summary>", where 'name' is x" for the first parameter whose constrained value is not finite, else empty.</summary>
    private static string NonFiniteParameter(Model model, double[] position)
    {
        var reported = model.ConstrainedParameters(position);
        var names = model.OutputNames;
        int bad = Array.FindIndex(reported, v => !double.IsFinite(v));
        return bad < 0 ? "" : $", where '{names[bad]}' is {reported[bad].ToString(CultureInfo.InvariantCulture)}";
    }
}
