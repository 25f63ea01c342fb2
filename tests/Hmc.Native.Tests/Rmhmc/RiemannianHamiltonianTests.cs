using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Rmhmc;

public class RiemannianHamiltonianTests
{
    /// <summary>A non-quadratic 3-D target whose Hessian is negative definite near the origin and varies with θ.</summary>
    internal static Tensor<double> Banana(Tensor<double> x) =>
        -0.5 * (x * x).Sum() - 0.1 * (x * x * x * x).Sum() - 0.3 * (x[0] * x[1]) * (x[1] * x[1] + 1.0) - 0.05 * (x[2] * x[0]).Exp();

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData(new HessianMetric(), "banana").SetName("Hessian metric, banana");
        yield return new TestCaseData(new SoftAbsMetric(1e6), "banana").SetName("SoftAbs metric, banana");
        yield return new TestCaseData(new SoftAbsMetric(2.0), "banana").SetName("SoftAbs metric, soft alpha");
        yield return new TestCaseData(new SoftAbsMetric(1e6), "funnel").SetName("SoftAbs metric, funnel (repeated eigenvalues)");
        yield return new TestCaseData(new FisherDiagonalMetric(), "banana").SetName("Fisher-diagonal metric, banana");
    }

    [TestCaseSource(nameof(Cases))]
    public void EnergyGradientMatchesFiniteDifferencesOfH(RiemannianMetric metric, string target)
    {
        int n = target == "funnel" ? 11 : 3;
        Func<Tensor<double>, Tensor<double>> f = target == "funnel" ? TestTargets.Funnel : Banana;
        var hamiltonian = new RiemannianHamiltonian(f, n, metric);
        hamiltonian.Jitter.AsSpan().Fill(metric is FisherDiagonalMetric ? 0.5 : 0.0);
        var rng = new System.Random(31);
        var theta = Enumerable.Range(0, n).Select(i => 0.6 * (rng.NextDouble() - 0.5)).ToArray();
        var p = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var gradient = new double[n];
        var velocity = new double[n];
        Assert.That(hamiltonian.Evaluate(theta, p, velocity, gradient, out _, out _), Is.True);

        double Energy(double[] q)
        {
            Assert.That(hamiltonian.Evaluate(q, p, new double[n], [], out double h, out _), Is.True);
            return h;
        }
        var fd = DerivativeCheck.FiniteGradient(Energy, theta);
        DerivativeCheck.AssertClose(gradient, fd, 1e-5, "∂H/∂θ");

        // ∂H/∂p = G⁻¹p, checked against finite differences of H in p.
        double EnergyOfMomentum(double[] m)
        {
            Assert.That(hamiltonian.Evaluate(theta, m, new double[n], [], out double h, out _), Is.True);
            return h;
        }
        DerivativeCheck.AssertClose(velocity, DerivativeCheck.FiniteGradient(EnergyOfMomentum, p), 1e-6, "∂H/∂p");
    }

    [Test]
    public void SoftAbsNearAZeroEigenvalueUsesTheLimitNotADivision()
    {
        // log π = −x⁴/4 has Hessian −3x², zero at the origin: λ̃ = λ coth(αλ) → 1/α there.
        static Tensor<double> Quartic(Tensor<double> x) => -(x * x * x * x).Sum() / 4.0;
        var hamiltonian = new RiemannianHamiltonian(Quartic, 1, new SoftAbsMetric(10));
        var velocity = new double[1];
        Assert.That(hamiltonian.Evaluate([0.0], [1.0], velocity, new double[1], out double energy, out _), Is.True);
        Assert.That(velocity[0], Is.EqualTo(10).Within(1e-9), "G⁻¹ = α at a zero eigenvalue");
        Assert.That(double.IsFinite(energy), Is.True);
    }
}
