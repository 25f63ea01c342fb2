// doc:begin network-usings
using Hmc.Native.Bayes;
using Hmc.Native.Data;
using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
// doc:end network-usings
using Hmc.Native.Tests.Samplers;
using MathNet.Numerics.LinearAlgebra;

namespace Hmc.Native.Tests.Docs;

/// <summary>The examples of docs/bayesian-networks.md, each run and checked against what the guide says of it.</summary>
public class BayesianNetworksExamples
{
    // doc:begin sequential
    public static string DescribeANetwork()
    {
        var model = new Sequential<double>(new Linear<double>(1, 16), new Tanh<double>(), new Linear<double>(16, 1));
        var lines = model.Parameters.Select(p => $"{p.Name} {p.Shape} at {p.Offset}");
        return $"{model}\n{model.ParameterCount} parameters:\n{string.Join("\n", lines)}";
    }
    // doc:end sequential

    [Test]
    public void ASequentialListsItsParametersInPyTorchOrder() =>
        Assert.That(DescribeANetwork(), Is.EqualTo(
            "Sequential(\n  (0): Linear(in_features=1, out_features=16, bias=True)\n  (1): Tanh()\n  (2): Linear(in_features=16, out_features=1, bias=True)\n)\n" +
            "49 parameters:\n0.weight [16, 1] at 0\n0.bias [16] at 16\n2.weight [1, 16] at 32\n2.bias [1] at 48"));

    // doc:begin user-module
    // y = head(x + scale ⊙ body(x)), with body = tanh(Linear(x)): one parameter of its own and two children,
    // the first of which has children of its own.
    public sealed class ResidualNetwork : Module<double>
    {
        private readonly ParameterSlot _scale;
        private readonly Sequential<double> _body;
        private readonly Linear<double> _head;

        public ResidualNetwork(int features, int outputs)
        {
            _scale = RegisterParameter("scale", Shape.Vector(features), ParameterInit.Constant(0.5));
            _body = RegisterModule("body", new Sequential<double>(new Linear<double>(features, features), new Tanh<double>()));
            _head = RegisterModule("head", new Linear<double>(features, outputs));
        }

        public override Tensor<double> Forward(Tensor<double> input, ParameterVector<double> parameters)
        {
            var h = _body.Forward(input, ParametersOf(_body, parameters));
            return _head.Forward(input + parameters.Get(_scale) * h, ParametersOf(_head, parameters));
        }
    }
    // doc:end user-module

    [Test]
    public void AUserModuleLaysOutItsOwnParametersThenEachChildsAndDifferentiates()
    {
        var model = new ResidualNetwork(3, 2);
        Assert.That(model.Parameters.Select(p => (p.Name, p.Offset)), Is.EqualTo(new[]
        {
            ("scale", 0), ("body.0.weight", 3), ("body.0.bias", 12), ("head.weight", 15), ("head.bias", 21),
        }));
        Assert.That(model.ParameterCount, Is.EqualTo(23));

        var theta = model.InitialParameters(seed: 1);
        var p = model.Unflatten(theta);
        Assert.That(p["scale"], Is.EqualTo(new[] { 0.5, 0.5, 0.5 }));
        double[] input = [0.3, -1.2, 0.7, 2.0, 0.1, -0.4];
        var output = model.Forward(Tensor.FromSpan<double>(input, new Shape(2, 3)), Tensor.FromVector<double>(theta)).ToArray();
        for (int row = 0; row < 2; row++)
        {
            var x = input.AsSpan(row * 3, 3);
            var z = new double[3];
            for (int j = 0; j < 3; j++)
            {
                double body = p["body.0.bias"][j];
                for (int k = 0; k < 3; k++) body += p["body.0.weight"][j * 3 + k] * x[k];
                z[j] = x[j] + p["scale"][j] * Math.Tanh(body);
            }
            for (int o = 0; o < 2; o++)
            {
                double y = p["head.bias"][o];
                for (int j = 0; j < 3; j++) y += p["head.weight"][o * 3 + j] * z[j];
                Assert.That(output[row * 2 + o], Is.EqualTo(y).Within(1e-12));
            }
        }
        var inputs = Tensor.FromSpan<double>(input, new Shape(2, 3));
        DerivativeCheck.Check(t => model.Forward(inputs, t).Sum(), theta, secondOrder: false);
    }

    private const int Rows = 40;
    private const double TauOut = 4;

    /// <summary>y = 1.5 x₁ − 0.7 x₂ + 0.3 + N(0, 0.5²) noise, and the exact posterior of (w₁, w₂, b) under N(0, 1) priors.</summary>
    private static (Tensor<double> X, Tensor<double> Y, double[] Mean, double[] Covariance) RegressionProblem()
    {
        var random = new Random(12);
        var x = new double[Rows * 2];
        var y = new double[Rows];
        for (int i = 0; i < Rows; i++)
        {
            x[2 * i] = 2 * random.NextDouble() - 1;
            x[2 * i + 1] = 2 * random.NextDouble() - 1;
            double noise = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            y[i] = 1.5 * x[2 * i] - 0.7 * x[2 * i + 1] + 0.3 + 0.5 * noise;
        }
        var z = Matrix<double>.Build.Dense(Rows, 3, (i, j) => j < 2 ? x[2 * i + j] : 1.0);
        var precision = Matrix<double>.Build.DenseIdentity(3) + TauOut * z.TransposeThisAndMultiply(z);
        var covariance = precision.Inverse();
        var mean = covariance * (TauOut * z.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(y)));
        return (Tensor.FromSpan<double>(x, new Shape(Rows, 2)), Tensor.FromSpan<double>(y, new Shape(Rows, 1)), mean.ToArray(), covariance.ToRowMajorArray());
    }

    // doc:begin sample-model
    public static SamplingResult BayesianLinearRegression(Tensor<double> x, Tensor<double> y)
    {
        var model = new Linear<double>(2, 1);                   // f(x) = x·wᵀ + b, for x [N, 2] and y [N, 1]
        var modelOptions = new ModelOptions
        {
            ModelLoss = ModelLoss.Regression, TauOut = 4,       // y ~ N(f(x), 1/4)
            TauList = [1.0, 1.0],                               // w ~ N(0, 1), b ~ N(0, 1): one precision per tensor
        };
        var options = new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 500, Chains = 4, Seed = 17 };
        return ModelSampling.SampleModel(model, x, y, options: options, modelOptions: modelOptions);
    }
    // doc:end sample-model

    [Test]
    public void SampleModelReproducesTheExactPosteriorOfALinearRegression()
    {
        var (x, y, mean, covariance) = RegressionProblem();
        var result = BayesianLinearRegression(x, y);
        Assert.That(result.ParameterNames, Is.EqualTo(new[] { "weight.1", "weight.2", "bias" }));
        MomentCheck.AssertGaussianMoments(result, mean, covariance, correlations: true);

        var xNew = Tensor.FromSpan<double>([0.5, 0.5, -1.0, 0.2], new Shape(2, 2));
        var prediction = PosteriorMeanPrediction(result, xNew);
        var weights = Enumerable.Range(0, 3).Select(j => result.Samples.Average(s => s[j])).ToArray();
        for (int i = 0; i < 2; i++)
        {
            double expected = weights[0] * xNew.Values[2 * i] + weights[1] * xNew.Values[2 * i + 1] + weights[2];
            Assert.That(prediction[i], Is.EqualTo(expected).Within(1e-10), "a linear model's mean prediction is the prediction at the mean weights");
        }
    }

    // doc:begin predict-model
    public static double[] PosteriorMeanPrediction(SamplingResult result, Tensor<double> xNew)
    {
        var model = new Linear<double>(2, 1);                   // the architecture the draws belong to
        var (predictions, shape, _) = ModelSampling.PredictModel(model, result.Samples, xNew); // [S, N, 1]
        int samples = shape[0], n = shape[1];
        var mean = new double[n];
        for (int s = 0; s < samples; s++)
            for (int i = 0; i < n; i++) mean[i] += predictions[s * n + i] / samples;
        return mean;
    }
    // doc:end predict-model

    // doc:begin predicting-sink
    // Adds each kept draw's class probabilities on the evaluation inputs to a running posterior-predictive mean.
    public sealed class PredictingSink(Module<float> model, Tensor<float> inputs, PosteriorPredictive predictive) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, IEuclideanMetric? metric) { }

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position) =>
            predictive.Add<float>(ModelSampling.Output(model, position, inputs));

        public void Dispose() { }
    }
    // doc:end predicting-sink

    // doc:begin streaming
    public static (SamplingResult Result, PosteriorPredictive Predictive) ClassifyWithoutStoringDraws(
        Tensor<float> x, Tensor<float> y, Tensor<float> xTest, int[] testLabels)
    {
        var model = new Linear<float>(2, 3);                    // the logits of three classes; y holds 0, 1, 2
        var predictive = new PosteriorPredictive(testLabels, classes: 3);
        var options = new SampleOptions
        {
            Sampler = Sampler.Nuts, NumSamples = 500, Burn = 300, Chains = 1, Seed = 4,
            StoreDraws = false,                                 // keep the statistics, not the weight vectors
            DrawSinkFactory = chain => new PredictingSink(model, xTest, predictive),
        };
        var result = ModelSampling.SampleModel(model, x, y, options: options);
        return (result, predictive);
    }
    // doc:end streaming

    /// <summary>Three well-separated Gaussian blobs in the plane, labelled 0, 1, 2.</summary>
    private static (Tensor<float> X, Tensor<float> Y, int[] Labels) Blobs(int perClass, int seed)
    {
        double[][] centres = [[-2, 0], [2, 0], [0, 2.5]];
        var random = new Random(seed);
        int n = 3 * perClass;
        var x = new float[2 * n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            int c = i % 3;
            labels[i] = c;
            for (int j = 0; j < 2; j++)
                x[2 * i + j] = (float)(centres[c][j] + 0.5 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
        return (Tensor.FromSpan<float>(x, new Shape(n, 2)), Tensor.FromSpan<float>(labels.Select(l => (float)l).ToArray(), Shape.Vector(n)), labels);
    }

    [Test]
    public void PredictionsStreamThroughASinkWhileNoDrawIsStored()
    {
        var (x, y, _) = Blobs(30, 1);
        var (xTest, _, testLabels) = Blobs(50, 2);
        var (result, predictive) = ClassifyWithoutStoringDraws(x, y, xTest, testLabels);
        TestContext.Out.WriteLine($"accuracy {predictive.Accuracy}, first sample {predictive.PerSampleAccuracy[0]}");
        Assert.That(result.Chains[0].Draws, Is.Empty);
        Assert.That(result.Chains[0].Statistics, Has.Count.EqualTo(500));
        Assert.That(predictive.Count, Is.EqualTo(500));
        Assert.That(predictive.RunningAccuracy, Has.Count.EqualTo(500));
        Assert.That(predictive.Accuracy, Is.GreaterThanOrEqualTo(0.95));
    }

    // doc:begin split-model
    public static SamplingResult SplitRegression(Tensor<double> x, Tensor<double> y, Integrator integrator)
    {
        var splits = new List<(Tensor<double> X, Tensor<double> Y)>();
        for (int k = 0; k < 4; k++)                             // four splits of 10 rows
            splits.Add((x[(10 * k)..(10 * k + 10)], y[(10 * k)..(10 * k + 10)]));
        var options = new SampleOptions
        {
            Integrator = integrator,                            // Splitting, SplittingRandom or SplittingKMid
            NumSamples = 1000, Burn = 200, StepSize = 0.05, NumStepsPerSample = 6, Chains = 2, Seed = 23,
        };
        var modelOptions = new ModelOptions { ModelLoss = ModelLoss.Regression, TauOut = 4, TauList = [1.0, 1.0] };
        return ModelSampling.SampleSplitModel(new Linear<double>(2, 1), splits, options: options, modelOptions: modelOptions);
    }
    // doc:end split-model

    [TestCase(Integrator.Splitting)]
    [TestCase(Integrator.SplittingRandom)]
    [TestCase(Integrator.SplittingKMid)]
    public void EverySplittingIntegratorSamplesTheExactPosterior(Integrator integrator)
    {
        var (x, y, mean, covariance) = RegressionProblem();
        var result = SplitRegression(x, y, integrator);
        TestContext.Out.WriteLine($"{integrator}: acceptance {result.AcceptanceRate}");
        MomentCheck.AssertGaussianMoments(result, mean, covariance, correlations: true);
    }

    // doc:begin mnist
    public static (Tensor<float> Logits, int Parameters, string Directory) MnistNetwork()
    {
        string directory = Mnist.DefaultDirectory();            // ../shared/data/mnist if present, else data/mnist-subset
        var data = Mnist.Load<float>(directory, train: 100, validation: 10);
        var model = MnistCnn.Create<float>();                   // hamiltorch's CNN: 431,080 weights
        var weights = Tensor.FromVector<float>(model.InitialParameters(seed: 0));
        var logits = model.Forward(data.Validation.ImageTensor(), weights); // [10, 10]
        return (logits, model.ParameterCount, data.Directory);
    }
    // doc:end mnist

    [Test]
    public void TheMnistNetworkLoadsItsDataAndMapsDigitsToLogits()
    {
        var (logits, parameters, directory) = MnistNetwork();
        TestContext.Out.WriteLine(directory);
        Assert.That(parameters, Is.EqualTo(431_080));
        Assert.That(logits.Shape, Is.EqualTo(new Shape(10, 10)));
        Assert.That(logits.ToArray().All(float.IsFinite), Is.True);
        Assert.That(Path.GetFileName(directory), Is.EqualTo("mnist").Or.EqualTo("mnist-subset"));
    }
}
