using Hmc.Native.Distributions;
using Hmc.Native.Metrics;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Models;

/// <summary>
/// Constrained models sampled with NUTS against known answers: each moment within its Monte Carlo standard error
/// (Bonferroni over the family, as <see cref="MomentCheck"/>), each with a bulk ESS of at least <see cref="MinimumEss"/>.
/// </summary>
public class ModelSamplingTests
{
    private const double MinimumEss = 400;

    private static SampleOptions Nuts(ulong seed) => new() { Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000, Chains = 4, Seed = seed };

    private static void AssertMoments(SamplingResult result, params (string Name, Func<double[], double> F, double Truth)[] checks) =>
        MomentCheck.AssertMoments(result, checks, MinimumEss);

    private static int Index(SamplingResult result, string name) => result.ParameterNames.ToList().IndexOf(name);

    [Test]
    public void APositiveParameterSamplesGamma()
    {
        // x ~ Gamma(2, rate 3): mean 2/3, variance 2/9.
        var model = new Model().Parameter("x", Constraint.Positive).WithLogDensity(p => (p["x"].Log() - 3.0 * p["x"]).Sum());
        var result = Sampling.Sample(model, Nuts(1));
        Assert.That(result.ParameterNames, Is.EqualTo(new[] { "x" }));
        Assert.That(result.Samples.All(d => d[0] > 0), Is.True, "draws are reported on the constrained scale");
        AssertMoments(result, ("mean", d => d[0], 2.0 / 3), ("second moment", d => d[0] * d[0], 2.0 / 9 + 4.0 / 9));
    }

    [Test]
    public void RiemannianSamplersDifferentiateThroughTheTransforms()
    {
        // RMHMC takes third derivatives of log p(θ) through the exp of a positive parameter: x ~ Gamma(3, rate 2),
        // mean 3/2, E x² = 3·4/4 = 3.
        var model = new Model().Parameter("x", Constraint.Positive).WithLogDensity(p => (2.0 * p["x"].Log() - 2.0 * p["x"]).Sum());
        var result = Sampling.Sample(model, new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, NumSamples = 1000, StepSize = 0.3, NumStepsPerSample = 4, Chains = 4, Seed = 9,
        });
        TestContext.Out.WriteLine($"invalid {result.InvalidProposals}, fixed-point failures {result.Chains.Sum(c => c.FixedPointFailures)}, acceptance {result.AcceptanceRate}");
        AssertMoments(result, ("mean", d => d[0], 1.5), ("second moment", d => d[0] * d[0], 3.0));
    }

    [Test]
    public void ABoundedParameterSamplesBeta()
    {
        // x ~ Beta(2, 5): mean 2/7, E x² = a(a+1)/((a+b)(a+b+1)) = 6/56.
        var model = new Model().Parameter("x", Constraint.Bounded(0, 1))
            .WithLogDensity(p => (p["x"].Log() + 4.0 * (1.0 - p["x"]).Log()).Sum());
        var result = Sampling.Sample(model, Nuts(2));
        Assert.That(result.Samples.All(d => d[0] is > 0 and < 1), Is.True);
        AssertMoments(result, ("mean", d => d[0], 2.0 / 7), ("second moment", d => d[0] * d[0], 6.0 / 56));
    }

    [Test]
    public void ASimplexSamplesDirichlet()
    {
        // p ~ Dirichlet(1, 2, 3): E p_k = α_k/6, E p_k² = α_k(α_k + 1)/(6·7).
        double[] alpha = [1, 2, 3];
        var dirichlet = new Dirichlet<double>(Tensor.FromVector(alpha));
        var model = new Model().Parameter("p", 3, Constraint.Simplex).WithLogDensity(p => dirichlet.LogProb(p["p"]).Sum());
        var result = Sampling.Sample(model, Nuts(3));
        Assert.That(result.ParameterNames, Is.EqualTo(new[] { "p.1", "p.2", "p.3" }));
        Assert.That(result.Samples.All(d => Math.Abs(d.Sum() - 1) < 1e-12 && d.All(v => v > 0)), Is.True, "every draw lies on the simplex");
        var checks = new List<(string, Func<double[], double>, double)>();
        for (int k = 0; k < 3; k++)
        {
            int i = k;
            checks.Add(($"E p{i + 1}", d => d[i], alpha[i] / 6));
            checks.Add(($"E p{i + 1}²", d => d[i] * d[i], alpha[i] * (alpha[i] + 1) / 42));
        }
        AssertMoments(result, [.. checks]);
    }

    [Test]
    public void ACholeskyCorrelationFactorSamplesTheLkjPrior()
    {
        // L ~ LKJ-Cholesky(η = 2) for K = 3 (Stan's lkj_corr_cholesky). Each correlation
        // Ω_ij = (L Lᵀ)_ij is 2u − 1 with u ~ Beta(η − 1 + K/2, same) = Beta(2.5, 2.5): mean 0, variance 1/(2·2.5 + 1) = 1/6.
        const int k = 3;
        const double eta = 2;
        var lkj = new LkjCholesky<double>(k, Tensor.Scalar(eta));
        var model = new Model().Parameter("L", new Shape(k, k), Constraint.CholeskyCorrelation).WithLogDensity(p => lkj.LogProb(p["L"]).Sum());
        var result = Sampling.Sample(model, Nuts(4));
        Assert.That(result.ParameterNames.Take(4), Is.EqualTo(new[] { "L.1.1", "L.2.1", "L.3.1", "L.1.2" }), "CmdStan's column-major names");
        int l21 = Index(result, "L.2.1"), l31 = Index(result, "L.3.1"), l22 = Index(result, "L.2.2"), l32 = Index(result, "L.3.2");
        double Omega32(double[] d) => d[l31] * d[l21] + d[l32] * d[l22];
        AssertMoments(result,
            ("E Ω21", d => d[l21], 0), ("E Ω21²", d => d[l21] * d[l21], 1.0 / 6),
            ("E Ω31", d => d[l31], 0), ("E Ω31²", d => d[l31] * d[l31], 1.0 / 6),
            ("E Ω32", Omega32, 0), ("E Ω32²", d => Omega32(d) * Omega32(d), 1.0 / 6));
    }

    [Test]
    public void AHalfCauchyScaleInAHierarchicalModelMatchesQuadrature()
    {
        // y_j ~ N(θ_j, 1), θ_j = τ z_j with z_j ~ N(0, 1) (non-centred), τ ~ half-Cauchy(0, 1). Integrating θ out,
        // p(τ | y) ∝ 1/(1 + τ²) Π_j N(y_j; 0, 1 + τ²), and E[θ_j | y] = E[τ²/(1 + τ²) | y] y_j.
        double[] y = [1.5, -0.3, 2.2, 0.8];
        var data = Tensor.FromVector(y);
        var model = new Model().Parameter("tau", Constraint.Positive).Parameter("z", y.Length)
            .WithLogDensity(p =>
            {
                var tau = p["tau"];
                var theta = p["z"] * tau;
                return -(1.0 + tau.Square()).Log().Sum() - 0.5 * p["z"].Square().Sum() - 0.5 * (data - theta).Square().Sum();
            })
            .WithGeneratedQuantity("theta", Shape.Vector(y.Length), p => p["z"] * p["tau"]);
        double Posterior(double t) => Math.Exp(y.Sum(v => -0.5 * v * v / (1 + t * t) - 0.5 * Math.Log(1 + t * t))) / (1 + t * t);
        double Integral(Func<double, double> f) =>
            MathNet.Numerics.Integrate.OnClosedInterval(t => f(t) * Posterior(t), 0, 60, 1e-10) + MathNet.Numerics.Integrate.OnClosedInterval(t => f(t) * Posterior(t), 60, 5000, 1e-10);
        double z = Integral(_ => 1);
        double meanTau = Integral(t => t) / z, shrink = Integral(t => t * t / (1 + t * t)) / z;
        var result = Sampling.Sample(model, Nuts(5) with { DesiredAcceptRate = 0.95 });
        Assert.That(result.ParameterNames, Is.EqualTo(new[] { "tau", "z.1", "z.2", "z.3", "z.4", "theta.1", "theta.2", "theta.3", "theta.4" }));
        int theta3 = Index(result, "theta.3");
        AssertMoments(result, ("E τ", d => d[0], meanTau), ("E θ3", d => d[theta3], shrink * y[2]));
    }

    [Test]
    public void TheCsvCarriesTheConstrainedValuesUnderStansNames()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hmc-model-{Guid.NewGuid():N}.csv");
        try
        {
            var model = new Model().Parameter("mu").Parameter("sigma", Constraint.Positive)
                .WithLogDensity(p => -0.5 * p["mu"].Square().Sum() - p["sigma"].Sum());
            var result = Sampling.Sample(model, new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 50, Burn = 50, Chains = 1, Seed = 6, CsvPath = path });
            var csv = CmdStanCsvReader.Read(path);
            Assert.That(csv.ParameterNames, Is.EqualTo(new[] { "mu", "sigma" }));
            Assert.That(csv.Column("sigma").ToArray(), Is.EqualTo(result.Chains[0].Draws.Select(d => d[1])));
            Assert.That(csv.Column("sigma").ToArray().All(v => v > 0), Is.True);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void GivenInitialValuesAreCheckedAgainstTheConstraints()
    {
        var model = new Model().Parameter("mu").Parameter("sigma", Constraint.Positive).WithLogDensity(p => -0.5 * p["mu"].Square().Sum() - p["sigma"].Sum());
        var bad = new Dictionary<string, double[]> { ["mu"] = [0.0], ["sigma"] = [-1.0] };
        var ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(model, new SampleOptions { NumSamples = 2, Chains = 1 }, [bad]));
        Assert.That(ex!.Message, Does.Contain("Chain 1").And.Contain("'sigma'").And.Contain("lower=0"));
        var missing = new Dictionary<string, double[]> { ["mu"] = [0.0] };
        ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(model, new SampleOptions { NumSamples = 2, Chains = 1 }, [missing]));
        Assert.That(ex!.Message, Does.Contain("no 'sigma'"));
        var good = new Dictionary<string, double[]> { ["mu"] = [0.0], ["sigma"] = [1.0] };
        ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(model, new SampleOptions { NumSamples = 2, Chains = 3 }, [good, good]));
        Assert.That(ex!.Message, Does.Contain("2 sets of initial values were given for 3 chains"));
    }

    [Test]
    public void GivenInitialValuesStartEachChainOnTheConstrainedScale()
    {
        var model = new Model().Parameter("mu").Parameter("sigma", Constraint.Positive).WithLogDensity(p => -0.5 * p["mu"].Square().Sum() - p["sigma"].Sum());
        var inits = new[] { 1.0, 5.0 }.Select(s => (IReadOnlyDictionary<string, double[]>)new Dictionary<string, double[]> { ["mu"] = [s], ["sigma"] = [s] }).ToList();
        var result = Sampling.Sample(model, new SampleOptions { NumSamples = 1, Chains = 2, Seed = 1, StepSize = 1e-6, NumStepsPerSample = 1 }, inits);
        Assert.That(result.Chains[0].Draws[0][1], Is.EqualTo(1.0).Within(1e-4));
        Assert.That(result.Chains[1].Draws[0][1], Is.EqualTo(5.0).Within(1e-4));
    }

    [Test]
    public void RandomInitialPointsLieInMinusTwoTwoOnTheUnconstrainedScale()
    {
        var model = new Model().Parameter("sigma", Constraint.Positive).WithLogDensity(p => -p["sigma"].Sum());
        var result = Sampling.Sample(model, new SampleOptions { NumSamples = 1, Chains = 8, Seed = 3, StepSize = 1e-9, NumStepsPerSample = 1 });
        var starts = result.Chains.Select(c => c.Draws[0][0]).ToArray();
        Assert.That(starts.All(s => s > Math.Exp(-2) && s < Math.Exp(2)), Is.True, string.Join(", ", starts));
        Assert.That(starts.Distinct().Count(), Is.EqualTo(8), "each chain draws its own point");
    }

    [Test]
    public void NoFiniteRandomInitialPointIsAClearError()
    {
        var model = new Model().Parameter("mu").Parameter("sigma", Constraint.Positive)
            .WithLogDensity(p => p["mu"].Sum() + (p["sigma"] - 100.0).Log().Sum());
        var ex = Assert.Throws<InvalidInitialPointException>(() => Sampling.Sample(model, new SampleOptions { NumSamples = 2, Chains = 1, Seed = 1 }));
        Assert.That(ex!.Message, Does.Contain("100 tries").And.Contain("(-2, 2)").And.Contain("log-density was NaN"));
    }

    [Test]
    public void AModelOptionsAndDeclarationsAreChecked()
    {
        var model = new Model().Parameter("mu").WithLogDensity(p => -p["mu"].Square().Sum());
        var ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(model, new SampleOptions { ParameterNames = ["a"] }));
        Assert.That(ex!.Message, Does.Contain("ParameterNames"));
        ex = Assert.Throws<ArgumentException>(() => model.Parameter("mu"));
        Assert.That(ex!.Message, Does.Contain("already declares 'mu'"));
        ex = Assert.Throws<ArgumentException>(() => model.Parameter("a.b"));
        Assert.That(ex!.Message, Does.Contain("not a name CmdStan output can carry"));
        ex = Assert.Throws<ArgumentException>(() => Sampling.Sample(new Model().Parameter("x")));
        Assert.That(ex!.Message, Does.Contain("no log-density"));
        var unknown = Assert.Throws<LogDensityException>(() => Sampling.Sample(new Model().Parameter("x").WithLogDensity(p => p["y"].Sum()), new SampleOptions { NumSamples = 2, Chains = 1 }));
        Assert.That(unknown!.InnerException!.Message, Does.Contain("no parameter 'y'").And.Contain("'x'"));
    }

    [Test]
    public void AFailingChainKeepsEveryChainsDrawsAndItsCsv()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"hmc-failure-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            int evaluations = 0;
            var density = new FusedLogDensity((x, g) =>
            {
                if (Interlocked.Increment(ref evaluations) > 3000) throw new InvalidOperationException("the model's data went away");
                g[0] = -x[0];
                return -0.5 * x[0] * x[0];
            }, 1);
            var ex = Assert.Throws<LogDensityException>(() => Sampling.Sample(density, [0.1], new SampleOptions
            {
                NumSamples = 100_000, Chains = 2, Seed = 4, StepSize = 0.5, NumStepsPerSample = 3, CsvPath = Path.Combine(directory, "draws.csv"),
            }));
            Assert.That(ex!.InnerException!.Message, Is.EqualTo("the model's data went away"));
            var partial = ex.PartialResult;
            Assert.That(partial, Is.Not.Null);
            Assert.That(partial!.Chains, Has.Count.EqualTo(2));
            Assert.That(partial.Chains.Count(c => c.Failure is not null), Is.GreaterThanOrEqualTo(1));
            Assert.That(partial.TotalDraws, Is.GreaterThan(500), "the draws before the failure are kept");
            foreach (var chain in partial.Chains)
            {
                var csv = CmdStanCsvReader.Read(Path.Combine(directory, $"draws_{chain.Chain + 1}.csv"));
                Assert.That(csv.DrawCount, Is.EqualTo(chain.Draws.Count), $"chain {chain.Chain}: the CSV holds every kept draw");
                Assert.That(csv.Column("theta.1").ToArray(), Is.EqualTo(chain.Draws.Select(d => d[0])));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
