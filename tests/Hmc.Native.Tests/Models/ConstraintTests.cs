using Hmc.Native.Autodiff;
using Hmc.Native.Models;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Models;

/// <summary>
/// Every constraint on several shapes: the round trips through the inverse, log|J| against a finite-difference
/// Jacobian of the free coordinates, and the gradient and Hessian of Σ w·y + log|J| through the tape.
/// </summary>
public class ConstraintTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(Constraint c, Shape shape, string name) => new TestCaseData(c, shape).SetName($"{{m}}({name} {shape})");
        yield return Case(Constraint.Real, Shape.Scalar, "real");
        yield return Case(Constraint.Real, new Shape(2, 2), "real");
        yield return Case(Constraint.Positive, Shape.Scalar, "positive");
        yield return Case(Constraint.Positive, new Shape(4), "positive");
        yield return Case(Constraint.Lower(-2.5), new Shape(3), "lower");
        yield return Case(Constraint.Upper(1.5), new Shape(2, 3), "upper");
        yield return Case(Constraint.Bounded(-2, 3), new Shape(4), "bounded");
        yield return Case(Constraint.Bounded(0, 1), Shape.Scalar, "bounded");
        yield return Case(Constraint.Simplex, new Shape(2), "simplex");
        yield return Case(Constraint.Simplex, new Shape(3), "simplex");
        yield return Case(Constraint.Simplex, new Shape(6), "simplex");
        yield return Case(Constraint.CholeskyCorrelation, new Shape(2, 2), "cholesky");
        yield return Case(Constraint.CholeskyCorrelation, new Shape(3, 3), "cholesky");
        yield return Case(Constraint.CholeskyCorrelation, new Shape(5, 5), "cholesky");
        yield return Case(Constraint.Ordered, new Shape(1), "ordered");
        yield return Case(Constraint.Ordered, new Shape(5), "ordered");
    }

    [TestCaseSource(nameof(Cases))]
    public void InverseUndoesForward(Constraint c, Shape shape)
    {
        foreach (int seed in new[] { 0, 1, 2 })
        {
            var x = ConstraintCheck.Point(c.UnconstrainedLength(shape), seed);
            var y = ConstraintCheck.Value(c, shape, x);
            Assert.That(c.Violation(y, shape), Is.Null, "a forward value must satisfy the constraint");
            var back = new double[x.Length];
            c.Inverse(y, shape, back);
            DerivativeCheck.AssertClose(back, x, 1e-12, "f⁻¹(f(x))");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ForwardUndoesInverse(Constraint c, Shape shape)
    {
        var y = ConstraintCheck.Value(c, shape, ConstraintCheck.Point(c.UnconstrainedLength(shape), 5));
        var x = new double[c.UnconstrainedLength(shape)];
        c.Inverse(y, shape, x);
        DerivativeCheck.AssertClose(ConstraintCheck.Value(c, shape, x), y, 1e-12, "f(f⁻¹(y))");
    }

    [TestCaseSource(nameof(Cases))]
    public void ValueHasTheConstrainedShape(Constraint c, Shape shape)
    {
        var tape = new Tape<double>();
        var (value, logJacobian) = c.Forward(tape.Variable(ConstraintCheck.Point(c.UnconstrainedLength(shape))), shape);
        Assert.That(value.Shape, Is.EqualTo(shape));
        Assert.That(logJacobian.Shape, Is.EqualTo(Shape.Scalar));
        Assert.That(value.IsOnTape && logJacobian.IsOnTape, Is.True, "both results are recorded on the input's tape");
    }

    [TestCaseSource(nameof(Cases))]
    public void LogJacobianMatchesFiniteDifferences(Constraint c, Shape shape)
    {
        foreach (int seed in new[] { 0, 3 })
        {
            var x = ConstraintCheck.Point(c.UnconstrainedLength(shape), seed);
            Assert.That(ConstraintCheck.LogJacobian(c, shape, x), Is.EqualTo(ConstraintCheck.FiniteLogJacobian(c, shape, x)).Within(1e-7));
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void DerivativesMatchFiniteDifferences(Constraint c, Shape shape)
    {
        var x = ConstraintCheck.Point(c.UnconstrainedLength(shape), 1);
        DerivativeCheck.Check(t => ConstraintCheck.Readout(c, shape, t), x);
    }

    private static IEnumerable<TestCaseData> ThirdOrderCases()
    {
        yield return new TestCaseData(Constraint.Positive, new Shape(3)).SetName("{m}(positive)");
        yield return new TestCaseData(Constraint.Bounded(-1, 2), new Shape(3)).SetName("{m}(bounded)");
        yield return new TestCaseData(Constraint.Simplex, new Shape(4)).SetName("{m}(simplex)");
        yield return new TestCaseData(Constraint.CholeskyCorrelation, new Shape(3, 3)).SetName("{m}(cholesky)");
        yield return new TestCaseData(Constraint.Ordered, new Shape(3)).SetName("{m}(ordered)");
    }

    [TestCaseSource(nameof(ThirdOrderCases))]
    public void ThirdDerivativesMatchFiniteDifferences(Constraint c, Shape shape)
    {
        var x = ConstraintCheck.Point(c.UnconstrainedLength(shape), 2);
        OpCheck.CheckThirdOrder(t => ConstraintCheck.Readout(c, shape, t), x);
    }

    [Test]
    public void KnownConstrainedValuesRoundTrip()
    {
        // A correlation matrix [[1, .3, -.2], [.3, 1, .4], [-.2, .4, 1]] and its Cholesky factor.
        double l21 = 0.3, l22 = Math.Sqrt(1 - 0.09), l31 = -0.2, l32 = (0.4 - l21 * l31) / l22, l33 = Math.Sqrt(1 - l31 * l31 - l32 * l32);
        var cases = new (Constraint C, Shape Shape, double[] Y)[]
        {
            (Constraint.Real, new Shape(3), [-4, 0, 2.5]),
            (Constraint.Positive, new Shape(2, 2), [0.3, 2, 7.5, 1e-3]),
            (Constraint.Lower(1), Shape.Scalar, [1.25]),
            (Constraint.Upper(-1), new Shape(2), [-3, -1.001]),
            (Constraint.Bounded(2, 5), new Shape(3), [2.001, 3.5, 4.9]),
            (Constraint.Simplex, new Shape(4), [0.1, 0.2, 0.3, 0.4]),
            (Constraint.Simplex, new Shape(3), [1e-6, 0.999998, 1e-6]),
            (Constraint.CholeskyCorrelation, new Shape(3, 3), [1, 0, 0, l21, l22, 0, l31, l32, l33]),
            (Constraint.Ordered, new Shape(4), [-2, -1.5, 0, 10]),
        };
        foreach (var (c, shape, y) in cases)
        {
            var x = new double[c.UnconstrainedLength(shape)];
            c.Inverse(y, shape, x);
            DerivativeCheck.AssertClose(ConstraintCheck.Value(c, shape, x), y, 1e-12, $"{c.Name}: f(f⁻¹(y))");
        }
    }

    [Test]
    public void SimplexCentreIsUniformAndCorrelationCentreIsTheIdentity()
    {
        Assert.That(ConstraintCheck.Value(Constraint.Simplex, new Shape(4), new double[3]), Is.EqualTo(new[] { 0.25, 0.25, 0.25, 0.25 }).Within(1e-15));
        Assert.That(ConstraintCheck.Value(Constraint.CholeskyCorrelation, new Shape(3, 3), new double[3]),
            Is.EqualTo(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 }));
    }

    [Test]
    public void CholeskyFactorHasUnitRowsAndAZeroUpperTriangle()
    {
        var shape = new Shape(4, 4);
        var l = ConstraintCheck.Value(Constraint.CholeskyCorrelation, shape, ConstraintCheck.Point(6, 4));
        for (int i = 0; i < 4; i++)
        {
            double squared = 0;
            for (int j = 0; j < 4; j++)
            {
                squared += l[i * 4 + j] * l[i * 4 + j];
                if (j > i) Assert.That(l[i * 4 + j], Is.Zero, $"L[{i}, {j}]");
            }
            Assert.That(squared, Is.EqualTo(1).Within(1e-15), $"row {i}");
            Assert.That(l[i * 4 + i], Is.Positive, $"L[{i}, {i}]");
        }
    }
}
