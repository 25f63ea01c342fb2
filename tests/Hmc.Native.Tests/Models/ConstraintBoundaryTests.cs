using Hmc.Native.Autodiff;
using Hmc.Native.Models;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Models;

/// <summary>
/// Unconstrained values far out, where the constrained value rounds onto the boundary: the forward map and its
/// gradient never throw; the log-Jacobian is finite while the value stays inside the support and −∞ (or NaN for a NaN
/// input) once it lands on the boundary, which the sampler rejects.
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
    public void PositiveUnderflowsToZeroAndIsRejected()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Positive, new Shape(2), [-800, 0.5]);
        Assert.That(y[0], Is.Zero);
        Assert.That(y[1], Is.EqualTo(Math.Exp(0.5)).Within(1e-15));
        Assert.That(logJ, Is.EqualTo(double.NegativeInfinity));
        Assert.That(ForwardOnTape(Constraint.Positive, new Shape(2), [-700, 0.5]).LogJacobian, Is.EqualTo(-699.5), "exp(−700) is still positive");
    }

    [Test]
    public void LowerAndUpperBoundsAreReachedWhenTheExponentialUnderflowsOrOverflows()
    {
        Assert.That(ForwardOnTape(Constraint.Upper(1), new Shape(1), [-800]), Is.EqualTo((new[] { 1.0 }, double.NegativeInfinity)));
        Assert.That(ForwardOnTape(Constraint.Lower(3), new Shape(1), [-40]), Is.EqualTo((new[] { 3.0 }, double.NegativeInfinity)), "exp(−40) is absorbed by 3");
        Assert.That(ForwardOnTape(Constraint.Lower(3), new Shape(1), [800]), Is.EqualTo((new[] { double.PositiveInfinity }, double.NegativeInfinity)));
    }

    [Test]
    public void BoundedKeepsAFiniteLogJacobianNearItsBounds()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Bounded(0, 1), new Shape(2), [-40, 30]);
        Assert.That(y[0], Is.EqualTo(1 / (1 + Math.Exp(40))).Within(1e-12).Percent);
        Assert.That(y[1], Is.LessThan(1));
        // log σ(x) + log σ(−x) = −|x| − 2 log(1 + e^−|x|).
        Assert.That(logJ, Is.EqualTo(-70 - 2 * Math.Log(1 + Math.Exp(-30))).Within(1e-12));
    }

    [Test]
    public void BoundedRoundingOntoABoundIsRejected()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Bounded(-2, 3), new Shape(3), [40, -800, 0]);
        Assert.That(y, Is.EqualTo(new[] { 3, -2, 0.5 }));
        Assert.That(logJ, Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void SimplexNearAVertexKeepsAFiniteLogJacobian()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Simplex, new Shape(4), [30, -30, 0]);
        Assert.That(y, Has.All.Positive);
        Assert.That(y.Sum(), Is.EqualTo(1).Within(1e-15));
        Assert.That(double.IsFinite(logJ), Is.True, $"log|J| = {logJ}");
    }

    [Test]
    public void SimplexWithAllTheMassOnOneElementIsRejected()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Simplex, new Shape(4), [800, -800, 0]);
        Assert.That(y, Is.EqualTo(new[] { 1.0, 0, 0, 0 }));
        Assert.That(logJ, Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void CholeskyFactorWithAZeroDiagonalIsRejected()
    {
        var (l, logJ) = ForwardOnTape(Constraint.CholeskyCorrelation, new Shape(3, 3), [800, -800, 40]);
        Assert.That(l, Is.EqualTo(new double[] { 1, 0, 0, 1, 0, 0, -1, 0, 0 }), "sech(800) underflows");
        Assert.That(logJ, Is.EqualTo(double.NegativeInfinity));
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
    public void OrderedTieIsRejected()
    {
        var (y, logJ) = ForwardOnTape(Constraint.Ordered, new Shape(3), [0.5, -800, 0]);
        Assert.That(y, Is.EqualTo(new[] { 0.5, 0.5, 1.5 }));
        Assert.That(logJ, Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void InfiniteOrNaNInputGivesARejectedLogJacobianWithoutAnException()
    {
        Assert.That(ForwardOnTape(Constraint.Real, new Shape(2), [double.PositiveInfinity, 0]).LogJacobian, Is.EqualTo(double.NegativeInfinity));
        Assert.That(ForwardOnTape(Constraint.Positive, new Shape(1), [double.NaN]).LogJacobian, Is.NaN);
    }
}
