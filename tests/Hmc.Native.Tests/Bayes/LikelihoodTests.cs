using Hmc.Native.Bayes;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Bayes;

public class LikelihoodTests
{
    private static readonly double[] Logits = [0.5, -1.0, 2.0, 0.1, 0.3, -0.2];
    private static readonly double[] Labels = [2, 0];

    private static double LogSumExp(params double[] v) => Math.Log(v.Sum(Math.Exp));

    [Test]
    public void MultiClassLinearOutputIsTheCategoricalLogLikelihoodOfLogits()
    {
        var f = Tensor.FromSpan<double>(Logits, new Shape(2, 3));
        double expected = (2.0 - LogSumExp(0.5, -1, 2)) + (0.1 - LogSumExp(0.1, 0.3, -0.2));
        var value = Likelihood<double>.For(ModelLoss.MultiClassLinearOutput).LogLikelihood(f, Tensor.FromVector(Labels)).ToScalar();
        Assert.That(value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void MultiClassLogSoftmaxOutputSumsTheLabelledLogProbabilities()
    {
        var logp = Tensor.FromSpan<double>(Logits, new Shape(2, 3)).LogSoftmax(1);
        var value = Likelihood<double>.For(ModelLoss.MultiClassLogSoftmaxOutput).LogLikelihood(logp, Tensor.FromVector(Labels)).ToScalar();
        Assert.That(value, Is.EqualTo(logp.Values[2] + logp.Values[3]).Within(1e-12));
    }

    [Test]
    public void BinaryClassLinearOutputIsTheBernoulliLogLikelihoodOfLogits()
    {
        var f = Tensor.FromVector(0.3, -1.2, 2.5).Reshape(3, 1);
        var y = Tensor.FromVector(1.0, 0.0, 1.0);
        double expected = Math.Log(1 / (1 + Math.Exp(-0.3))) + Math.Log(1 - 1 / (1 + Math.Exp(1.2))) + Math.Log(1 / (1 + Math.Exp(-2.5)));
        var value = Likelihood<double>.For(ModelLoss.BinaryClassLinearOutput).LogLikelihood(f, y).ToScalar();
        Assert.That(value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void RegressionIsTheGaussianLogDensityWithSeveralOutputs()
    {
        var f = Tensor.FromSpan<double>([0.1, 0.2, 0.3, 0.4], new Shape(2, 2));
        var y = Tensor.FromSpan<double>([0.0, 0.5, 0.2, 1.0], new Shape(2, 2));
        const double tau = 3;
        double expected = new[] { (0.0, 0.1), (0.5, 0.2), (0.2, 0.3), (1.0, 0.4) }
            .Sum(p => MathNet.Numerics.Distributions.Normal.PDFLn(p.Item2, 1 / Math.Sqrt(tau), p.Item1));
        var value = Likelihood<double>.For(ModelLoss.Regression, tau).LogLikelihood(f, y).ToScalar();
        Assert.That(value, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void ALikelihoodSaysWhichLossItImplementsAndItsOutputPrecision()
    {
        foreach (var loss in Enum.GetValues<ModelLoss>())
        {
            var likelihood = Likelihood<double>.For(loss, 2.5);
            Assert.That(likelihood.Loss, Is.EqualTo(loss));
            Assert.That(likelihood.OutputPrecision, loss == ModelLoss.Regression ? Is.EqualTo(2.5) : Is.Null, $"{loss}");
        }

        var custom = Likelihood<double>.Custom("mine", (f, y) => f.Sum());
        Assert.That(custom.Loss, Is.Null);
        Assert.That(custom.OutputPrecision, Is.Null);
    }

    [Test]
    public void ThePriorGivesThePrecisionOfEveryElementAndItsNormaliser()
    {
        var model = new Sequential<double>(new Linear<double>(2, 3), new Linear<double>(3, 1));
        var prior = ModelPrior.For(model, [1, 2, 3, 4]);
        var precision = new double[prior.Dimension];
        prior.CopyPrecisionsTo(precision);
        double[] expected = [.. Enumerable.Repeat(1.0, 6), .. Enumerable.Repeat(2.0, 3), .. Enumerable.Repeat(3.0, 3), 4.0];
        Assert.That(precision, Is.EqualTo(expected));
        Assert.That(prior.LogNormalizer, Is.EqualTo(prior.AddLogDensity(new double[13], new double[13])).Within(1e-12));
        Assert.That(prior.LogNormalizer, Is.EqualTo(expected.Sum(t => 0.5 * Math.Log(t / (2 * Math.PI)))).Within(1e-12));
        var error = Assert.Throws<ArgumentException>(() => prior.CopyPrecisionsTo(new double[12]));
        Assert.That(error!.Message, Does.StartWith("The destination has 12 elements; the prior has 13 parameters."));
    }

    [Test]
    public void TheFusedCategoricalLikelihoodHasTheRightGradient()
    {
        var labels = Tensor.FromVector(Labels);
        DerivativeCheck.Check(t => t.Reshape(2, 3).CategoricalLogLikelihood(labels), Logits, secondOrder: false);
    }

    [Test]
    public void ALabelOutsideTheClassesThrows()
    {
        var f = Tensor.FromSpan<double>(Logits, new Shape(2, 3));
        var ex = Assert.Throws<ArgumentException>(() => f.CategoricalLogLikelihood(Tensor.FromVector(3.0, 0.0)));
        Assert.That(ex!.Message, Does.Contain("label 3"));
    }

    /// <summary>A module a user writes from the layers: nested children and a custom forward with a skip connection.</summary>
    private sealed class Residual : Module<double>
    {
        private readonly Linear<double> _first;
        private readonly Sequential<double> _rest;

        public Residual()
        {
            _first = RegisterModule("first", new Linear<double>(2, 3));
            _rest = RegisterModule("rest", new Sequential<double>(new Tanh<double>(), new Linear<double>(3, 2)));
        }

        public override Tensor<double> Forward(Tensor<double> input, ParameterVector<double> parameters)
        {
            var h = _first.Forward(input, ParametersOf(_first, parameters));
            return _rest.Forward(h, ParametersOf(_rest, parameters)) + input;
        }
    }

    [Test]
    public void AUserModuleWithNestedChildrenDifferentiatesCorrectly()
    {
        var model = new Residual();
        Assert.That(model.ParameterCount, Is.EqualTo(2 * 3 + 3 + 3 * 2 + 2));
        Assert.That(model.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "first.weight", "first.bias", "rest.1.weight", "rest.1.bias" }));
        var x = Tensor.FromSpan<double>([0.5, -0.3, 0.2, 0.8, -1.0, 0.1], new Shape(3, 2));
        var y = Tensor.FromVector(1.0, 0.0, 1.0);
        var density = ModelSampling.Posterior(model, x, y);
        var w = model.InitialParameters(3).Select(v => v).ToArray();
        var g = new double[w.Length];
        density.Evaluate(w, g);
        var fd = DerivativeCheck.FiniteGradient(v => density.Evaluate(v, new double[v.Length]), w);
        DerivativeCheck.AssertClose(g, fd, 1e-6, "gradient of the log-posterior");
    }
}
