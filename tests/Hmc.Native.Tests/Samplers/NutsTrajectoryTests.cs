using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

public class NutsTrajectoryTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData("gaussian", 0.1).SetName("Correlated Gaussian, small step");
        yield return new TestCaseData("gaussian", 0.9).SetName("Correlated Gaussian, large step");
        yield return new TestCaseData("funnel", 1.5).SetName("Funnel (divergences)");
        yield return new TestCaseData("funnel", 0.02).SetName("Funnel, small step");
    }

    [TestCaseSource(nameof(Cases))]
    public void IterativeTreeMatchesTheRecursiveReference(string target, double stepSize)
    {
        int n = target == "funnel" ? 11 : 5;
        ILogDensity density = target == "funnel"
            ? new TensorLogDensity(TestTargets.Funnel, n)
            : TestTargets.Gaussian(new double[n], TestTargets.Inverse(TestTargets.RandomCovariance(n, 0.1, 10, seed: 1), n));
        IEuclideanMetric metric = target == "funnel" ? new UnitMetric(n) : new DiagonalMetric(Enumerable.Range(1, n).Select(i => 0.5 + 0.2 * i).ToArray());
        var kernel = new NutsKernel(density, metric, stepSize, maxTreeDepth: 8);
        var reference = new RecursiveNutsReference(density.Fork(), metric, stepSize, maxDepth: 8);
        var points = new System.Random(11);
        int compared = 0, divergent = 0;
        for (int trial = 0; trial < 60; trial++)
        {
            var start = Enumerable.Range(0, n).Select(_ => points.NextDouble() * 2 - 1).ToArray();
            var state = kernel.Initialize(start);
            var (_, info) = kernel.Step(new Rng((ulong)trial), state);
            var expected = reference.Transition(new Rng((ulong)trial), state);
            Assert.That(info.TreeDepth, Is.EqualTo(expected.Depth), $"trial {trial}: depth");
            Assert.That(info.LeapfrogSteps, Is.EqualTo(expected.Leapfrogs), $"trial {trial}: leapfrog steps");
            Assert.That(info.Divergent, Is.EqualTo(expected.Divergent), $"trial {trial}: divergence");
            Assert.That(info.AcceptProbability, Is.EqualTo(expected.AcceptStat).Within(1e-12), $"trial {trial}: accept_stat");
            var (minus, plus) = kernel.LastTrajectoryEnds;
            for (int i = 0; i < n; i++)
            {
                Assert.That(minus[i], Is.EqualTo(expected.Minus[i]).Within(1e-12), $"trial {trial}: backward end");
                Assert.That(plus[i], Is.EqualTo(expected.Plus[i]).Within(1e-12), $"trial {trial}: forward end");
            }
            compared++;
            if (info.Divergent) divergent++;
        }
        Assert.That(compared, Is.EqualTo(60));
        if (target == "funnel" && stepSize > 0.1) Assert.That(divergent, Is.GreaterThan(0), "the large-step funnel case exercises divergences");
    }
}
