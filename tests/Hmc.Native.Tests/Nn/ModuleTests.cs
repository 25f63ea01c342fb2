using Hmc.Native.Autodiff;
using Hmc.Native.Nn;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Nn;

public class ModuleTests
{
    /// <summary>A smooth elementwise nonlinearity built from existing ops, standing in for an activation layer.</summary>
    private sealed class Square<T> : Module<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters) => input * input;
    }

    /// <summary>A user module: its own scale parameter, registered after two nested children, and a custom forward.</summary>
    private sealed class Custom : Module<double>
    {
        private readonly Sequential<double> _features;
        private readonly Linear<double> _head;
        private readonly ParameterSlot _scale;

        public Custom()
        {
            _features = RegisterModule("features", new Sequential<double>(new Conv2d<double>(1, 2, 3, padding: 1), new MaxPool2d<double>(2), new Flatten<double>()));
            _head = RegisterModule("head", new Linear<double>(8, 3));
            _scale = RegisterParameter("scale", Shape.Vector(3), ParameterInit.Constant(1.5));
        }

        public override Tensor<double> Forward(Tensor<double> input, ParameterVector<double> parameters)
        {
            var h = _features.Forward(input, ParametersOf(_features, parameters));
            return _head.Forward(h * h, ParametersOf(_head, parameters)) * parameters.Get(_scale);
        }
    }

    private static Sequential<T> MnistCnn<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => new(
        new Conv2d<T>(1, 20, 5), new MaxPool2d<T>(2), new Square<T>(),
        new Conv2d<T>(20, 50, 5), new MaxPool2d<T>(2), new Square<T>(),
        new Flatten<T>(), new Linear<T>(800, 500), new Square<T>(), new Linear<T>(500, 10));

    [Test]
    public void SequentialListsParametersInPyTorchOrder()
    {
        var model = MnistCnn<float>();
        Assert.That(model.ParameterCount, Is.EqualTo(431_080));
        var names = model.Parameters.Select(p => p.Name).ToArray();
        Assert.That(names, Is.EqualTo(new[] { "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias" }));
        var shapes = model.Parameters.Select(p => p.Shape).ToArray();
        Assert.That(shapes, Is.EqualTo(new[]
        {
            new Shape(20, 1, 5, 5), Shape.Vector(20), new Shape(50, 20, 5, 5), Shape.Vector(50),
            new Shape(500, 800), Shape.Vector(500), new Shape(10, 500), Shape.Vector(10),
        }));
        int offset = 0;
        foreach (var p in model.Parameters)
        {
            Assert.That(p.Offset, Is.EqualTo(offset), p.Name);
            offset += p.Length;
        }
    }

    [Test]
    public void NestedModulesListOwnParametersBeforeChildren()
    {
        var model = new Custom();
        Assert.That(model.Parameters.Select(p => (p.Name, p.Offset)), Is.EqualTo(new[]
        {
            ("scale", 0), ("features.0.weight", 3), ("features.0.bias", 21), ("head.weight", 23), ("head.bias", 47),
        }));
        Assert.That(model.ParameterCount, Is.EqualTo(50));
        Assert.That(model.ToString(), Does.Contain("(features): Sequential(").And.Contain("(0): Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))")
            .And.Contain("(head): Linear(in_features=8, out_features=3, bias=True)"));
    }

    [Test]
    public void CustomModuleForwardMatchesTheFunctionalOpsAndFiniteDifferences()
    {
        var model = new Custom();
        var theta = model.InitialParameters(3);
        Assert.That(theta[..3], Is.EqualTo(new[] { 1.5, 1.5, 1.5 }));
        var input = Tensor.FromSpan<double>(NaiveLayers.Random(2 * 1 * 4 * 4, 4), new Shape(2, 1, 4, 4));
        var p = model.Unflatten(theta);
        var h = input.Conv2d(Tensor.FromSpan<double>(p["features.0.weight"], new Shape(2, 1, 3, 3)), Tensor.FromVector<double>(p["features.0.bias"]), padding: 1)
            .MaxPool2d(2).Reshape(2, 8);
        var expected = ((h * h).Linear(Tensor.FromSpan<double>(p["head.weight"], new Shape(3, 8)), Tensor.FromVector<double>(p["head.bias"])) * Tensor.FromVector<double>(p["scale"])).ToArray();
        var actual = model.Forward(input, Tensor.FromVector<double>(theta));
        Assert.That(actual.Shape, Is.EqualTo(new Shape(2, 3)));
        DerivativeCheck.AssertClose(actual.ToArray(), expected, 1e-12, "custom module forward");
        var weights = Tensor.FromSpan<double>(NaiveLayers.Random(6, 5), new Shape(2, 3));
        DerivativeCheck.Check(t => (model.Forward(input, t) * weights).Sum(), theta, secondOrder: false);
    }

    [Test]
    public void SequentialGradientMatchesFiniteDifferences()
    {
        var model = new Sequential<double>(new Conv2d<double>(2, 3, 3, stride: 2, padding: 1), new Square<double>(), new AvgPool2d<double>(2),
            new Flatten<double>(), new Linear<double>(3 * 2 * 2, 4), new Square<double>(), new Linear<double>(4, 2, bias: false));
        var theta = model.InitialParameters(7);
        var input = Tensor.FromSpan<double>(NaiveLayers.Random(3 * 2 * 7 * 8, 8), new Shape(3, 2, 7, 8));
        DerivativeCheck.Check(t => model.Forward(input, t).Sum(), theta, secondOrder: false);
    }

    [Test]
    public void InitialParametersFollowPyTorchDefaultBoundsAndAreSeeded()
    {
        var model = MnistCnn<double>();
        var theta = model.InitialParameters(42);
        Assert.That(model.InitialParameters(42), Is.EqualTo(theta));
        Assert.That(model.InitialParameters(43), Is.Not.EqualTo(theta));
        var fanIn = new Dictionary<string, int> { ["0"] = 25, ["3"] = 500, ["7"] = 800, ["9"] = 500 };
        foreach (var p in model.Parameters)
        {
            double bound = 1 / Math.Sqrt(fanIn[p.Name.Split('.')[0]]);
            var v = theta.AsSpan(p.Offset, p.Length).ToArray();
            Assert.That(v.Max(), Is.LessThanOrEqualTo(bound), p.Name);
            Assert.That(v.Min(), Is.GreaterThanOrEqualTo(-bound), p.Name);
            if (p.Length < 1000) continue;
            // U(−a, a): mean 0 with sd a/√(3n); variance a²/3 with sd of the sample variance ≈ a²·√(4/45)/√n.
            double mean = v.Average(), variance = v.Select(x => (x - mean) * (x - mean)).Average();
            Assert.That(Math.Abs(mean) / (bound / Math.Sqrt(3 * v.Length)), Is.LessThan(4), p.Name + " mean");
            Assert.That(Math.Abs(variance - bound * bound / 3) / (bound * bound * Math.Sqrt(4.0 / 45 / v.Length)), Is.LessThan(4), p.Name + " variance");
        }
    }

    [Test]
    public void FlattenInvertsUnflattenAndRejectsBadDictionaries()
    {
        var model = new Custom();
        var theta = model.InitialParameters(1);
        var parts = model.Unflatten(theta);
        Assert.That(parts.Keys, Is.EqualTo(model.Parameters.Select(p => p.Name)));
        Assert.That(model.Flatten(parts), Is.EqualTo(theta));

        var missing = new Dictionary<string, double[]>(parts);
        missing.Remove("head.bias");
        Assert.That(Assert.Throws<ArgumentException>(() => model.Flatten(missing))!.Message, Does.Contain("'head.bias'").And.Contain("missing"));
        var wrong = new Dictionary<string, double[]>(parts) { ["scale"] = [1.0] };
        Assert.That(Assert.Throws<ArgumentException>(() => model.Flatten(wrong))!.Message, Does.Contain("'scale'").And.Contain("1 values"));
        var extra = new Dictionary<string, double[]>(parts) { ["tail.weight"] = [1.0] };
        Assert.That(Assert.Throws<ArgumentException>(() => model.Flatten(extra))!.Message, Does.Contain("tail.weight"));
        Assert.Throws<ArgumentException>(() => model.Unflatten(theta.AsSpan(1)));
    }

    [Test]
    public void ForwardChecksTheParameterVector()
    {
        var model = new Linear<double>(3, 2);
        var input = Tensor.Zeros<double>(new Shape(1, 3));
        var ex = Assert.Throws<ArgumentException>(() => model.Forward(input, Tensor.Zeros<double>(Shape.Vector(7))));
        Assert.That(ex!.Message, Does.Contain("8 parameters").And.Contain("7 elements"));
        Assert.Throws<ArgumentException>(() => model.Forward(input, Tensor.Zeros<double>(new Shape(2, 4))));
        var tooShort = new ParameterVector<double>(Tensor.Zeros<double>(Shape.Vector(8))).At(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(input, tooShort));
    }

    private sealed class LateRegistration : Module<double>
    {
        public LateRegistration(bool duplicate, bool dotted)
        {
            RegisterParameter("w", Shape.Vector(2), ParameterInit.Zeros);
            if (duplicate) RegisterModule("w", new Linear<double>(1, 1));
            if (dotted) RegisterParameter("a.b", Shape.Vector(1), ParameterInit.Zeros);
        }

        public void RegisterNow() => RegisterParameter("late", Shape.Vector(1), ParameterInit.Zeros);

        public void Adopt(Module<double> child) => RegisterModule("child", child);

        public override Tensor<double> Forward(Tensor<double> input, ParameterVector<double> parameters) => input;
    }

    [Test]
    public void RegistrationRulesAreEnforced()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new LateRegistration(duplicate: true, dotted: false))!.Message, Does.Contain("'w'"));
        Assert.That(Assert.Throws<ArgumentException>(() => new LateRegistration(duplicate: false, dotted: true))!.Message, Does.Contain("'.'"));
        var module = new LateRegistration(false, false);
        Assert.That(module.ParameterCount, Is.EqualTo(2));
        Assert.That(Assert.Throws<InvalidOperationException>(module.RegisterNow)!.Message, Does.Contain("constructor"));

        var shared = new Linear<double>(2, 2);
        _ = new Sequential<double>(shared);
        Assert.That(Assert.Throws<ArgumentException>(() => new Sequential<double>(shared))!.Message, Does.Contain("already the child"));
        var parent = new LateRegistration(false, false);
        Assert.Throws<ArgumentException>(() => parent.Adopt(parent));
    }

    [Test]
    public void GradientOfASmallCnnAllocatesNothingAfterWarmUp()
    {
        var model = new Sequential<double>(new Conv2d<double>(1, 2, 3), new MaxPool2d<double>(2), new Square<double>(),
            new Flatten<double>(), new Linear<double>(2 * 3 * 3, 3));
        var theta = model.InitialParameters(1);
        var input = Tensor.FromSpan<double>(NaiveLayers.Random(4 * 1 * 8 * 8, 2), new Shape(4, 1, 8, 8));
        var evaluator = new GradientEvaluator<double>(p => model.Forward(input, p).Sum());
        var gradient = new double[theta.Length];
        for (int i = 0; i < 20; i++) evaluator.ValueAndGradient(theta, gradient);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) evaluator.ValueAndGradient(theta, gradient);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void FloatCnnGradientAgreesWithDouble()
    {
        var modelF = MnistCnn<float>();
        var modelD = MnistCnn<double>();
        var theta = modelD.InitialParameters(5);
        var images = NaiveLayers.Random(3 * 784, 6);
        var gd = Derivatives.Gradient<double>(p => modelD.Forward(Tensor.FromSpan<double>(images, new Shape(3, 1, 28, 28)), p).Sum() * 1e-3, theta);
        var gf = Derivatives.Gradient<float>(p => modelF.Forward(Tensor.FromSpan(images.Select(v => (float)v).ToArray(), new Shape(3, 1, 28, 28)), p).Sum() * 1e-3f,
            theta.Select(v => (float)v).ToArray());
        double scale = gd.Max(Math.Abs);
        for (int i = 0; i < gd.Length; i++)
            Assert.That(Math.Abs(gf[i] - gd[i]), Is.LessThan(1e-4 * scale), $"gradient[{i}]");
    }
}
