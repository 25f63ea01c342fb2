using System.CommandLine;
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
/// a JSON report. Cancelled (Ctrl-C, SIGTERM), it stops at the next transition, closes the CSV files, prints the
/// summary of the draws kept so far and exits with the signal's code.
/// </summary>
public sealed class SampleCommand : Command
{
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

    private static readonly string[] TargetNames = ["gaussian", "funnel", "mvn", "logistic"];

    private readonly Argument<string> _target = new("target") { Description = "gaussian, funnel, mvn (with --cov) or logistic (with --data)", HelpName = string.Join("|", TargetNames) };
    private readonly Option<Choice<Sampler>> _sampler = TypedOption.Choice("--sampler", "hmc", "the sampler", Samplers);
    private readonly Option<bool> _nuts = TypedOption.Switch("--nuts", "with --sampler rmhmc: Riemannian NUTS instead of fixed-length RMHMC");
    private readonly Option<Choice<Integrator>> _integrator = TypedOption.Choice("--integrator", "implicit", "the RMHMC integrator", Integrators);
    private readonly Option<Choice<Metric>> _metric = TypedOption.Choice("--metric", "hessian", "the RMHMC metric", Metrics);
    private readonly Option<int> _samples = TypedOption.Int("--samples", 1000, "kept draws per chain", min: 1);
    private readonly Option<int?> _burn = TypedOption.OptionalInt("--burn", "warm-up iterations per chain (default: 1000 for NUTS and RM-NUTS, else 0)", min: 0);
    private readonly Option<double> _stepSize = TypedOption.Double("--step-size", 0.1, "the leapfrog step size (the start of the adaptation when it adapts)", positive: true);
    private readonly Option<int> _steps = TypedOption.Int("--steps", 10, "leapfrog steps per transition (HMC, RMHMC)", min: 1);
    private readonly Option<Choice<MassMatrixAdaptation>?> _mass = TypedOption.OptionalChoice("--mass",
        "the Euclidean metric adapted in warm-up (default: diag for NUTS with warm-up, else unit)", Masses);
    private readonly Option<int?> _chains = TypedOption.OptionalInt("--chains", "the number of chains (default: one per core)", min: 1);
    private readonly Option<ulong> _seed = TypedOption.Seed(1234);
    private readonly Option<double?> _jitter = TypedOption.OptionalDouble("--jitter", "RMHMC: the metric's diagonal jitter (default: the library's)");
    private readonly Option<double?> _softAbsConst = TypedOption.OptionalDouble("--softabs-const", "SoftAbs: the sharpness alpha (default: the library's)", positive: true);
    private readonly Option<double> _explicitBinding = TypedOption.Double("--explicit-binding", 100, "explicit RMHMC: the binding strength omega", positive: true);
    private readonly Option<double> _fixedPointThreshold = TypedOption.Double("--fixed-point-threshold", 1e-5, "implicit RMHMC: the fixed-point tolerance", positive: true);
    private readonly Option<int> _fixedPointMaxIterations = TypedOption.Int("--fixed-point-max-iterations", 1000, "implicit RMHMC: the fixed-point iteration cap", min: 1);
    private readonly Option<double> _desiredAcceptRate = TypedOption.Double("--desired-accept-rate", 0.8, "the step-size adaptation's target acceptance", positive: true);
    private readonly Option<int> _maxTreeDepth = TypedOption.Int("--max-tree-depth", 10, "NUTS: the deepest tree", min: 1);
    private readonly Option<Choice<bool>?> _adaptStepSize = TypedOption.OptionalChoice("--adapt-step-size", "adapt the step size in warm-up (default: yes when there is warm-up)", YesNo);
    private readonly Option<string?> _csv = TypedOption.Text("--csv", "FILE", "write CmdStan CSV as draws come (FILE_k.csv per chain when there are several)");
    private readonly Option<string?> _json = TypedOption.Text("--json", "FILE", "write the JSON report");
    private readonly Option<string?> _cov = TypedOption.Text("--cov", "FILE", "mvn: the covariance matrix, one CSV row per line");
    private readonly Option<string?> _mean = TypedOption.Text("--mean", "FILE", "mvn: the mean (default: zero)");
    private readonly Option<string?> _data = TypedOption.Text("--data", "FILE", "logistic: the data (CSV with a header row, the features, then y of 0/1)");
    private readonly Option<bool> _quiet = TypedOption.Switch("--quiet", "no progress line");

    /// <summary>The command with its options.</summary>
    public SampleCommand() : base("sample", "Sample a built-in target with any sampler.")
    {
        _target.Validators.Add(r =>
        {
            string name = r.Tokens[0].Value;
            if (!TargetNames.Contains(name)) r.AddError($"unknown target '{name}': expected gaussian, funnel, mvn or logistic");
        });
        _target.CompletionSources.Add(TargetNames);
        Add(_target);
        Add(_sampler);
        Add(_nuts);
        Add(_integrator);
        Add(_metric);
        Add(_samples);
        Add(_burn);
        Add(_stepSize);
        Add(_steps);
        Add(_mass);
        Add(_chains);
        Add(_seed);
        Add(_jitter);
        Add(_softAbsConst);
        Add(_explicitBinding);
        Add(_fixedPointThreshold);
        Add(_fixedPointMaxIterations);
        Add(_desiredAcceptRate);
        Add(_maxTreeDepth);
        Add(_adaptStepSize);
        Add(_csv);
        Add(_json);
        Add(_cov);
        Add(_mean);
        Add(_data);
        Add(_quiet);
        SetAction((parse, cancellationToken) => Task.FromResult(Run(parse, cancellationToken)));
    }

    private int Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var target = CreateTarget(parse);
        var options = SampleOptionsOf(parse, target);
        var run = RunReport.Execute(target, options, parse.GetValue(_quiet) ? TextWriter.Null : output, parse.GetValue(_json), cancellationToken);
        output.WriteLine();
        output.WriteLine(run.Summaries.Count > 0 ? SummaryTable.Format(run.Summaries) : "No draws were kept before the run was cancelled.");
        output.WriteLine($"Acceptance rate {run.Report.AcceptanceRate:F3}; {run.Report.SamplesPerSecond:F1} samples/sec; {run.Report.Divergences} divergences; {run.Report.GradientEvaluations} gradient evaluations.");
        if (run.Report.KlV is { } kl) output.WriteLine($"KL(histogram of v || N(0, 3^2)) = {kl:F4}");
        if (DivergenceHint(options, run.Report) is { } hint) output.WriteLine(hint);
        if (!run.Result.Cancelled) return ExitCodes.Success;
        output.WriteLine($"Cancelled: {run.Result.TotalDraws} of {options.NumSamples * run.Result.Chains.Count} draws kept.");
        return ExitCodes.Interrupted;
    }

    /// <summary>
    /// A warning when most transitions diverged, with what to change; for the explicit integrator it names the binding
    /// rotation's angle 2ωε, whose instability near π/2 and beyond is described in docs/choosing-a-sampler.md.
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
            double angle = 2 * options.ExplicitBindingConst * options.StepSize;
            hint += $", or, for the explicit integrator, a binding rotation 2*omega*eps below 1 rad (now {angle:F2} rad), --integrator implicit, or --integrator explicit-sequential (stable, not exact)";
        }

        return hint + ".";
    }

    private Target CreateTarget(ParseResult parse) => parse.GetRequiredValue(_target) switch
    {
        "gaussian" => GaussianTarget.Create(),
        "funnel" => FunnelTarget.Create(),
        "mvn" => CreateMvn(parse),
        _ => LogisticTarget.Create(parse.GetValue(_data) ?? throw new UsageException("logistic needs --data FILE")),
    };

    private Target CreateMvn(ParseResult parse)
    {
        string covPath = parse.GetValue(_cov) ?? throw new UsageException("mvn needs --cov FILE");
        var rows = MvnTarget.ReadCsv(covPath);
        int n = rows.Length;
        if (rows.Any(r => r.Length != n)) throw new UsageException($"{covPath}: the covariance must be square; it has {n} rows of {rows[0].Length} columns");
        var mean = new double[n];
        if (parse.GetValue(_mean) is { } meanPath)
        {
            var m = MvnTarget.ReadCsv(meanPath).SelectMany(r => r).ToArray();
            if (m.Length != n) throw new UsageException($"{meanPath}: the mean has {m.Length} values; the covariance is {n}x{n}");
            mean = m;
        }
        return MvnTarget.Create(rows.SelectMany(r => r).ToArray(), mean);
    }

    private SampleOptions SampleOptionsOf(ParseResult parse, Target target)
    {
        var sampler = parse.GetValue(_sampler).Value;
        if (parse.GetValue(_nuts))
        {
            if (sampler != Sampler.Rmhmc) throw new UsageException("--nuts applies to --sampler rmhmc (use --sampler nuts for Euclidean NUTS)");
            sampler = Sampler.RmNuts;
        }
        bool nuts = sampler is Sampler.Nuts or Sampler.RmNuts;
        int burn = parse.GetValue(_burn) ?? (nuts ? 1000 : 0);
        var mass = parse.GetValue(_mass)?.Value ?? (nuts && burn > 0 && sampler == Sampler.Nuts ? MassMatrixAdaptation.Diagonal : MassMatrixAdaptation.None);
        return new SampleOptions
        {
            Sampler = sampler,
            Integrator = parse.GetValue(_integrator).Value,
            Metric = parse.GetValue(_metric).Value,
            NumSamples = parse.GetValue(_samples),
            Burn = burn,
            StepSize = parse.GetValue(_stepSize),
            NumStepsPerSample = parse.GetValue(_steps),
            AdaptMass = mass,
            Chains = parse.GetValue(_chains),
            Seed = parse.GetValue(_seed),
            Jitter = parse.GetValue(_jitter),
            SoftAbsConst = parse.GetValue(_softAbsConst),
            ExplicitBindingConst = parse.GetValue(_explicitBinding),
            FixedPointThreshold = parse.GetValue(_fixedPointThreshold),
            FixedPointMaxIterations = parse.GetValue(_fixedPointMaxIterations),
            DesiredAcceptRate = parse.GetValue(_desiredAcceptRate),
            MaxTreeDepth = parse.GetValue(_maxTreeDepth),
            AdaptStepSize = parse.GetValue(_adaptStepSize)?.Value,
            CsvPath = parse.GetValue(_csv),
            ParameterNames = target.ParameterNames,
            Verbose = !parse.GetValue(_quiet),
        };
    }
}
