using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class Float32Tests
{
    // 19 elements: two Vector<float> blocks on AVX2 plus a tail.
    private static readonly double[] Points = Enumerable.Range(0, 19).Select(i => -2.7 + 0.31 * i).ToArray();

    private static float[] Single(double[] x) => x.Select(v => (float)v).ToArray();

    private static void AssertCloseToDouble(Func<Tensor<float>, Tensor<float>> f32, Func<Tensor<double>, Tensor<double>> f64, string name)
    {
        var single = f32(Tensor.FromVector<float>(Single(Points))).ToArray();
        var reference = f64(Tensor.FromVector<double>(Single(Points).Select(v => (double)v).ToArray())).ToArray();
        Assert.That(single, Has.Length.EqualTo(reference.Length));
        for (int i = 0; i < single.Length; i++)
            Assert.That(single[i], Is.EqualTo(reference[i]).Within(2e-6 * Math.Max(1, Math.Abs(reference[i]))), $"{name}[{i}]");
    }

    [Test]
    public void UnaryValuesAgreeWithDouble()
    {
        AssertCloseToDouble(t => t.Abs().Log1p(), t => t.Abs().Log1p(), "log1p");
        AssertCloseToDouble(t => t.Expm1(), t => t.Expm1(), "expm1");
        AssertCloseToDouble(t => t.Softplus(), t => t.Softplus(), "softplus");
        AssertCloseToDouble(t => t.LogSigmoid(), t => t.LogSigmoid(), "log-sigmoid");
        AssertCloseToDouble(t => t.Tanh(), t => t.Tanh(), "tanh");
        AssertCloseToDouble(t => t.Abs().Sqrt(), t => t.Abs().Sqrt(), "sqrt");
        AssertCloseToDouble(t => t.Clamp(-1f, 1f).Relu(), t => t.Clamp(-1, 1).Relu(), "clamp, relu");
        AssertCloseToDouble(t => t.Abs().Pow(1.5f), t => t.Abs().Pow(1.5), "pow");
    }

    [Test]
    public void ReductionValuesAgreeWithDouble()
    {
        AssertCloseToDouble(t => t.LogSumExp().Unsqueeze(0), t => t.LogSumExp().Unsqueeze(0), "log-sum-exp");
        AssertCloseToDouble(t => t.Softmax(), t => t.Softmax(), "softmax");
        AssertCloseToDouble(t => t.LogSoftmax(), t => t.LogSoftmax(), "log-softmax");
        AssertCloseToDouble(t => t[1..].Reshape(3, 6).Max(0), t => t[1..].Reshape(3, 6).Max(0), "max along axis");
        AssertCloseToDouble(t => TensorOps.Concat([t, t.Square()], 0).Mean().Unsqueeze(0), t => TensorOps.Concat([t, t.Square()], 0).Mean().Unsqueeze(0), "concat, mean");
        Assert.That(Tensor.FromVector(1e-30f).Log1p().ToScalar(), Is.EqualTo(1e-30f));
        Assert.That(Tensor.FromVector(100f).Softplus().ToScalar(), Is.EqualTo(100f));
    }

    [Test]
    public void SingleGradientAgreesWithDouble()
    {
        var g32 = Derivatives.Gradient<float>(t => (t.Softplus() * t.Sin()).Sum() + t.LogSumExp(), Single(Points));
        var g64 = Derivatives.Gradient<double>(t => (t.Softplus() * t.Sin()).Sum() + t.LogSumExp(), Single(Points).Select(v => (double)v).ToArray());
        for (int i = 0; i < g32.Length; i++)
            Assert.That(g32[i], Is.EqualTo(g64[i]).Within(1e-5 * Math.Max(1, Math.Abs(g64[i]))), $"gradient[{i}]");
    }
}
