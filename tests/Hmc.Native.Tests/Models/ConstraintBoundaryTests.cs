using Hmc.Native.Autodiff;
using Hmc.Native.Models;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Models;

/// <summary>
/// Unconstrained values far out, where the constrained value rounds onto the boundary: the forward map and its
/// gradient never throw, and the log-Jacobian is never +∞ (finite, or −∞/NaN, which the sampler rejects).
/// </summary>
public class ConstraintBoundaryTests
{
    /// <summary>Forward on a tape and the gradient of Σ w·y + log|J| at <paramref name="x"/>, both without an exception.</summary>
    private static (double[] Value, double LogJacobian) ForwardOnTape(Constraint c, Shape shape, double[] x)
    {
        var tape = new Tape<double>();
        var xv = tape.Variable(x);
        var (value, logJacobian) = c.Forward(xv, shape);
        var result = (value.ToArray(), logJacobian.ToScalar());
        Assert.DoesNotThrow(() => Derivatives.Gradient(t => ConstraintCheck.Readout(c, shape, t), x));
        Assert.That(result.Item2, Is.Not.EqualTo(double.PositiveInfinity), "log|J| must not be +∞");
        return result;
    }

    [Test]
    public void PositiveUnderflowsToZeroWithAFiniteLogJacobian()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Positive, new Shape(2), [-800, 0.5]);
        Assert.That(y[0], Is.Zero);
        Assert.That(y[1], Is.EqualTo(Math.Exp(0.5)).Within(1e-15));
        Assert.That(logJ, Is.EqualTo(-799.5));
    }

    [Test]
    public void UpperBoundIsReachedWhenTheExponentialUnderflows()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Upper(1), new Shape(1), [-800]);
        Assert.That(y[0], Is.EqualTo(1));
        Assert.That(logJ, Is.EqualTo(-800));
    }

    [Test]
    public void BoundedStaysWithinItsBoundsWithAFiniteLogJacobian()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Bounded(-2, 3), new Shape(4), [40, -40, 800, -800]);
        Assert.That(y, Has.All.InRange(-2.0, 3.0));
        Assert.That(y[0], Is.EqualTo(3));
        Assert.That(y[2], Is.EqualTo(3));
        Assert.That(y[3], Is.EqualTo(-2));
        // log σ(x) + log σ(−x) = −|x| − 2 log(1 + e^−|x|), and 4 log 5 from the width.
        Assert.That(logJ, Is.EqualTo(-1680 + 4 * Math.Log(5)).Within(1e-9));
    }

    [Test]
    public void SimplexPutsAllTheMassOnOneElementWithoutAnException()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Simplex, new Shape(4), [800, -800, 0]);
        Assert.That(y, Has.All.InRange(0.0, 1.0));
        Assert.That(y[0], Is.EqualTo(1));
        Assert.That(y.Sum(), Is.EqualTo(1).Within(1e-15));
        Assert.That(double.IsFinite(logJ), Is.True, $"log|J| = {logJ}");
    }

    [Test]
    public void CholeskyFactorReachesAZeroDiagonalWithoutAnException()
    {
        var (l, logJ) = ForwardOnTape(Constraint.CholeskyCorrelation, new Shape(3, 3), [800, -800, 40]);
        Assert.That(l, Has.All.InRange(-1.0, 1.0));
        Assert.That(l[3], Is.EqualTo(1));
        Assert.That(l[4], Is.Zero, "L[1, 1] = sech(800) underflows");
        Assert.That(l[6], Is.EqualTo(-1));
        Assert.That(l[7], Is.Zero);
        Assert.That(l[8], Is.Zero);
        Assert.That(double.IsFinite(logJ), Is.True, $"log|J| = {logJ}");
    }

    [Test]
    public void CholeskyDiagonalKeepsItsDigitsWhereTanhRoundsToOne()
    {
        // tanh(40) is 1 in double precision, but √(1 − z²) = sech(40) comes from the stable log(1 − z²).
        var (l, logJ) = ForwardOnTape(Constraint.CholeskyCorrelation, new Shape(2, 2), [40]);
        Assert.That(l[2], Is.EqualTo(1));
        Assert.That(l[3], Is.EqualTo(1 / Math.Cosh(40)).Within(1e-12).Percent);
        Assert.That(logJ, Is.EqualTo(2 * Math.Log(1 / Math.Cosh(40))).Within(1e-12));
    }

    [Test]
    public void OrderedTiesWhenTheIncrementUnderflows()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Ordered, new Shape(3), [0.5, -800, 0]);
        Assert.That(y, Is.EqualTo(new[] { 0.5, 0.5, 1.5 }));
        Assert.That(logJ, Is.EqualTo(-800));
    }
}
