using Hmc.Native.Adaptation;
using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Diagnostics;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// <c>hmc sample TARGET [options]</c>: samples one of the built-in targets with any sampler and prints the
/// progress line, a stansummary-like table, the acceptance rate and samples/sec; optionally writes CmdStan CSV and
/// a JSON report.
/// </summary>
public static class SampleCommand
{
    /// <summary>The flags that take a value.</summary>
    public static readonly string[] ValueFlags =
    [
        "sampler", "integrator", "metric", "samples", "burn", "step-size", "steps", "mass", "chains", "seed", "jitter",
        "softabs-const", "explicit-binding", "fixed-point-threshold", "fixed-point-max-iterations",
        "desired-accept-rate", "max-tree-depth", "adapt-step-size", "csv", "json", "cov", "mean", "data",
    ];

    /// <summary>The bare switches.</summary>
    public static readonly string[] Switches = ["nuts", "quiet"];

    private static readonly Dictionary<string, Sampler> Samplers = new() { ["hmc"] = Sampler.Hmc, ["nuts"] = Sampler.Nuts, ["rmhmc"] = Sampler.Rmhmc };

    private static readonly Dictionary<string, Integrator> Integrators = new()
    {
        ["implicit"] = Integrator.Implicit, ["explicit"] = Integrator.Explicit, ["explicit-sequential"] = Integrator.ExplicitSequential,
    };

    private static readonly Dictionary<string, Metric> Metrics = new() { ["hessian"] = Metric.Hessian, ["softabs"] = Metric.SoftAbs, ["fisher"] = Metric.FisherDiagonal };

    private static readonly Dictionary<string, MassMatrixAdaptation> Masses = new()
    {
        ["unit"] = MassMatrixAdaptation.None, ["diag"] = MassMatrixAdaptation.Diagonal, ["dense"] = MassMatrixAdaptation.Dense,
    };

    private static readonly Dictionary<string, bool> YesNo = new() { ["yes"] = true, ["no"] = false };

    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var a = new Arguments(args, ValueFlags, Switches);
        if (a.Positional.Count != 1) throw new UsageException("hmc sample needs exactly one target: gaussian, funnel, mvn or logistic");
        var target = CreateTarget(a.Positional[0], a);
        var options = Options(a, target);
        if (ExplicitBindingRule.Warning(options) is { } warning) output.WriteLine(warning);
        var run = RunReport.Execute(target, options, a.Has("quiet") ? TextWriter.Null : output, a.String("json"));
        output.WriteLine();
        output.WriteLine(SummaryTable.Format(run.Summaries));
        output.WriteLine($"Acceptance rate {run.Report.AcceptanceRate:F3}; {run.Report.SamplesPerSecond:F1} samples/sec; {run.Report.Divergences} divergences; {run.Report.GradientEvaluations} gradient evaluations.");
        if (run.Report.KlV is { } kl) output.WriteLine($"KL(histogram of v || N(0, 3^2)) = {kl:F4}");
        if (DivergenceHint(options, run.Report) is { } hint) output.WriteLine(hint);
        return 0;
    }

    /// <summary>
    /// A warning when most transitions diverged, with what to change; for the explicit integrator it names the binding
    /// rotation's angle 2ωε and the settings of <see cref="ExplicitBindingRule"/>.
    /// </summary>
    internal static string? DivergenceHint(SampleOptions options, RunReport report)
    {
        int transitions = report.NumSamples * report.Chains;
        // An invalid point inside a trajectory counts as a divergence too, so the larger count is the number of bad transitions.
        int bad = Math.Max(report.Divergences, report.InvalidProposals);
        if (transitions == 0 || bad <= transitions / 2) return null;
        string hint = $"Warning: {bad} of {transitions} transitions diverged or were invalid; the draws do not represent the target. Try a smaller --step-size";
        if (options.Sampler == Sampler.Rmhmc && options.Integrator == Integrator.Explicit)
        {
            double angle = ExplicitBindingRule.Angle(options.StepSize, options.ExplicitBindingConst);
            hint += $", or, for the explicit integrator, a step size of at most {ExplicitBindingRule.MaxStepSize} with 2*omega*eps (now {angle:F2} rad) away from pi, --integrator implicit, or --integrator explicit-sequential (stable, not exact)";
        }

        return hint + ".";
    }

    private static Target CreateTarget(string name, Arguments a) => name switch
    {
        "gaussian" => GaussianTarget.Create(),
        "funnel" => FunnelTarget.Create(),
        "mvn" => CreateMvn(a),
        "logistic" => LogisticTarget.Create(a.String("data") ?? throw new UsageException("logistic needs --data FILE")),
        _ => throw new UsageException($"unknown target '{name}': expected gaussian, funnel, mvn or logistic"),
    };

    private static Target CreateMvn(Arguments a)
    {
        string covPath = a.String("cov") ?? throw new UsageException("mvn needs --cov FILE");
        var rows = MvnTarget.ReadCsv(covPath);
        int n = rows.Length;
        if (rows.Any(r => r.Length != n)) throw new UsageException($"{covPath}: the covariance must be square; it has {n} rows of {rows[0].Length} columns");
        var mean = new double[n];
        if (a.String("mean") is { } meanPath)
        {
            var m = MvnTarget.ReadCsv(meanPath).SelectMany(r => r).ToArray();
            if (m.Length != n) throw new UsageException($"{meanPath}: the mean has {m.Length} values; the covariance is {n}x{n}");
            mean = m;
        }
        return MvnTarget.Create(rows.SelectMany(r => r).ToArray(), mean);
    }

    private static SampleOptions Options(Arguments a, Target target)
    {
        var sampler = a.Choice("sampler", Sampler.Hmc, Samplers);
        if (a.Has("nuts"))
        {
            if (sampler != Sampler.Rmhmc) throw new UsageException("--nuts applies to --sampler rmhmc (use --sampler nuts for Euclidean NUTS)");
            sampler = Sampler.RmNuts;
        }
        bool nuts = sampler is Sampler.Nuts or Sampler.RmNuts;
        int burn = a.Int("burn", nuts ? 1000 : 0, min: 0);
        var mass = a.Choice("mass", nuts && burn > 0 && sampler == Sampler.Nuts ? MassMatrixAdaptation.Diagonal : MassMatrixAdaptation.None, Masses);
        return new SampleOptions
        {
            Sampler = sampler,
            Integrator = a.Choice("integrator", Integrator.Implicit, Integrators),
            Metric = a.Choice("metric", Metric.Hessian, Metrics),
            NumSamples = a.Int("samples", 1000, min: 1),
            Burn = burn,
            StepSize = a.Double("step-size", 0.1, positive: true),
            NumStepsPerSample = a.Int("steps", 10, min: 1),
            AdaptMass = mass,
            Chains = a.OptionalInt("chains", min: 1),
            Seed = a.Has("seed") ? (ulong)a.Int("seed", 0, min: 0) : 1234,
            Jitter = a.OptionalDouble("jitter"),
            SoftAbsConst = a.OptionalDouble("softabs-const", positive: true),
            ExplicitBindingConst = a.Double("explicit-binding", 100, positive: true),
            FixedPointThreshold = a.Double("fixed-point-threshold", 1e-5, positive: true),
            FixedPointMaxIterations = a.Int("fixed-point-max-iterations", 1000, min: 1),
            DesiredAcceptRate = a.Double("desired-accept-rate", 0.8, positive: true),
            MaxTreeDepth = a.Int("max-tree-depth", 10, min: 1),
            AdaptStepSize = a.Has("adapt-step-size") ? a.Choice("adapt-step-size", true, YesNo) : null,
            CsvPath = a.String("csv"),
            ParameterNames = target.ParameterNames,
            Verbose = !a.Has("quiet"),
        };
    }
}
