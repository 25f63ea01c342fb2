using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// A probability distribution whose parameters are tensors, batched like <c>torch.distributions</c>: the parameters
/// broadcast against each other to the <see cref="BatchShape"/>, one distribution per batch element, each over
/// values of <see cref="EventShape"/>. <see cref="LogProb"/> is differentiable (to any order the operations allow)
/// in the value and in every parameter that is recorded on a tape.
/// </summary>
/// <remarks>
/// Parameters are checked when the distribution is built (for tape tensors, their current values): an invalid
/// parameter or shapes that do not broadcast throw <see cref="ArgumentException"/> (or its subclass
/// <see cref="ShapeMismatchException"/>). A value outside the support has log-density −∞, never an exception;
/// a NaN value gives NaN.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Records the name used in messages and the shapes.</summary>
    protected Distribution(string name, Shape batchShape, Shape eventShape)
    {
        Name = name;
        BatchShape = batchShape;
        EventShape = eventShape;
    }

    /// <summary>The distribution's name, as it appears in error messages (for example "Normal").</summary>
    public string Name { get; }

    /// <summary>The broadcast shape of the parameters without the event dimensions: one distribution per element.</summary>
    public Shape BatchShape { get; }

    /// <summary>The shape of one draw: rank 0 for scalar distributions, [d] for a d-dimensional one.</summary>
    public Shape EventShape { get; }

    /// <summary>
    /// The log-density (or log-mass) of <paramref name="value"/>, elementwise over the batch: the value's shape
    /// (without the event dimensions) broadcasts with <see cref="BatchShape"/>, and the result has the broadcast
    /// shape. Sum it for the log-likelihood of independent values. −∞ outside the support.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is the default (none) tensor.</exception>
    /// <exception cref="ShapeMismatchException">The value's shape does not broadcast with the batch shape.</exception>
    public abstract Tensor<T> LogProb(Tensor<T> value);

    /// <summary>The shape of <see cref="LogProb"/>'s result for a value of a scalar distribution: value and batch shapes broadcast.</summary>
    /// <exception cref="ArgumentException">The value is the default (none) tensor.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both.</exception>
    protected Shape ScalarLogProbShape(Tensor<T> value)
    {
        DistributionArguments.RequireTensor(value, Name, nameof(value));
        return Shape.Broadcast(value.Shape, BatchShape, $"{Name}.LogProb (value and batch shapes)");
    }
}
