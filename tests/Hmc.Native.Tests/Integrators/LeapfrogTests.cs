using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Samplers;
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Integrators;

public class LeapfrogTests
{
    private static PhasePoint Start(ILogDensity density, IEuclideanMetric metric, double[] q, double[] p)
    {
        var z = new PhasePoint(q.Length);
        q.CopyTo(z.Position, 0);
        p.CopyTo(z.Momentum, 0);
        Leapfrog.Evaluate(density, z);
        z.UpdateVelocity(metric);
        return z;
    }

    [Test]
    public void FollowsTheHarmonicOscillatorAndEnergyErrorShrinksAsStepSquared()
    {
        // log π = −q²/2 with unit mass: q(t) = q0 cos t + p0 sin t, p(t) = p0 cos t − q0 sin t.
        var density = TestTargets.Gaussian([0.0], [1.0]);
        var metric = new UnitMetric(1);
        double[] errors = new double[3];
        double[] steps = [0.2, 0.1, 0.05];
        for (int k = 0; k < steps.Length; k++)
        {
            var z = Start(density, metric, [1.0], [0.5]);
            double h0 = z.Energy, maxError = 0;
            int n = (int)Math.Round(2.0 / steps[k]);
            for (int i = 0; i < n; i++)
            {
                Leapfrog.Step(density, metric, z, steps[k]);
                maxError = Math.Max(maxError, Math.Abs(z.Energy - h0));
            }
            Assert.That(z.Position[0], Is.EqualTo(Math.Cos(2) + 0.5 * Math.Sin(2)).Within(steps[k] * steps[k]));
            errors[k] = maxError;
        }
        Assert.That(errors[0] / errors[1], Is.InRange(3.5, 4.5), "halving ε divides the energy error by 4");
        Assert.That(errors[1] / errors[2], Is.InRange(3.5, 4.5), "halving ε divides the energy error by 4");
    }

    [Test]
    public void IsReversibleOnTheFunnelWithADenseMetric()
    {
        var density = new TensorLogDensity(TestTargets.Funnel, 11);
        var cov = TestTargets.RandomCovariance(11, 0.5, 2, seed: 3);
        var metric = new DenseMetric(cov, 11);
        var rng = new System.Random(5);
        var q0 = Enumerable.Range(0, 11).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var p0 = Enumerable.Range(0, 11).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var z = Start(density, metric, q0, p0);
        for (int i = 0; i < 50; i++) Assert.That(Leapfrog.Step(density, metric, z, 0.05), Is.True);
        for (int i = 0; i < 11; i++) z.Momentum[i] = -z.Momentum[i];
        z.UpdateVelocity(metric);
        for (int i = 0; i < 50; i++) Leapfrog.Step(density, metric, z, 0.05);
        for (int i = 0; i < 11; i++)
        {
            Assert.That(z.Position[i], Is.EqualTo(q0[i]).Within(1e-10));
            Assert.That(-z.Momentum[i], Is.EqualTo(p0[i]).Within(1e-10));
        }
    }

    [Test]
    public void ReportsANonFiniteLogDensityAsInvalid()
    {
        var density = new FusedLogDensity((x, g) => { g[0] = -x[0]; return x[0] > 1 ? double.NaN : -0.5 * x[0] * x[0]; }, 1);
        var metric = new UnitMetric(1);
        var z = Start(density, metric, [0.9], [5.0]);
        Assert.That(Leapfrog.Step(density, metric, z, 0.1), Is.False);
    }
}
