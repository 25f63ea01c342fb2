using Hmc.Native.Bayes;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Nn;

/// <summary>
/// The recorded backward rules of the fused layer operations: Hessian, Hessian-vector product and third derivatives
/// against finite differences of the gradient, with the inputs, weights and biases all differentiated.
/// </summary>
public class RecordedBackwardTests
{
    private static double[] Point(int n, int seed) => NaiveLayers.Random(n, seed);

    private static Tensor<double> Part(Tensor<double> t, int start, params int[] shape)
    {
        int length = shape.Aggregate(1, (a, b) => a * b);
        return t.Slice(0, start..(start + length)).Reshape(new Shape(shape));
    }

    [Test]
    public void LinearHasRecordedSecondAndThirdDerivatives()
    {
        // x [3, 4], W [2, 4], b [2].
        Func<Tensor<double>, Tensor<double>> f = t => OpCheck.Readout(Part(t, 0, 3, 4).Linear(Part(t, 12, 2, 4), Part(t, 20, 2)).Tanh());
        var x = Point(22, 3);
        DerivativeCheck.Check(f, x);
        OpCheck.CheckThirdOrder(f, x);
    }

    [Test]
    public void LinearInsideAModuleReadsAndWritesItsRangeOfTheParameterVector()
    {
        var model = new Sequential<double>(new Linear<double>(3, 2), new Tanh<double>(), new Linear<double>(2, 2));
        var input = Tensor.FromSpan<double>(Point(12, 4), new Shape(4, 3));
        Func<Tensor<double>, Tensor<double>> f = w => OpCheck.Readout(model.Forward(input, w));
        var w = Point(model.ParameterCount, 5);
        DerivativeCheck.Check(f, w);
        OpCheck.CheckThirdOrder(f, w);
    }

    [TestCase(1, 1)]
    [TestCase(2, 0)]
    public void Conv2dHasRecordedSecondAndThirdDerivatives(int stride, int padding)
    {
        // x [1, 2, 5, 5], W [2, 2, 3, 3], b [2].
        Func<Tensor<double>, Tensor<double>> f = t =>
            OpCheck.Readout(Part(t, 0, 1, 2, 5, 5).Conv2d(Part(t, 50, 2, 2, 3, 3), Part(t, 86, 2), stride, padding).Tanh());
        var x = Point(88, 6);
        DerivativeCheck.Check(f, x);
        OpCheck.CheckThirdOrder(f, x);
    }

    [TestCase(true, 2, 2)]
    [TestCase(true, 3, 1)]
    [TestCase(false, 2, 2)]
    [TestCase(false, 3, 1)]
    public void PoolingHasRecordedSecondAndThirdDerivatives(bool max, int k, int stride)
    {
        Func<Tensor<double>, Tensor<double>> f = t =>
        {
            var x = t.Reshape(2, 1, 4, 5).Tanh();
            return OpCheck.Readout(max ? x.MaxPool2d(k, stride) : x.AvgPool2d(k, stride));
        };
        var point = Point(40, 7);
        DerivativeCheck.Check(f, point);
        OpCheck.CheckThirdOrder(f, point);
    }

    [Test]
    public void TheFusedCategoricalLikelihoodHasRecordedSecondAndThirdDerivatives()
    {
        var labels = Tensor.FromVector(2.0, 0.0, 1.0);
        Func<Tensor<double>, Tensor<double>> f = t => t.Reshape(3, 3).CategoricalLogLikelihood(labels) * t.Reshape(3, 3).Sum().Tanh();
        var point = Point(9, 8);
        DerivativeCheck.Check(f, point);
        OpCheck.CheckThirdOrder(f, point);
    }
}
