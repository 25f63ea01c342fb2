using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests;

/// <summary>
/// The one generic checker every op and distribution test uses (DESIGN.md principle 10a): gradient,
/// Hessian-vector product and Hessian against central finite differences, with fixed relative tolerances.
/// </summary>
public static class DerivativeCheck
{
    /// <summary>Central difference step for first derivatives (≈ cube root of machine epsilon).</summary>
    public const double Step = 1e-5;

    /// <summary>Checks ∇f, ∇²f·v and ∇²f at <paramref name="x"/> against finite differences of f and of ∇f.</summary>
    public static void Check(Func<Tensor<double>, Tensor<double>> f, double[] x, double tolerance = 1e-6, bool secondOrder = true)
    {
        var (value, grad) = Derivatives.ValueAndGradient(f, x);
        Assert.That(value, Is.EqualTo(Eval(f, x)).Within(1e-12).Percent, "value recorded on a tape differs from the eager value");
        var fdGrad = FiniteGradient(v => Eval(f, v), x);
        AssertClose(grad, fdGrad, tolerance, "gradient");
        if (!secondOrder) return;

        var hessian = Derivatives.Hessian(f, x);
        int n = x.Length;
        var fdHessian = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            var col = FiniteDerivative(v => Derivatives.Gradient(f, v), x, j);
            for (int i = 0; i < n; i++) fdHessian[i, j] = col[i];
        }
        AssertClose(Flatten(hessian), Flatten(fdHessian), tolerance * 10, "Hessian");

        var rng = new Random(17);
        var dir = new double[n];
        for (int i = 0; i < n; i++) dir[i] = rng.NextDouble() - 0.5;
        var hvp = Derivatives.HessianVectorProduct(f, x, dir);
        var expected = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) expected[i] += fdHessian[i, j] * dir[j];
        AssertClose(hvp, expected, tolerance * 10, "Hessian-vector product");
    }

    /// <summary>f(x) evaluated eagerly on constants (no tape).</summary>
    public static double Eval(Func<Tensor<double>, Tensor<double>> f, double[] x) =>
        f(Tensor.FromVector<double>(x)).ToScalar();

    /// <summary>Central finite-difference gradient of a scalar function.</summary>
    public static double[] FiniteGradient(Func<double[], double> f, double[] x, double h = Step)
    {
        var g = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            var xp = (double[])x.Clone();
            var xm = (double[])x.Clone();
            double hi = h * Math.Max(1, Math.Abs(x[i]));
            xp[i] += hi;
            xm[i] -= hi;
            g[i] = (f(xp) - f(xm)) / (2 * hi);
        }
        return g;
    }

    /// <summary>Central finite difference of a vector function along coordinate <paramref name="j"/>.</summary>
    public static double[] FiniteDerivative(Func<double[], double[]> f, double[] x, int j, double h = Step)
    {
        var xp = (double[])x.Clone();
        var xm = (double[])x.Clone();
        double hj = h * Math.Max(1, Math.Abs(x[j]));
        xp[j] += hj;
        xm[j] -= hj;
        var fp = f(xp);
        var fm = f(xm);
        var d = new double[fp.Length];
        for (int i = 0; i < d.Length; i++) d[i] = (fp[i] - fm[i]) / (2 * hj);
        return d;
    }

    /// <summary>Asserts |a−b| ≤ tol·max(1, |b|) elementwise.</summary>
    public static void AssertClose(double[] actual, double[] expected, double tolerance, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what + " length");
        for (int i = 0; i < actual.Length; i++)
        {
            double scale = Math.Max(1, Math.Abs(expected[i]));
            Assert.That(Math.Abs(actual[i] - expected[i]), Is.LessThanOrEqualTo(tolerance * scale),
                $"{what}[{i}]: {actual[i]} vs finite difference {expected[i]}");
        }
    }

    private static double[] Flatten(double[,] m)
    {
        var r = new double[m.Length];
        int k = 0;
        foreach (var v in m) r[k++] = v;
        return r;
    }
}
