using Hmc.Native.Autodiff;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Rmhmc;

/// <summary>
/// A Riemannian Hamiltonian replays its recorded geometry at a new position when the log-density records the same
/// operations there; every quantity must then equal what a fresh recording at that position gives.
/// </summary>
public class GeometryReplayTests
{
    private static readonly Tensor<double> RowOffsets = Tensor.FromSpan<double>([0.1, -0.2, 0.3], new Shape(1, 3));

    private static Tensor<double> Banana(Tensor<double> x) => RiemannianHamiltonianTests.Banana(x);

    /// <summary>A 6-D target through reshape, broadcasting, a sum along an axis, concatenation and division.</summary>
    private static Tensor<double> Shapes(Tensor<double> x)
    {
        var m = x.Reshape(2, 3) + RowOffsets;
        var columns = (m * m).Sum(0);
        var joined = TensorOps.Concat<double>([columns, x[1..3] / 2.0], 0);
        return -0.5 * (joined * joined).Sum() - 0.2 * (m * m * m * m).Sum();
    }

    /// <summary>Different operations on either side of x₀ = 0: a function whose recording depends on the values.</summary>
    private static Tensor<double> Branching(Tensor<double> x) =>
        x.Values[0] > 0 ? -0.5 * (x * x).Sum() - 0.1 * (x * x * x * x).Sum() : -0.5 * (x * x).Sum() - 0.05 * (x * x).Exp().Sum();

    /// <summary>A factor computed from the values outside the tape: a constant whose value changes with the position.</summary>
    private static Tensor<double> ValueConstant(Tensor<double> x) =>
        -0.5 * (x * x).Sum() * Tensor.Scalar(1.0 + 0.1 * x.Values[0] * x.Values[0]) - 0.1 * (x * x * x * x).Sum();

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)TestTargets.Funnel, 11, new SoftAbsMetric(1e6), true).SetName("funnel, SoftAbs");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)Banana, 3, new SoftAbsMetric(1e6), true).SetName("banana, SoftAbs");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)Banana, 3, new SoftAbsMetric(2.0), true).SetName("banana, soft SoftAbs");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)Shapes, 6, new SoftAbsMetric(1e6), true).SetName("reshape, broadcast, concat, SoftAbs");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)Banana, 3, new FisherDiagonalMetric(), false).SetName("banana, Fisher diagonal");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)Banana, 3, new HessianMetric(), false).SetName("banana, Hessian");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)Branching, 3, new SoftAbsMetric(1e6), true).SetName("value-dependent branch, SoftAbs");
        yield return new TestCaseData((Func<Tensor<double>, Tensor<double>>)ValueConstant, 3, new SoftAbsMetric(1e6), false).SetName("constant computed from values, SoftAbs");
    }

    [TestCaseSource(nameof(Cases))]
    public void EveryPositionMatchesAFreshRecording(Func<Tensor<double>, Tensor<double>> logDensity, int n, RiemannianMetric metric, bool replays)
    {
        var hamiltonian = new RiemannianHamiltonian(logDensity, n, metric);
        var rng = new Random(17);
        for (int k = 0; k < 40; k++)
        {
            if (k % 10 == 0)
                for (int i = 0; i < n; i++) hamiltonian.Jitter[i] = metric is FisherDiagonalMetric ? 0.5 + 0.1 * rng.NextDouble() : 0.01 * rng.NextDouble();
            var theta = Enumerable.Range(0, n).Select(_ => 0.8 * (rng.NextDouble() - 0.5)).ToArray();
            var p = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var secondMomentum = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var fresh = new RiemannianHamiltonian(logDensity, n, metric);
            hamiltonian.Jitter.CopyTo(fresh.Jitter, 0);
            AssertSameState(hamiltonian, fresh, theta, p, secondMomentum, n, k);
        }
        if (replays) Assert.That(hamiltonian.ReplayedPositions, Is.GreaterThan(10), "positions replayed");
        else Assert.That(hamiltonian.ReplayedPositions, Is.Zero, "positions replayed");
    }

    [Test]
    public void AnInvalidPositionLeavesTheNextOneCorrect()
    {
        var hamiltonian = new RiemannianHamiltonian(TestTargets.Funnel, 11, new SoftAbsMetric(1e6));
        var p = Enumerable.Repeat(0.3, 11).ToArray();
        var start = Enumerable.Repeat(0.5, 11).ToArray();
        var notFinite = Enumerable.Repeat(0.5, 11).ToArray();
        notFinite[0] = double.NaN;
        var next = Enumerable.Repeat(-0.4, 11).ToArray();
        Assert.That(hamiltonian.Evaluate(start, p, new double[11], new double[11], out _, out _), Is.True);
        Assert.That(hamiltonian.Evaluate(notFinite, p, new double[11], new double[11], out double energy, out _), Is.False);
        Assert.That(energy, Is.EqualTo(double.PositiveInfinity));
        AssertSameState(hamiltonian, new RiemannianHamiltonian(TestTargets.Funnel, 11, new SoftAbsMetric(1e6)), next, p, start, 11, 0);
        Assert.That(hamiltonian.ReplayedPositions, Is.GreaterThan(0));
    }

    [Test]
    public void AGraphWithAnOperationThatCannotBeRecomputedIsNotReplayed()
    {
        var tape = new Tape<double>();
        var x = tape.Variable([0.5, 1.5]);
        int forward = tape.NodeCount;
        var y = (x * x).Sum();
        Assert.That(RecordedGraph.CanReplay(tape, forward, tape.NodeCount), Is.True);
        y.Log();
        Assert.That(RecordedGraph.CanReplay(tape, forward, tape.NodeCount), Is.False, "log has no replay rule");
    }

    private static void AssertSameState(RiemannianHamiltonian replaying, RiemannianHamiltonian fresh, double[] theta, double[] p, double[] secondMomentum, int n, int k)
    {
        var v1 = new double[n];
        var g1 = new double[n];
        var v2 = new double[n];
        var g2 = new double[n];
        bool ok1 = replaying.Evaluate(theta, p, v1, g1, out double e1, out double lp1);
        bool ok2 = fresh.Evaluate(theta, p, v2, g2, out double e2, out double lp2);
        Assert.That(ok1, Is.EqualTo(ok2), $"validity at position {k}");
        if (!ok2) return;
        Assert.That(lp1, Is.EqualTo(lp2).Within(1e-12).Percent, $"log π at position {k}");
        Assert.That(e1, Is.EqualTo(e2).Within(1e-12).Percent, $"H at position {k}");
        Assert.That(replaying.HalfLogDeterminant, Is.EqualTo(fresh.HalfLogDeterminant).Within(1e-12).Percent.Or.EqualTo(fresh.HalfLogDeterminant).Within(1e-14), $"½ log det G at position {k}");
        DerivativeCheck.AssertClose(v1, v2, 1e-12, $"G⁻¹p at position {k}");
        DerivativeCheck.AssertClose(g1, g2, 1e-12, $"∂H/∂θ at position {k}");
        Assert.That(replaying.EnergyGradient(secondMomentum, g1), Is.EqualTo(fresh.EnergyGradient(secondMomentum, g2)));
        DerivativeCheck.AssertClose(g1, g2, 1e-12, $"∂H/∂θ for a second momentum at position {k}");
    }
}
