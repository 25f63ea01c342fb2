using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Ops;

/// <summary>Helpers shared by the op tests: a scalar read-out that mixes all elements, and a third-order check.</summary>
internal static class OpCheck
{
    /// <summary>
    /// A scalar of y whose Hessian couples every element: Σ wᵢ yᵢ + 0.1·(Σ yᵢ)², with fixed distinct weights
    /// (so a wrong index in a backward rule changes the result).
    /// </summary>
    public static Tensor<double> Readout(Tensor<double> y)
    {
        var w = new double[y.Length];
        for (int i = 0; i < w.Length; i++) w[i] = 0.7 + 0.3 * i - 0.05 * i * i;
        var flat = y.Reshape(Shape.Vector(y.Length));
        var s = flat.Sum();
        return (flat * Tensor.FromVector<double>(w)).Sum() + s * s * 0.1;
    }

    /// <summary>
    /// Third derivatives: the gradient of uᵀ∇²f(x)v, recorded entirely with the differentiable backward rules
    /// (graph of a graph), against central differences of ∇²f·v along each coordinate.
    /// </summary>
    public static void CheckThirdOrder(Func<Tensor<double>, Tensor<double>> f, double[] x, double tolerance = 1e-5)
    {
        int n = x.Length;
        var u = new double[n];
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            u[i] = 0.3 + 0.1 * i;
            v[i] = 0.5 - 0.2 * i;
        }
        var tape = new Tape<double>();
        var xv = tape.Variable(x);
        var g = tape.Gradient(f(xv), xv, createGraph: true);
        var hv = tape.Gradient((g * tape.Constant(v, Shape.Vector(n))).Sum(), xv, createGraph: true, allowUnused: true);
        var third = tape.Gradient((hv * tape.Constant(u, Shape.Vector(n))).Sum(), xv, allowUnused: true).ToArray();

        double UHv(double[] point)
        {
            var h = Derivatives.HessianVectorProduct(f, point, v);
            double s = 0;
            for (int i = 0; i < n; i++) s += u[i] * h[i];
            return s;
        }
        DerivativeCheck.AssertClose(third, DerivativeCheck.FiniteGradient(UHv, x), tolerance, "third derivative ∇(uᵀHv)");
    }
}
