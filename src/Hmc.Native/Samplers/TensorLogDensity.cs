using Hmc.Native.Autodiff;
using Hmc.Native.Tensors;

namespace Hmc.Native.Samplers;

/// <summary>
/// A log-density written by the user with tensor operations, differentiated on a reused tape
/// (<see cref="GradientEvaluator{T}"/>): after warm-up an evaluation allocates nothing.
/// </summary>
public sealed class TensorLogDensity : ILogDensity
{
    private readonly Func<Tensor<double>, Tensor<double>> _function;
    private readonly GradientEvaluator<double> _evaluator;

    /// <summary>Wraps <paramref name="function"/>, a map from the rank-1 parameter tensor to a scalar log-density.</summary>
    public TensorLogDensity(Func<Tensor<double>, Tensor<double>> function, int dimension)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        _function = function;
        _evaluator = new GradientEvaluator<double>(function);
        Dimension = dimension;
    }

    /// <summary>The user's function.</summary>
    public Func<Tensor<double>, Tensor<double>> Function => _function;

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient) => _evaluator.ValueAndGradient(position, gradient);

    /// <inheritdoc />
    public ILogDensity Fork() => new TensorLogDensity(_function, Dimension);
}
