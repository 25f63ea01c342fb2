using Hmc.Native.Models;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Models;

/// <summary>The names, the violation sentences for values outside each support, and the exceptions of the inverse, the shapes and the factories.</summary>
public class ConstraintMessageTests
{
    [Test]
    public void NamesFollowStan()
    {
        Assert.That(Constraint.Real.Name, Is.EqualTo("real"));
        Assert.That(Constraint.Positive.Name, Is.EqualTo("lower=0"));
        Assert.That(Constraint.Lower(-2.5).Name, Is.EqualTo("lower=-2.5"));
        Assert.That(Constraint.Upper(1).Name, Is.EqualTo("upper=1"));
        Assert.That(Constraint.Bounded(0, 1).Name, Is.EqualTo("lower=0, upper=1"));
        Assert.That(Constraint.Simplex.Name, Is.EqualTo("simplex"));
        Assert.That(Constraint.CholeskyCorrelation.Name, Is.EqualTo("cholesky_factor_corr"));
        Assert.That(Constraint.Ordered.Name, Is.EqualTo("ordered"));
    }

    private static IEnumerable<TestCaseData> Violations()
    {
        static TestCaseData Case(Constraint c, Shape shape, double[] y, string message) => new TestCaseData(c, shape, y, message).SetName($"{{m}}({c.Name}, {message[..Math.Min(24, message.Length)]})");
        yield return Case(Constraint.Real, new Shape(2), [1, double.NaN], "element [1] is NaN, which is not a finite number.");
        yield return Case(Constraint.Positive, new Shape(2), [1, -0.5], "element [1] is -0.5, which is not greater than the lower bound 0.");
        yield return Case(Constraint.Positive, Shape.Scalar, [0], "the value is 0, which is not greater than the lower bound 0.");
        yield return Case(Constraint.Lower(1), new Shape(2, 2), [2, 3, 4, double.PositiveInfinity], "element [1, 1] is Infinity, which is not a finite number.");
        yield return Case(Constraint.Upper(2), new Shape(2), [2, 1], "element [0] is 2, which is not less than the upper bound 2.");
        yield return Case(Constraint.Bounded(0, 1), new Shape(3), [0.5, 0.25, 1.5], "element [2] is 1.5, which is not strictly between the bounds 0 and 1.");
        yield return Case(Constraint.Bounded(0, 1), new Shape(1), [0], "element [0] is 0, which is not strictly between the bounds 0 and 1.");
        yield return Case(Constraint.Simplex, new Shape(3), [0.5, 0.6, -0.1], "element [2] is -0.1, which is not positive (every element of a simplex lies in (0, 1)).");
        yield return Case(Constraint.Simplex, new Shape(3), [0.5, 0, 0.5], "element [1] is 0, which is not positive (every element of a simplex lies in (0, 1)).");
        yield return Case(Constraint.Simplex, new Shape(2), [0.5, 0.6], "the elements sum to 1.1, not 1 (tolerance 1E-08).");
        yield return Case(Constraint.CholeskyCorrelation, new Shape(2, 2), [1, 0.1, 0, 1], "element [0, 1] is 0.1, but a Cholesky factor is 0 above the diagonal.");
        yield return Case(Constraint.CholeskyCorrelation, new Shape(2, 2), [1, 0, 1, 0], "element [1, 1] is 0, but the diagonal of a Cholesky factor is positive.");
        yield return Case(Constraint.CholeskyCorrelation, new Shape(2, 2), [1, 0, 0.5, 0.5],
            "row 1 has squared length 0.5, not 1 (tolerance 1E-08), so L·Lᵀ is not a correlation matrix.");
        yield return Case(Constraint.CholeskyCorrelation, new Shape(2, 2), [1, 0, double.NaN, 1], "element [1, 0] is NaN, which is not a finite number.");
        yield return Case(Constraint.Ordered, new Shape(3), [0, 1, 1], "element [2] is 1, which is not greater than the element before it (1).");
        yield return Case(Constraint.Ordered, new Shape(2), [double.NegativeInfinity, 1], "element [0] is -Infinity, which is not a finite number.");
    }

    [TestCaseSource(nameof(Violations))]
    public void ViolationSaysWhichElementBreaksWhichRule(Constraint c, Shape shape, double[] y, string message) =>
        Assert.That(c.Violation(y, shape), Is.EqualTo(message));

    [TestCaseSource(nameof(Violations))]
    public void InverseThrowsTheViolation(Constraint c, Shape shape, double[] y, string message)
    {
        var x = new double[c.UnconstrainedLength(shape)];
        var e = Assert.Throws<ArgumentException>(() => c.Inverse(y, shape, x))!;
        Assert.That(e.Message, Does.StartWith($"{c.Name}: {message}"));
        Assert.That(e.ParamName, Is.EqualTo("constrained"));
    }

    [Test]
    public void ValuesInsideTheSupportHaveNoViolation()
    {
        Assert.That(Constraint.Simplex.Violation([0.3, 0.7 + 5e-9], new Shape(2)), Is.Null, "within the tolerance");
        Assert.That(Constraint.CholeskyCorrelation.Violation([1, 0, 0.6, 0.8], new Shape(2, 2)), Is.Null);
        Assert.That(Constraint.Ordered.Violation([-1, 0, 3], new Shape(3)), Is.Null);
        Assert.That(Constraint.Bounded(-1, 1).Violation([-0.999, 0.999], new Shape(2)), Is.Null);
    }

    [Test]
    public void ShapesOutsideAConstraintAreRejected()
    {
        static string Message(Constraint c, Shape shape) => Assert.Throws<ArgumentException>(() => c.UnconstrainedLength(shape))!.Message;
        Assert.That(Message(Constraint.Simplex, new Shape(1)), Does.StartWith("simplex: takes a vector of K ≥ 2 elements, not shape "));
        Assert.That(Message(Constraint.Simplex, new Shape(2, 2)), Does.StartWith("simplex: takes a vector of K ≥ 2 elements, not shape "));
        Assert.That(Message(Constraint.CholeskyCorrelation, new Shape(2, 3)), Does.StartWith("cholesky_factor_corr: takes a square K×K matrix with K ≥ 2, not shape "));
        Assert.That(Message(Constraint.CholeskyCorrelation, new Shape(1, 1)), Does.StartWith("cholesky_factor_corr: takes a square K×K matrix with K ≥ 2"));
        Assert.That(Message(Constraint.Ordered, Shape.Scalar), Does.StartWith("ordered: takes a vector of K ≥ 1 elements, not shape "));
        Assert.That(Constraint.Positive.UnconstrainedLength(new Shape(2, 3)), Is.EqualTo(6));
        Assert.That(Constraint.Simplex.UnconstrainedLength(new Shape(5)), Is.EqualTo(4));
        Assert.That(Constraint.CholeskyCorrelation.UnconstrainedLength(new Shape(4, 4)), Is.EqualTo(6));
    }

    [Test]
    public void ForwardRejectsAnUnconstrainedVectorOfTheWrongLength()
    {
        var e = Assert.Throws<ArgumentException>(() => Constraint.Simplex.Forward(Tensor.FromVector<double>(1, 2, 3), new Shape(3)))!;
        Assert.That(e.Message, Does.StartWith("simplex: a value of shape [3] takes an unconstrained vector of 2 elements, not shape [3]."));
        var m = Assert.Throws<ArgumentException>(() => Constraint.Real.Forward(Tensor.Zeros<double>(new Shape(2, 2)), new Shape(2, 2)))!;
        Assert.That(m.Message, Does.StartWith("real: a value of shape [2, 2] takes an unconstrained vector of 4 elements, not shape [2, 2]."));
    }

    [Test]
    public void InverseAndViolationRejectSpansOfTheWrongLength()
    {
        var e = Assert.Throws<ArgumentException>(() => Constraint.Positive.Inverse([1, 2], new Shape(2), new double[3]))!;
        Assert.That(e.Message, Does.StartWith("lower=0: a value of shape [2] has 2 unconstrained reals, not 3."));
        var v = Assert.Throws<ArgumentException>(() => Constraint.Ordered.Violation([1, 2], new Shape(3)))!;
        Assert.That(v.Message, Does.StartWith("ordered: 2 values cannot have shape [3]."));
    }

    [Test]
    public void FactoriesRejectBadBounds()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => Constraint.Lower(double.NaN))!.Message, Does.StartWith("Lower: the bound must be finite, not NaN."));
        Assert.That(Assert.Throws<ArgumentException>(() => Constraint.Upper(double.PositiveInfinity))!.Message, Does.StartWith("Upper: the bound must be finite, not Infinity."));
        Assert.That(Assert.Throws<ArgumentException>(() => Constraint.Bounded(1, 0))!.Message, Does.StartWith("Bounded: the lower bound 1 must be less than the upper bound 0."));
        Assert.That(Assert.Throws<ArgumentException>(() => Constraint.Bounded(0, double.NegativeInfinity))!.Message, Does.StartWith("Bounded: the bounds must be finite, not 0 and -Infinity."));
        Assert.That(Assert.Throws<ArgumentException>(() => Constraint.Bounded(-1e308, 1e308))!.Message, Does.StartWith("Bounded: the width of [-1E+308, 1E+308] overflows."));
    }
}
