// doc:begin log-density-usings
using Hmc.Native;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;
// doc:end log-density-usings
using Hmc.Native.Tests.Samplers;

namespace Hmc.Native.Tests.Docs;

/// <summary>The examples of docs/writing-a-log-density.md, each run and checked against what the guide says of it.</summary>
public class WritingALogDensityExamples
{
    // doc:begin broadcasting
    public static Tensor<double> Broadcasting()
    {
        var points = Tensor.FromSpan<double>([1, 2, 3, 4, 5, 6], new Shape(3, 2)); // [3, 2]
        var centre = Tensor.FromVector(1.0, 2.0);                                  // [2]: applies to every row
        var scale = Tensor.FromSpan<double>([1, 2, 4], new Shape(3, 1));           // [3, 1]: one value per row
        return (points - centre) / scale;                                          // [3, 2]: [[0, 0], [1, 1], [1, 1]]
    }
    // doc:end broadcasting

    [Test]
    public void BroadcastingAlignsTrailingAxes()
    {
        var z = Broadcasting();
        Assert.That(z.Shape, Is.EqualTo(new Shape(3, 2)));
        Assert.That(z.ToArray(), Is.EqualTo(new[] { 0.0, 0, 1, 1, 1, 1 }));
    }

    // doc:begin logistic-regression
    // log π(β) = Σᵢ log σ(sᵢ xᵢ·β) − ½‖β‖²/τ², with sᵢ = 2yᵢ − 1 for labels yᵢ ∈ {0, 1}, x [n, d].
    public static Func<Tensor<double>, Tensor<double>> LogisticRegression(double[,] x, double[] y, double priorSd)
    {
        var features = Tensor.FromMatrix(x);              // constants are built once, outside the function
        var signs = 2.0 * Tensor.FromVector<double>(y) - 1.0;
        double precision = 1 / (priorSd * priorSd);
        return beta =>
        {
            var logits = features.MatMul(beta);           // [n, d] · [d] → [n]
            var logLikelihood = (signs * logits).LogSigmoid().Sum();
            return logLikelihood - 0.5 * precision * (beta * beta).Sum();
        };
    }
    // doc:end logistic-regression

    private static (double[,] X, double[] Y) LogisticData()
    {
        var random = new Random(5);
        const int n = 40;
        var x = new double[n, 2];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = 2 * random.NextDouble() - 1;
            x[i, 1] = 2 * random.NextDouble() - 1;
            double p = 1 / (1 + Math.Exp(-(1.5 * x[i, 0] - 2 * x[i, 1])));
            y[i] = random.NextDouble() < p ? 1 : 0;
        }
        return (x, y);
    }

    private static double Sigmoid(double t) => 1 / (1 + Math.Exp(-t));

    /// <summary>Value, gradient Xᵀ(y − σ(Xβ)) − β/τ² and Hessian −Xᵀ diag(σ(1 − σ)) X − I/τ², computed with loops.</summary>
    private static (double Value, double[] Gradient, double[,] Hessian) LogisticClosedForm(double[,] x, double[] y, double priorSd, double[] beta)
    {
        int n = y.Length, d = beta.Length;
        double value = 0, precision = 1 / (priorSd * priorSd);
        var gradient = new double[d];
        var hessian = new double[d, d];
        for (int j = 0; j < d; j++)
        {
            value -= 0.5 * precision * beta[j] * beta[j];
            gradient[j] -= precision * beta[j];
            hessian[j, j] -= precision;
        }
        for (int i = 0; i < n; i++)
        {
            double t = 0;
            for (int j = 0; j < d; j++) t += x[i, j] * beta[j];
            double p = Sigmoid(t);
            value += y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
            for (int j = 0; j < d; j++)
            {
                gradient[j] += (y[i] - p) * x[i, j];
                for (int k = 0; k < d; k++) hessian[j, k] -= p * (1 - p) * x[i, j] * x[i, k];
            }
        }
        return (value, gradient, hessian);
    }

    // doc:begin derivatives
    public static (double Value, double[] Gradient, double[,] Hessian, double[] HessianTimesV) AllDerivatives(
        Func<Tensor<double>, Tensor<double>> logProb, double[] beta, double[] v)
    {
        var (value, gradient) = Derivatives.ValueAndGradient<double>(logProb, beta);
        double[,] hessian = Derivatives.Hessian<double>(logProb, beta);
        double[] hessianTimesV = Derivatives.HessianVectorProduct<double>(logProb, beta, v);
        return (value, gradient, hessian, hessianTimesV);
    }
    // doc:end derivatives

    [Test]
    public void DerivativesOfTheLogisticRegressionEqualTheClosedForm()
    {
        var (x, y) = LogisticData();
        double[] beta = [0.3, -0.8], v = [1.0, -2.0];
        var (value, gradient, hessian, hv) = AllDerivatives(LogisticRegression(x, y, priorSd: 2), beta, v);
        var expected = LogisticClosedForm(x, y, 2, beta);
        Assert.That(value, Is.EqualTo(expected.Value).Within(1e-10));
        Assert.That(gradient, Is.EqualTo(expected.Gradient).Within(1e-10));
        Assert.That(hessian, Is.EqualTo(expected.Hessian).Within(1e-10));
        for (int j = 0; j < 2; j++)
            Assert.That(hv[j], Is.EqualTo(expected.Hessian[j, 0] * v[0] + expected.Hessian[j, 1] * v[1]).Within(1e-10));
    }

    // doc:begin tape-by-hand
    public static (double[] Gradient, double[] SecondOrder) TapeByHand()
    {
        var tape = new Tape<double>();
        var x = tape.Variable([1.0, 2.0]);
        var y = (x * x * x).Sum();                             // y = Σ xᵢ³
        var g = tape.Gradient(y, x, createGraph: true);        // 3xᵢ², itself recorded on the tape
        var h = tape.Gradient((g * g).Sum(), x);               // ∂/∂x Σ 9xᵢ⁴ = 36xᵢ³
        return (g.ToArray(), h.ToArray());
    }
    // doc:end tape-by-hand

    [Test]
    public void TheRecordedGradientCanBeDifferentiatedAgain()
    {
        var (g, h) = TapeByHand();
        Assert.That(g, Is.EqualTo(new[] { 3.0, 12.0 }));
        Assert.That(h, Is.EqualTo(new[] { 36.0, 288.0 }));
    }

    // doc:begin gradient-evaluator
    public static double[] FindTheMode(Func<Tensor<double>, Tensor<double>> logProb, int dimension)
    {
        var evaluator = new GradientEvaluator<double>(logProb); // one tape, reset and reused by every call
        var theta = new double[dimension];
        var gradient = new double[dimension];
        for (int iteration = 0; iteration < 500; iteration++)
        {
            evaluator.ValueAndGradient(theta, gradient);        // allocates nothing after the first call
            for (int i = 0; i < dimension; i++) theta[i] += 0.05 * gradient[i];
        }
        return theta;
    }
    // doc:end gradient-evaluator

    [Test]
    public void GradientAscentWithTheEvaluatorReachesTheModeWithoutAllocating()
    {
        var (x, y) = LogisticData();
        var logProb = LogisticRegression(x, y, priorSd: 2);
        var mode = FindTheMode(logProb, 2);
        Assert.That(LogisticClosedForm(x, y, 2, mode).Gradient, Is.EqualTo(new[] { 0.0, 0.0 }).Within(1e-9), "the gradient vanishes at the mode");

        var evaluator = new GradientEvaluator<double>(logProb);
        var gradient = new double[2];
        for (int i = 0; i < 10; i++) evaluator.ValueAndGradient(mode, gradient);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) evaluator.ValueAndGradient(mode, gradient);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero, "bytes allocated by 1000 gradients");
    }

    // doc:begin fused-gradient
    public static SamplingResult SampleWithAHandWrittenGradient()
    {
        // log π(θ) = −½ Σ (θᵢ − 1)² and its gradient −(θᵢ − 1), in one pass.
        ValueAndGradientFunction logProb = (theta, gradient) =>
        {
            double sum = 0;
            for (int i = 0; i < theta.Length; i++)
            {
                double d = theta[i] - 1;
                gradient[i] = -d;
                sum += d * d;
            }
            return -0.5 * sum;
        };
        return Sampling.Sample(logProb, [0.0, 0.0], new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 500, Chains = 2, Seed = 3 });
    }
    // doc:end fused-gradient

    [Test]
    public void TheFusedFunctionSamplesItsGaussian() =>
        MomentCheck.AssertGaussianMoments(SampleWithAHandWrittenGradient(), [1.0, 1.0], [1.0, 0, 0, 1.0]);

    // doc:begin invalid-values
    // Gamma(3/2, 1): log π(x) = ½ log x − x for x > 0. There is no check of the support: at x < 0 the log is NaN,
    // which the sampler treats as a rejected proposal.
    public static SamplingResult SampleAPositiveParameter()
    {
        static Tensor<double> LogProb(Tensor<double> x) => (0.5 * x.Log() - x).Sum();
        return Sampling.Sample(LogProb, [1.0], new SampleOptions { NumSamples = 2000, StepSize = 0.5, NumStepsPerSample = 5, Chains = 2, Seed = 2 });
    }
    // doc:end invalid-values

    [Test]
    public void InvalidProposalsAreCountedAndTheDrawsStayInTheSupport()
    {
        var result = SampleAPositiveParameter();
        TestContext.Out.WriteLine($"invalid {result.InvalidProposals}, acceptance {result.AcceptanceRate}");
        Assert.That(result.InvalidProposals, Is.GreaterThan(0));
        Assert.That(result.Samples.All(d => d[0] > 0), Is.True, "no draw leaves the support");
        Assert.That(MomentCheck.ZScore(result, d => d[0], 1.5), Is.LessThan(3), "the mean of Gamma(3/2, 1) is 3/2");
    }

    // doc:begin check-finite
    public static string WhereDoesTheNaNComeFrom()
    {
        static Tensor<double> LogProb(Tensor<double> x) => (0.5 * x.Log() - x).Sum();
        var evaluator = new GradientEvaluator<double>(LogProb, new Tape<double> { CheckFinite = true });
        try
        {
            evaluator.Value([-1.0]);
            return "every value is finite";
        }
        catch (NonFiniteValueException ex)
        {
            return ex.Message;                                  // "Operation 'log' produced NaN at element 0."
        }
    }
    // doc:end check-finite

    [Test]
    public void ACheckingTapeNamesTheOperationThatProducedTheNaN() =>
        Assert.That(WhereDoesTheNaNComeFrom(), Is.EqualTo("Operation 'log' produced NaN at element 0."));

    // doc:begin exceptions
    public static LogDensityException? AFaultStopsTheRun()
    {
        static Tensor<double> LogProb(Tensor<double> theta)
        {
            if (theta.Values[0] > 2) throw new InvalidOperationException("the lookup table ends at 2");
            return -0.5 * (theta * theta).Sum();
        }
        try
        {
            Sampling.Sample(LogProb, [0.0], new SampleOptions { NumSamples = 1000, Seed = 1 });
            return null;
        }
        catch (LogDensityException ex)
        {
            return ex;     // ex.Position: the parameters; ex.InnerException: what the log-density threw
        }
    }
    // doc:end exceptions

    [Test]
    public void AnExceptionStopsTheRunWithThePositionAndTheCause()
    {
        var ex = AFaultStopsTheRun();
        Assert.That(ex, Is.Not.Null, "the chain reaches θ > 2 and the exception stops it");
        Assert.That(ex!.Position[0], Is.GreaterThan(2));
        Assert.That(ex.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(ex.Message, Does.Contain("InvalidOperationException").And.Contain("at parameters [").And.Contain("the lookup table ends at 2"));
    }
}
