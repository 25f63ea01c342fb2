using BenchmarkDotNet.Attributes;
using Hmc.Native.Autodiff;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Benchmarks.Suites;

/// <summary>Gradients, Hessians and a third-order quantity of the funnel on the arena tape.</summary>
[MemoryDiagnoser]
public class AutodiffBenchmarks
{
    private readonly GradientEvaluator<double> _funnel = new(FunnelTarget.LogDensity);
    private readonly double[] _x = [0.3, 1, -0.5, 0.2, 0.8, -1.1, 0.4, 0.05, -0.3, 0.9, 0.6];
    private readonly double[] _g = new double[11];
    private readonly Tape<double> _tape = new();

    /// <summary>log π and ∇log π of the 11-D funnel.</summary>
    [Benchmark]
    public double FunnelGradient() => _funnel.ValueAndGradient(_x, _g);

    /// <summary>The 11×11 Hessian of the funnel (one recorded gradient, eleven backward passes).</summary>
    [Benchmark]
    public double[,] FunnelHessian() => Derivatives.Hessian<double>(FunnelTarget.LogDensity, _x);

    /// <summary>∇ of ⟨u, ∇²f u⟩ for the funnel: a third-order contraction (gradient of a Hessian-vector product).</summary>
    [Benchmark]
    public double FunnelThirdOrder()
    {
        _tape.Reset();
        var x = _tape.Variable(_x);
        var g = _tape.Gradient(FunnelTarget.LogDensity(x), x, createGraph: true);
        var u = _tape.Constant(_x, Shape.Vector(11));
        var hu = _tape.Gradient((g * u).Sum(), x, createGraph: true);
        var s = (hu * u).Sum();
        var third = _tape.Gradient(s, x);
        return third.Values[0];
    }
}
