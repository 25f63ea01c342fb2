using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class PowTests
{
    [Test]
    public void TensorExponentWithBroadcastingMatchesFiniteDifferences()
    {
        // x: the first 6 elements as [2, 3] (kept positive by exp); p: the last 3 as [3], broadcast over rows.
        double[] x = [0.3, -0.2, 0.5, 0.1, -0.4, 0.2, 1.7, 0.6, 2.3];
        static Tensor<double> F(Tensor<double> t)
        {
            var b = t[..6].Exp().Reshape(2, 3);
            var p = t[6..];
            return OpCheck.Readout(b.Pow(p));
        }
        DerivativeCheck.Check(F, x);
        OpCheck.CheckThirdOrder(F, x);
    }

    [Test]
    public void ScalarBaseBroadcastsAgainstAVectorExponent()
    {
        double[] x = [1.3, 0.4, -0.7, 2.0];
        DerivativeCheck.Check(t => OpCheck.Readout(t[..1].Reshape(Shape.Scalar).Exp().Pow(t[1..])), x);
        var y = Tensor.Scalar(2.0).Pow(Tensor.FromVector(0.5, 3.0, -1.0)).ToArray();
        Assert.That(y, Is.EqualTo(new[] { Math.Sqrt(2), 8.0, 0.5 }).Within(1e-15));
    }

    [Test]
    public void ExponentGradientAtZeroBaseIsZero()
    {
        var tape = new Tape<double>();
        var b = tape.Variable([0.0, 2.0]);
        var p = tape.Variable([1.5, 1.5]);
        var y = b.Pow(p).Sum();
        var grads = tape.Gradient(y, [b, p]);
        Assert.That(grads[1].ToArray()[0], Is.EqualTo(0.0));
        Assert.That(grads[1].ToArray()[1], Is.EqualTo(Math.Pow(2, 1.5) * Math.Log(2)).Within(1e-14));
        Assert.That(grads[0].ToArray(), Is.EqualTo(new[] { 0.0, 1.5 * Math.Sqrt(2) }).Within(1e-14));

        // The recorded (graph) rule agrees, including its second derivative in the exponent: ∂²/∂p² 0^p = 0.
        var g = tape.Gradient(b.Pow(p).Sum(), p, createGraph: true);
        Assert.That(g.ToArray()[0], Is.EqualTo(0.0));
        var h = tape.Gradient(g.Sum(), p).ToArray();
        Assert.That(h[0], Is.EqualTo(0.0));
        Assert.That(h[1], Is.EqualTo(Math.Pow(2, 1.5) * Math.Log(2) * Math.Log(2)).Within(1e-13));
    }

    [Test]
    public void NegativeBaseWithIntegerExponentHasAFiniteBaseGradient()
    {
        var grad = Derivatives.Gradient<double>(t => t.Pow(Tensor.FromVector(2.0, 3.0)).Sum(), [-1.5, -2.0]);
        Assert.That(grad, Is.EqualTo(new[] { -3.0, 12.0 }).Within(1e-14));
    }

    [Test]
    public void MismatchedShapesNameBoth()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor.Zeros<double>(new Shape(2, 3)).Pow(Tensor.Zeros<double>(new Shape(2))));
        Assert.That(ex!.Message, Does.Contain("pow").And.Contain("[2, 3]").And.Contain("[2]"));
    }
}
