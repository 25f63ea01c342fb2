using BenchmarkDotNet.Attributes;
using Hmc.Native.Autodiff;
using Hmc.Native.Cli.Targets;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Benchmarks.Suites;

/// <summary>
/// Gradients, Hessians and a third-order quantity of the funnel, and the gradient of a 100-D dense multivariate
/// normal written with tensor ops, on the arena tape.
/// </summary>
[MemoryDiagnoser]
public class AutodiffBenchmarks
{
    private const int MvnDimension = 100;

    private readonly GradientEvaluator<double> _funnel = new(FunnelTarget.LogDensity);
    private readonly double[] _x = [0.3, 1, -0.5, 0.2, 0.8, -1.1, 0.4, 0.05, -0.3, 0.9, 0.6];
    private readonly double[] _g = new double[11];
    private readonly Tape<double> _tape = new();

    private readonly Tensor<double> _mvnPrecision = Tensor.FromSpan<double>(DensePrecision(MvnDimension, seed: 7), Shape.Matrix(MvnDimension, MvnDimension));
    private readonly Tensor<double> _mvnMean = Tensor.FromSpan<double>(Enumerable.Range(0, MvnDimension).Select(i => 0.01 * i).ToArray(), Shape.Vector(MvnDimension));
    private readonly double[] _mvnX = Enumerable.Range(0, MvnDimension).Select(i => Math.Sin(i)).ToArray();
    private readonly double[] _mvnG = new double[MvnDimension];
    private readonly GradientEvaluator<double> _mvn;

    /// <summary>Builds the evaluators.</summary>
    public AutodiffBenchmarks() => _mvn = new GradientEvaluator<double>(MvnLogDensity);

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

    /// <summary>log π and ∇log π of a 100-D dense normal, −½ (x−μ)ᵀ P (x−μ), recorded as Subtract, MatMul and Dot.</summary>
    [Benchmark]
    public double DenseMvn100Gradient() => _mvn.ValueAndGradient(_mvnX, _mvnG);

    private Tensor<double> MvnLogDensity(Tensor<double> x)
    {
        var d = x - _mvnMean;
        return -0.5 * d.Dot(_mvnPrecision.MatMul(d));
    }

    /// <summary>A fixed symmetric positive-definite n×n matrix (row-major): AᵀA/n + I with A uniform on (−1, 1).</summary>
    private static double[] DensePrecision(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < a.Length; i++) a[i] = 2 * random.NextDouble() - 1;
        var p = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++) s += a[k * n + i] * a[k * n + j];
                p[i * n + j] = s / n + (i == j ? 1 : 0);
            }
        return p;
    }
}
