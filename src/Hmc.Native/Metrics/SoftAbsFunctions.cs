using Hmc.Native.Linalg;
using Hmc.Native.Ops;

namespace Hmc.Native.Metrics;

/// <summary>The SoftAbs map s(λ) = λ·coth(αλ) as a matrix function (Betancourt 2013, eq. 6).</summary>
internal sealed class SoftAbsFunction(double alpha) : IMatrixFunction
{
    public double Value(double lambda) => SoftAbsOp.Value(lambda, alpha);

    public double Derivative(double lambda) => SoftAbsOp.Derivative(lambda, alpha);
}

/// <summary>1/s(λ): the eigenvalue map of G⁻¹ for the SoftAbs metric.</summary>
internal sealed class InverseSoftAbsFunction(double alpha) : IMatrixFunction
{
    public double Value(double lambda) => 1 / SoftAbsOp.Value(lambda, alpha);

    public double Derivative(double lambda)
    {
        double s = SoftAbsOp.Value(lambda, alpha);
        return -SoftAbsOp.Derivative(lambda, alpha) / (s * s);
    }
}

/// <summary>log s(λ): the eigenvalue map whose trace is log det G for the SoftAbs metric.</summary>
internal sealed class LogSoftAbsFunction(double alpha) : IMatrixFunction
{
    public double Value(double lambda) => Math.Log(SoftAbsOp.Value(lambda, alpha));

    public double Derivative(double lambda) => SoftAbsOp.Derivative(lambda, alpha) / SoftAbsOp.Value(lambda, alpha);
}
