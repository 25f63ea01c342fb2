using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Rmhmc;

public class RiemannianIntegratorTests
{
    private static readonly double[] Mean = [1, -1, 0.5];
    private static readonly double[] Covariance = [1.0, 0.3, 0.1, 0.3, 0.5, -0.2, 0.1, -0.2, 2.0];

    private static Func<Tensor<double>, Tensor<double>> Gaussian()
    {
        var precision = Tensor.FromSpan<double>(TestTargets.Inverse(Covariance, 3), new Shape(3, 3));
        var mean = Tensor.FromVector(Mean);
        return x =>
        {
            var d = x - mean;
            return -0.5 * d.Dot(precision.MatMul(d));
        };
    }

    private static double[] Leapfrog(double[] theta, double[] momentum, double stepSize, int steps)
    {
        var density = new TensorLogDensity(Gaussian(), 3);
        var metric = new DenseMetric(Covariance, 3);
        var z = new PhasePoint(3);
        theta.CopyTo(z.Position, 0);
        momentum.CopyTo(z.Momentum, 0);
        Hmc.Native.Integrators.Leapfrog.Evaluate(density, z);
        z.UpdateVelocity(metric);
        for (int i = 0; i < steps; i++) Hmc.Native.Integrators.Leapfrog.Step(density, metric, z, stepSize);
        return z.Position.Concat(z.Momentum).ToArray();
    }

    [Test]
    public void OnAGaussianTheImplicitIntegratorIsLeapfrogWithMassMatrixInverseCovariance()
    {
        double[] theta = [0.2, 0.4, -1], momentum = [0.7, -0.3, 1.1];
        var hamiltonian = new RiemannianHamiltonian(Gaussian(), 3, new HessianMetric());
        var integrator = new GeneralizedLeapfrog(hamiltonian, 1e-13, 100);
        var q = (double[])theta.Clone();
        var p = (double[])momentum.Clone();
        var stats = new FixedPointStatistics();
        for (int i = 0; i < 10; i++) Assert.That(integrator.Step(q, p, 0.2, ref stats), Is.True);
        var expected = Leapfrog(theta, momentum, 0.2, 10);
        var actual = q.Concat(p).ToArray();
        for (int i = 0; i < 6; i++) Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-8));
        Assert.That(stats.Failed, Is.False);
    }

    [Test]
    public void OnAGaussianTheExplicitIntegratorIsLeapfrogWhenTheBindingRotationIsWhole()
    {
        // With a constant metric and 2ωε = 2π the binding rotation is the identity, so (θ, p) takes exactly a leapfrog step.
        double[] theta = [0.2, 0.4, -1], momentum = [0.7, -0.3, 1.1];
        const double stepSize = 0.2;
        var hamiltonian = new RiemannianHamiltonian(Gaussian(), 3, new HessianMetric());
        var integrator = new ExplicitBindingIntegrator(hamiltonian, omega: 50 * Math.PI / stepSize);
        var q = (double[])theta.Clone();
        var p = (double[])momentum.Clone();
        integrator.Begin(q, p);
        var stats = new FixedPointStatistics();
        for (int i = 0; i < 10; i++) Assert.That(integrator.Step(q, p, stepSize, ref stats), Is.True);
        var expected = Leapfrog(theta, momentum, stepSize, 10);
        var actual = q.Concat(p).ToArray();
        for (int i = 0; i < 6; i++) Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-8));
    }

    private static RiemannianHamiltonian Funnel() =>
        new(TestTargets.Funnel, 11, new SoftAbsMetric(1e6));

    private static double[] FunnelStart()
    {
        var rng = new System.Random(3);
        return Enumerable.Range(0, 11).Select(i => i == 0 ? 0.4 : rng.NextDouble() - 0.5).ToArray();
    }

    private static double[] FunnelMomentum()
    {
        var rng = new System.Random(4);
        return Enumerable.Range(0, 11).Select(_ => rng.NextDouble() - 0.5).ToArray();
    }

    /// <summary>One implicit step as a map of the 22-D phase space.</summary>
    private static double[] ImplicitStep(double[] state, double stepSize)
    {
        var integrator = new GeneralizedLeapfrog(Funnel(), 1e-13, 200);
        var q = state[..11];
        var p = state[11..];
        var stats = new FixedPointStatistics();
        Assert.That(integrator.Step(q, p, stepSize, ref stats), Is.True);
        return q.Concat(p).ToArray();
    }

    /// <summary>One explicit step as a map of the 44-D augmented phase space (θ, p, θ̃, p̃).</summary>
    private static double[] ExplicitStep(double[] state, double stepSize, bool sequential)
    {
        var integrator = new ExplicitBindingIntegrator(Funnel(), omega: 5, sequential);
        var q = state[..11];
        var p = state[11..22];
        integrator.Begin(state.AsSpan(22, 11), state.AsSpan(33, 11));
        var stats = new FixedPointStatistics();
        Assert.That(integrator.Step(q, p, stepSize, ref stats), Is.True);
        return q.Concat(p).Concat(integrator.ThetaCopy.ToArray()).Concat(integrator.MomentumCopy.ToArray()).ToArray();
    }

    private static double[] Flip(double[] state, int half)
    {
        var r = (double[])state.Clone();
        int blocks = state.Length / half;
        for (int b = 1; b < blocks; b += 2)
            for (int i = 0; i < half; i++) r[b * half + i] = -r[b * half + i];
        return r;
    }

    private static double JacobianDeterminant(Func<double[], double[]> map, double[] x, double h = 1e-6)
    {
        int n = x.Length;
        var j = new double[n, n];
        for (int c = 0; c < n; c++)
        {
            var xp = (double[])x.Clone();
            var xm = (double[])x.Clone();
            xp[c] += h;
            xm[c] -= h;
            var fp = map(xp);
            var fm = map(xm);
            for (int r = 0; r < n; r++) j[r, c] = (fp[r] - fm[r]) / (2 * h);
        }
        return MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(j).Determinant();
    }

    [Test]
    public void TheImplicitIntegratorIsReversibleAndVolumePreservingOnTheFunnel()
    {
        var start = FunnelStart().Concat(FunnelMomentum()).ToArray();
        var forward = ImplicitStep(ImplicitStep(start, 0.1), 0.1);
        var back = Flip(ImplicitStep(ImplicitStep(Flip(forward, 11), 0.1), 0.1), 11);
        for (int i = 0; i < start.Length; i++) Assert.That(back[i], Is.EqualTo(start[i]).Within(1e-9), $"coordinate {i}");
        Assert.That(JacobianDeterminant(s => ImplicitStep(s, 0.1), start), Is.EqualTo(1).Within(1e-5));
    }

    [Test]
    public void TheExactBindingRotationIsReversibleAndVolumePreservingButHamiltorchsSequentialUpdateIsNot()
    {
        var theta = FunnelStart();
        var momentum = FunnelMomentum();
        var start = theta.Concat(momentum).Concat(theta.Select(v => v + 0.01)).Concat(momentum.Select(v => v - 0.02)).ToArray();

        var forward = ExplicitStep(start, 0.1, sequential: false);
        var back = Flip(ExplicitStep(Flip(forward, 11), 0.1, sequential: false), 11);
        for (int i = 0; i < start.Length; i++) Assert.That(back[i], Is.EqualTo(start[i]).Within(1e-10), $"exact rotation, coordinate {i}");
        Assert.That(JacobianDeterminant(s => ExplicitStep(s, 0.1, sequential: false), start), Is.EqualTo(1).Within(1e-5));

        var forwardSequential = ExplicitStep(start, 0.1, sequential: true);
        var backSequential = Flip(ExplicitStep(Flip(forwardSequential, 11), 0.1, sequential: true), 11);
        double worst = start.Zip(backSequential, (a, b) => Math.Abs(a - b)).Max();
        Assert.That(worst, Is.GreaterThan(1e-4), "hamiltorch's sequential update does not run back to its start");
        double det = JacobianDeterminant(s => ExplicitStep(s, 0.1, sequential: true), start);
        Assert.That(Math.Abs(det - 1), Is.GreaterThan(1e-3), "hamiltorch's sequential update changes phase-space volume");
    }
}
