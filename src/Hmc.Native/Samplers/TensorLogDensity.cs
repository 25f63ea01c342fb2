using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Tensors;

namespace Hmc.Native.Samplers;

/// <summary>
/// A log-density written by the user with tensor operations, differentiated on a reused tape
/// (<see cref="GradientEvaluator{T}"/>): after warm-up an evaluation allocates nothing. The tape carries the
/// <see cref="CpuParallelism"/> its matrix products and batch loops run under, so each chain of a run uses its share.
/// </summary>
public sealed class TensorLogDensity : IParallelLogDensity
{
    private readonly Func<Tensor<double>, Tensor<double>> _function;
    private readonly GradientEvaluator<double> _evaluator;

    /// <summary>Wraps <paramref name="function"/>, a map from the rank-1 parameter tensor to a scalar log-density.</summary>
    /// <param name="function">θ ↦ log π(θ).</param>
    /// <param name="dimension">The number of parameters.</param>
    /// <param name="parallelism">The threads an evaluation may use (null: the whole machine).</param>
    public TensorLogDensity(Func<Tensor<double>, Tensor<double>> function, int dimension, CpuParallelism? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        _function = function;
        _evaluator = new GradientEvaluator<double>(function, new Tape<double>(parallelism ?? CpuParallelism.ForMachine()));
        Dimension = dimension;
    }

    /// <summary>The user's function.</summary>
    public Func<Tensor<double>, Tensor<double>> Function => _function;

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient) => _evaluator.ValueAndGradient(position, gradient);

    /// <inheritdoc />
    public CpuParallelism Parallelism => _evaluator.Tape.Parallelism;

    /// <inheritdoc />
    public ILogDensity Fork() => Fork(Parallelism);

    /// <inheritdoc />
    public ILogDensity Fork(CpuParallelism parallelism) => new TensorLogDensity(_function, Dimension, parallelism);
}
