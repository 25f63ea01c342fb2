using Hmc.Native.Adaptation;
using Hmc.Native.Integrators;

namespace Hmc.Native.Samplers;

/// <summary>
/// Checks a <see cref="SampleOptions"/> against the sampler it chooses before any sampling starts: every value in
/// range, and no knob set that the chosen sampler would ignore (DESIGN.md principle 6b). A knob counts as set when it
/// differs from its default; each ignored one is an <see cref="ArgumentException"/> naming the knob, the sampler and
/// the samplers that use it.
/// </summary>
internal static class SampleOptionsCheck
{
    private static readonly SampleOptions Defaults = new();

    private static readonly Knob[] Knobs =
    [
        new(nameof(SampleOptions.NumStepsPerSample), o => o.NumStepsPerSample != Defaults.NumStepsPerSample,
            (o, _) => o.Sampler is Sampler.Hmc or Sampler.Rmhmc, "Sampler.Hmc and Sampler.Rmhmc (NUTS chooses each trajectory's length)"),
        new(nameof(SampleOptions.MaxTreeDepth), o => o.MaxTreeDepth != Defaults.MaxTreeDepth,
            (o, _) => IsNuts(o), "Sampler.Nuts and Sampler.RmNuts"),
        new(nameof(SampleOptions.InverseMass), o => o.InverseMass is not null,
            (o, _) => IsEuclidean(o), "Sampler.Hmc and Sampler.Nuts (a Riemannian metric replaces the mass matrix)"),
        new(nameof(SampleOptions.AdaptMass), o => o.AdaptMass is { } m && m != MassMatrixAdaptation.None,
            (o, _) => IsEuclidean(o) && WarmUpIterations(o) > 0, "Sampler.Hmc and Sampler.Nuts during warm-up (Burn > 0)"),
        new(nameof(SampleOptions.Adaptation), o => o.Adaptation != Defaults.Adaptation,
            (o, _) => IsEuclidean(o), "Sampler.Hmc and Sampler.Nuts (the Euclidean kernels, whose warm-up estimates a mass matrix)"),
        new(nameof(SampleOptions.AdaptStepSize), o => o.AdaptStepSize == true,
            (o, _) => WarmUpIterations(o) > 0, "warm-up (Burn > 0)"),
        new(nameof(SampleOptions.DesiredAcceptRate), o => o.DesiredAcceptRate != Defaults.DesiredAcceptRate,
            (o, _) => AdaptsStepSize(o), "step-size adaptation (Burn > 0, with AdaptStepSize, the default for NUTS)"),
        new(nameof(SampleOptions.Integrator), o => o.Integrator != Defaults.Integrator,
            (o, split) => IsRiemannian(o) || split, "Sampler.Rmhmc and Sampler.RmNuts, and the splitting integrators of ModelSampling.SampleSplitModel"),
        new(nameof(SampleOptions.Metric), o => o.Metric != Defaults.Metric,
            (o, _) => IsRiemannian(o), "Sampler.Rmhmc and Sampler.RmNuts"),
        new(nameof(SampleOptions.SoftAbsConst), o => o.SoftAbsConst is not null,
            (o, _) => IsRiemannian(o) && o.Metric == Metrics.Metric.SoftAbs, "Metric.SoftAbs of Sampler.Rmhmc and Sampler.RmNuts"),
        new(nameof(SampleOptions.Jitter), o => o.Jitter is not null,
            (o, _) => IsRiemannian(o), "Sampler.Rmhmc and Sampler.RmNuts"),
        new(nameof(SampleOptions.JitterMaxTries), o => o.JitterMaxTries != Defaults.JitterMaxTries,
            (o, _) => IsRiemannian(o), "Sampler.Rmhmc and Sampler.RmNuts"),
        new(nameof(SampleOptions.ExplicitBindingConst), o => o.ExplicitBindingConst != Defaults.ExplicitBindingConst,
            (o, _) => IsRiemannian(o) && o.Integrator is Integrator.Explicit or Integrator.ExplicitSequential,
            "Integrator.Explicit and Integrator.ExplicitSequential of Sampler.Rmhmc"),
        new(nameof(SampleOptions.FixedPointThreshold), o => o.FixedPointThreshold != Defaults.FixedPointThreshold,
            (o, _) => IsRiemannian(o) && o.Integrator == Integrator.Implicit, "Integrator.Implicit of Sampler.Rmhmc and Sampler.RmNuts"),
        new(nameof(SampleOptions.FixedPointMaxIterations), o => o.FixedPointMaxIterations != Defaults.FixedPointMaxIterations,
            (o, _) => IsRiemannian(o) && o.Integrator == Integrator.Implicit, "Integrator.Implicit of Sampler.Rmhmc and Sampler.RmNuts"),
    ];

    /// <summary>Checks <paramref name="options"/> for a target of <paramref name="dimension"/> parameters.</summary>
    /// <param name="options">The options.</param>
    /// <param name="dimension">The number of parameters.</param>
    /// <param name="splitModel">True for <see cref="Bayes.ModelSampling.SampleSplitModel{T}"/>, whose splitting integrators
    /// are chosen through <see cref="SampleOptions.Integrator"/>.</param>
    /// <exception cref="ArgumentException">The first problem found, named.</exception>
    public static void Validate(SampleOptions options, int dimension, bool splitModel = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckRanges(options, dimension);
        foreach (var knob in Knobs)
        {
            if (knob.IsSet(options) && !knob.IsUsed(options, splitModel))
                throw new ArgumentException(
                    $"SampleOptions.{knob.Name} is set, but {Describe(options, splitModel)} ignores it: it is used by {knob.UsedBy}. Remove it or choose a sampler that uses it.",
                    nameof(options));
        }
        if (options.Adaptation != AdaptationScheme.Stan && options.AdaptMass is MassMatrixAdaptation.None or MassMatrixAdaptation.Dense)
            throw new ArgumentException(
                $"SampleOptions.AdaptMass = {options.AdaptMass} conflicts with SampleOptions.Adaptation = {options.Adaptation}: that scheme estimates its own " +
                "mass matrix (diagonal or low-rank-plus-diagonal). Leave AdaptMass unset, or use Adaptation = Stan for a dense or fixed metric.",
                nameof(options));
    }

    /// <summary>
    /// The warm-up length of the run: <see cref="SampleOptions.Burn"/>, except that nutpie's schemes
    /// (<see cref="AdaptationScheme.Diagonal"/>, <see cref="AdaptationScheme.LowRank"/>) take their default of 400 when Burn is 0.
    /// </summary>
    public static int WarmUpIterations(SampleOptions options) =>
        options.Burn == 0 && options.Adaptation != AdaptationScheme.Stan ? FisherAdaptationSchedule.DefaultWarmUp : options.Burn;

    /// <summary>Whether warm-up adapts the step size: <see cref="SampleOptions.AdaptStepSize"/>, by default on for NUTS, during a warm-up.</summary>
    public static bool AdaptsStepSize(SampleOptions options) => WarmUpIterations(options) > 0 && (options.AdaptStepSize ?? IsNuts(options));

    /// <summary>Whether the sampler builds a No-U-Turn tree.</summary>
    public static bool IsNuts(SampleOptions options) => options.Sampler is Sampler.Nuts or Sampler.RmNuts;

    /// <summary>Whether the sampler uses a position-dependent (Riemannian) metric.</summary>
    public static bool IsRiemannian(SampleOptions options) => options.Sampler is Sampler.Rmhmc or Sampler.RmNuts;

    private static bool IsEuclidean(SampleOptions options) => !IsRiemannian(options);

    private static string Describe(SampleOptions options, bool splitModel)
    {
        if (splitModel) return $"ModelSampling.SampleSplitModel with Integrator.{options.Integrator}";
        if (!IsRiemannian(options)) return $"Sampler.{options.Sampler}";
        return $"Sampler.{options.Sampler} with Integrator.{options.Integrator} and Metric.{options.Metric}";
    }

    private static void CheckRanges(SampleOptions options, int dimension)
    {
        if (options.NumSamples <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"NumSamples must be positive; got {options.NumSamples}.");
        if (options.Burn < 0) throw new ArgumentOutOfRangeException(nameof(options), $"Burn must not be negative; got {options.Burn}.");
        if (options.NumStepsPerSample <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"NumStepsPerSample must be positive; got {options.NumStepsPerSample}.");
        if (!(options.StepSize > 0) || !double.IsFinite(options.StepSize)) throw new ArgumentOutOfRangeException(nameof(options), $"StepSize must be positive and finite; got {options.StepSize}.");
        if (options.DesiredAcceptRate is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), $"DesiredAcceptRate must lie in (0, 1); got {options.DesiredAcceptRate}.");
        if (options.Chains is <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"Chains must be positive; got {options.Chains}.");
        if (options.ChainId is { } id)
        {
            if (id < 1) throw new ArgumentOutOfRangeException(nameof(options), $"ChainId must be at least 1 (CmdStan's chain ids start at 1); got {id}.");
            if ((long)id + (options.Chains ?? 1) - 1 > int.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(options), $"ChainId {id} with Chains {options.Chains} runs chains past id {int.MaxValue}.");
            if (options.Seed is null)
                throw new ArgumentException(
                    "ChainId is set but Seed is not: a chain's random stream derives from the run's seed, so every part of a run split by ChainId must be given the same Seed.",
                    nameof(options));
        }
        if (options.Thin <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"Thin must be positive; got {options.Thin}.");
        if (options.MaxTreeDepth is < 1 or > 30) throw new ArgumentOutOfRangeException(nameof(options), $"MaxTreeDepth must be between 1 and 30; got {options.MaxTreeDepth}.");
        if (!(options.NormalizingConst > 0) || !double.IsFinite(options.NormalizingConst)) throw new ArgumentOutOfRangeException(nameof(options), $"NormalizingConst must be positive and finite; got {options.NormalizingConst}.");
        if (options.InverseMass is { } m && m.Dimension != dimension)
            throw new ArgumentException($"The inverse mass matrix has dimension {m.Dimension}; the parameters have {dimension}.", nameof(options));
        if (options.Jitter is { } j && (!(j >= 0) || !double.IsFinite(j))) throw new ArgumentOutOfRangeException(nameof(options), $"Jitter must be non-negative and finite; got {j}.");
        if (options.SoftAbsConst is { } a && (!(a > 0) || !double.IsFinite(a))) throw new ArgumentOutOfRangeException(nameof(options), $"SoftAbsConst must be positive and finite; got {a}.");
        if (!(options.ExplicitBindingConst > 0) || !double.IsFinite(options.ExplicitBindingConst)) throw new ArgumentOutOfRangeException(nameof(options), $"ExplicitBindingConst must be positive and finite; got {options.ExplicitBindingConst}.");
        if (!(options.FixedPointThreshold > 0)) throw new ArgumentOutOfRangeException(nameof(options), $"FixedPointThreshold must be positive; got {options.FixedPointThreshold}.");
        if (options.FixedPointMaxIterations <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"FixedPointMaxIterations must be positive; got {options.FixedPointMaxIterations}.");
        if (options.JitterMaxTries < 0) throw new ArgumentOutOfRangeException(nameof(options), $"JitterMaxTries must not be negative; got {options.JitterMaxTries}.");
    }

    /// <summary>One option, when it counts as set, and when the chosen sampler uses it.</summary>
    private sealed record Knob(string Name, Func<SampleOptions, bool> IsSet, Func<SampleOptions, bool, bool> IsUsed, string UsedBy);
}
