using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

public class AllocationTests
{
    // Shapes and constants are made once: in an unoptimised (Debug) build a span of literal constants, as in
    // x.Reshape(2, 3), allocates on every call, which would hide what the ops themselves allocate.
    private static readonly Shape Matrix = new(2, 3);
    private static readonly Tensor<double> Weights = Tensor.FromSpan<double>([0.5, -1.0, 2.0, 0.25, 1.5, -0.5], Matrix);
    private static readonly Tensor<double> FlatWeights = Weights.Reshape(Shape.Vector(6));

    /// <summary>
    /// A log-density in the style of a small Bayesian model: a logistic likelihood, a softmax mixture term and
    /// priors on transformed parameters, touching each op in this folder.
    /// </summary>
    private static Tensor<double> LogDensity(Tensor<double> x)
    {
        var theta = x.Reshape(Matrix);
        var scale = x[..3].Softplus() + 1e-3;
        var logits = theta * Weights;
        var likelihood = logits.LogSigmoid().Sum() + logits.Square().Log1p().Clamp(0.01, 5.0).Mean();
        var mixture = theta.LogSumExp(1).Sum() + theta.LogSoftmax(0).Max() + theta.Softmax(1).Square().Sum() + theta.LogSumExp();
        var prior = -(scale.Log() + 0.5 * (x[3..] / scale).Square()).Sum() + x.Tanh().Abs().Sqrt().Sum();
        var shaped = TensorOps.Concat([theta, theta.Sigmoid()], 0).Relu().Mean(0).Sum()
                   + TensorOps.Stack([x[..3].Sin(), x[3..].Cos()], 1).Max(1).Sum()
                   + TensorOps.Where(x, x.Expm1(), x.Reciprocal()).Sum()
                   + x.Maximum(FlatWeights).Minimum(x.Square()).Square().Pow(x.Abs()).Sum()
                   + x.Abs().Pow(1.5).Sum() + x.Unsqueeze(0).Squeeze(0).Mean();
        return likelihood + mixture + prior + shaped;
    }

    [Test]
    public void GradientOfATypicalLogDensityAllocatesNothingAfterWarmUp()
    {
        var evaluator = new GradientEvaluator<double>(LogDensity);
        double[] x = [0.3, -0.2, 0.5, 0.1, -0.4, 0.2];
        var g = new double[x.Length];
        for (int i = 0; i < 10; i++) evaluator.ValueAndGradient(x, g);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) evaluator.ValueAndGradient(x, g);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, "bytes allocated by 1000 gradient evaluations");
        DerivativeCheck.AssertClose(g, DerivativeCheck.FiniteGradient(v => DerivativeCheck.Eval(LogDensity, v), x), 1e-6, "log-density gradient");
    }
}
