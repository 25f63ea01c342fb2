using Hmc.Native.Adaptation;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Randomness;
using Hmc.Native.Reporting;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Samplers;

/// <summary>What the runner learns from a kernel's capabilities reaches the results and the CSV.</summary>
public class KernelCapabilityTests
{
    private static Tensor<double> Gaussian(Tensor<double> x)
    {
        var z = (x - Tensor.FromVector(1.0, -1.0)) / 0.5;
        return -0.5 * (z * z).Sum();
    }

    private static string TempCsv() => Path.Combine(Path.GetTempPath(), $"hmc-capability-{Guid.NewGuid():N}.csv");

    [Test]
    public void RiemannianNutsReportsTheMeanAcceptStatisticAsItsAcceptanceRate()
    {
        var result = Sampling.Sample(Gaussian, [0.5, -0.5], new SampleOptions
        {
            Sampler = Sampler.RmNuts, Metric = Metric.SoftAbs, NumSamples = 150, StepSize = 0.9, Chains = 1, Seed = 3,
        });
        var chain = result.Chains[0];
        double meanAcceptStat = chain.Statistics.Average(s => s.AcceptStat);
        double moved = (double)chain.Accepted / chain.Statistics.Count;
        Assert.That(chain.AcceptanceRate, Is.EqualTo(meanAcceptStat).Within(1e-12));
        Assert.That(Math.Abs(meanAcceptStat - moved), Is.GreaterThan(1e-6), "the two rates differ here, so the test tells them apart");
    }

    [Test]
    public void RiemannianNutsWritesItsEngineMetricAndFixedPointColumns()
    {
        string path = TempCsv();
        try
        {
            var result = Sampling.Sample(Gaussian, [0.5, -0.5], new SampleOptions
            {
                Sampler = Sampler.RmNuts, Metric = Metric.SoftAbs, NumSamples = 40, StepSize = 0.5, Chains = 1, Seed = 4, CsvPath = path,
            });
            var csv = CmdStanCsvReader.Read(path);
            Assert.That(csv.Settings["engine"], Is.EqualTo("nuts"));
            Assert.That(csv.Settings["metric"], Is.EqualTo("softabs"));
            Assert.That(csv.Settings["max_depth"], Is.EqualTo("10"));
            var stats = result.Chains[0].Statistics;
            Assert.That(csv.Column("fixed_point_iterations__").ToArray(), Is.EqualTo(stats.Select(s => (double)s.FixedPointIterations)));
            Assert.That(csv.Column("fixed_point_residual__").ToArray(), Is.EqualTo(stats.Select(s => s.FixedPointResidual)));
            Assert.That(stats.Max(s => s.FixedPointIterations), Is.GreaterThan(0), "the implicit steps report their solves");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void ImplicitRmhmcCarriesEachDrawsFixedPointStatistics()
    {
        var result = Sampling.Sample(TestTargets.Funnel, [0, 1, 1, 1], new SampleOptions
        {
            Sampler = Sampler.Rmhmc, Metric = Metric.SoftAbs, NumSamples = 60, StepSize = 0.3, NumStepsPerSample = 10, Chains = 1, Seed = 8,
            FixedPointMaxIterations = 4, FixedPointThreshold = 1e-9,
        });
        var chain = result.Chains[0];
        Assert.That(chain.Statistics.Max(s => s.FixedPointIterations), Is.EqualTo(chain.MaxFixedPointIterations));
        Assert.That(chain.Statistics.Max(s => s.FixedPointResidual), Is.EqualTo(chain.MaxFixedPointResidual));
        Assert.That(chain.Statistics.Count(s => s.FixedPointFailed), Is.EqualTo(chain.FixedPointFailures));
        Assert.That(chain.FixedPointFailures, Is.GreaterThan(0), "four iterations at a threshold of 1e-9 must fail some solves");
        Assert.That(chain.Statistics.Where(s => s.FixedPointFailed).All(s => !s.Invalid && !s.Divergent), Is.True,
            "a failed solve is its own kind of rejection");
    }

    [Test]
    public void ExplicitRmhmcWritesNoFixedPointColumns()
    {
        string path = TempCsv();
        try
        {
            Sampling.Sample(Gaussian, [0.5, -0.5], new SampleOptions
            {
                Sampler = Sampler.Rmhmc, Integrator = Integrator.Explicit, NumSamples = 10, StepSize = 0.2, NumStepsPerSample = 3, Chains = 1, Seed = 4, CsvPath = path,
            });
            var csv = CmdStanCsvReader.Read(path);
            Assert.That(csv.Settings["engine"], Is.EqualTo("static"));
            Assert.That(csv.Settings["metric"], Is.EqualTo("hessian"));
            Assert.That(csv.HasColumn("fixed_point_iterations__"), Is.False);
            Assert.That(csv.HasColumn("invalid__"), Is.True);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void DenseAdaptationWritesDenseEAndAFullMatrixThatReadsBack()
    {
        double[] covariance = [1.0, 0.8, 0.8, 2.0];
        var density = TestTargets.Gaussian([0, 0], TestTargets.Inverse(covariance, 2));
        string path = TempCsv();
        try
        {
            var result = Sampling.Sample(density, [0.1, 0.1], new SampleOptions
            {
                Sampler = Sampler.Nuts, NumSamples = 50, Burn = 300, Chains = 1, Seed = 6, AdaptMass = MassMatrixAdaptation.Dense, CsvPath = path,
            });
            var csv = CmdStanCsvReader.Read(path);
            Assert.That(csv.Settings["metric"], Is.EqualTo("dense_e"));
            Assert.That(csv.Settings["engine"], Is.EqualTo("nuts"));
            var metric = result.Chains[0].Metric!;
            Assert.That(metric.CmdStanName, Is.EqualTo("dense_e"));
            var expected = new double[4];
            metric.CopyInverseMass(expected);
            Assert.That(expected[1], Is.Not.Zero, "the adapted matrix has an off-diagonal term");
            Assert.That(csv.InverseMetric, Is.Not.Null);
            Assert.That(new[] { csv.InverseMetric![0, 0], csv.InverseMetric[0, 1], csv.InverseMetric[1, 0], csv.InverseMetric[1, 1] }, Is.EqualTo(expected));
            Assert.That(csv.InverseMetricDiagonal, Is.EqualTo(new[] { expected[0], expected[3] }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void StaticHmcOnAUnitMetricWritesUnitE()
    {
        var density = TestTargets.Gaussian([0, 0], [1, 0, 0, 1]);
        string path = TempCsv();
        try
        {
            Sampling.Sample(density, [0.1, 0.1], new SampleOptions { NumSamples = 5, Chains = 1, Seed = 1, CsvPath = path });
            var text = File.ReadAllText(path);
            var csv = CmdStanCsvReader.Read(path);
            Assert.That(csv.Settings["engine"], Is.EqualTo("static"));
            Assert.That(csv.Settings["metric"], Is.EqualTo("unit_e"));
            Assert.That(text, Does.Contain("# No free parameters for unit metric"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void TheRunDisposesKernelsThatHoldResources()
    {
        var density = TestTargets.Gaussian([0, 0], [1, 0, 0, 1]);
        var kernels = new List<DisposableKernel>();
        Sampling.Run(density, [0.1, 0.1], new SampleOptions { NumSamples = 3, Chains = 3, Seed = 1 }, default, d =>
        {
            var kernel = new DisposableKernel(new HmcKernel(d, new UnitMetric(2), 0.1, 2));
            kernels.Add(kernel);
            return kernel;
        });
        Assert.That(kernels, Has.Count.EqualTo(3));
        Assert.That(kernels.All(k => k.Disposed), Is.True);
    }

    private sealed class DisposableKernel(ITransitionKernel inner) : ITransitionKernel, IDisposable
    {
        public bool Disposed { get; private set; }

        public ChainState Initialize(ReadOnlySpan<double> position) => inner.Initialize(position);

        public (ChainState State, TransitionInfo Info) Step(Rng rng, ChainState state) => inner.Step(rng, state);

        public void Dispose() => Disposed = true;
    }
}
