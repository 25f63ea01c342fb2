using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// A probability distribution whose parameters are tensors, batched like <c>torch.distributions</c>: the parameters
/// broadcast against each other to the <see cref="BatchShape"/>, one distribution per batch element, each over
/// values of <see cref="EventShape"/>. <see cref="LogProb"/> is differentiable (to any order the operations allow)
/// in the value and in every parameter that is recorded on a tape.
/// </summary>
/// <remarks>
/// <para>
/// Parameters are checked when the distribution is built, by one rule (NumPyro's <c>validate_args</c> lesson: a
/// check that throws inside a log-density aborts a whole sampling run at the first proposal that went somewhere
/// bad). Shapes are programming errors: shapes that do not broadcast, a none tensor or a parameter of the wrong
/// rank always throw <see cref="ArgumentException"/> (or its subclass <see cref="ShapeMismatchException"/>). The
/// values of a <em>constant</em> parameter (a heap tensor: data, hyper-parameters) are checked too, and an invalid
/// one throws <see cref="ArgumentException"/> with a message that names the distribution, the parameter, the rule
/// and the first offending element. A parameter <em>recorded on a tape</em> (a function of the sampled point) is
/// never a reason to throw: where its current value is invalid, <see cref="LogProb"/> is −∞ for the affected batch
/// elements, which a sampler rejects as an invalid proposal. Before the formula runs, such elements are replaced by
/// a safe value (the "double where" idiom of <see cref="Support"/>), so the result is on the tape, the other elements
/// keep their values and gradients, and the gradient through an invalid element is exactly 0. A property that
/// returns such a parameter returns it with the replacement made.
/// </para>
/// <para>A value outside the support has log-density −∞, never an exception; a NaN value gives NaN.</para>
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public abstract class Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>0/1 over a shape that broadcasts to <see cref="BatchShape"/>: 0 where a tape parameter is invalid; none when all are valid.</summary>
    private Tensor<T> _validParameters;

    /// <summary>Records the name used in messages and the shapes.</summary>
    private protected Distribution(string name, Shape batchShape, Shape eventShape)
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
    /// shape. Sum it for the log-likelihood of independent values. −∞ outside the support, and −∞ for the batch
    /// elements whose tape parameters are invalid (see the remarks of <see cref="Distribution{T}"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is the default (none) tensor.</exception>
    /// <exception cref="ShapeMismatchException">The value's shape does not broadcast with the batch shape.</exception>
    public Tensor<T> LogProb(Tensor<T> value) => Support.Restrict(_validParameters, LogProbCore(value));

    /// <summary>The log-density formula of the concrete distribution, with the parameters as checked (invalid tape elements replaced).</summary>
    private protected abstract Tensor<T> LogProbCore(Tensor<T> value);

    /// <summary>The shape of <see cref="LogProb"/>'s result for a value of a scalar distribution: value and batch shapes broadcast.</summary>
    /// <exception cref="ArgumentException">The value is the default (none) tensor.</exception>
    /// <exception cref="ShapeMismatchException">The shapes do not broadcast; the message names both.</exception>
    private protected Shape ScalarLogProbShape(Tensor<T> value)
    {
        DistributionArguments.RequireTensor(value, Name, nameof(value));
        return Shape.Broadcast(value.Shape, BatchShape, $"{Name}.LogProb (value and batch shapes)");
    }

    /// <summary>
    /// Checks every element of <paramref name="parameter"/> against <paramref name="rule"/>. A constant that breaks it
    /// throws; a tape tensor that breaks it is returned with the offending elements replaced by the rule's safe value,
    /// and the batch elements they belong to (the parameter's shape without its last <paramref name="eventAxes"/>
    /// axes, an element invalid when any element of its event is) get log-density −∞.
    /// </summary>
    /// <returns>The parameter to compute with: itself when every element is valid.</returns>
    /// <exception cref="ArgumentException">The parameter is none, or a constant with an element that breaks the rule.</exception>
    private protected Tensor<T> Checked(Tensor<T> parameter, string name, ParameterRule<T> rule, int eventAxes = 0)
    {
        DistributionArguments.RequireTensor(parameter, Name, name);
        var values = parameter.Values;
        int first = 0;
        while (first < values.Length && rule.IsValid(values[first])) first++;
        if (first == values.Length) return parameter;
        if (parameter.Tape is not { } tape)
            throw new ArgumentException($"{Name}: '{name}' must be {rule.Requirement}; element {first} is {values[first]}.", name);
        var shape = parameter.Shape;
        var batchShape = shape;
        for (int k = 0; k < eventAxes; k++) batchShape = batchShape.RemoveAxis(-1);
        int block = shape.Length / batchShape.Length;
        var mask = tape.Filled(shape, T.One);
        var batchMask = tape.Filled(batchShape, T.One);
        var m = mask.MutableValues;
        var b = batchMask.MutableValues;
        values = parameter.Values;
        for (int i = first; i < m.Length; i++)
        {
            if (rule.IsValid(values[i])) continue;
            m[i] = T.Zero;
            b[i / block] = T.Zero;
        }
        Invalidate(batchMask);
        return TensorOps.Where(mask, parameter, parameter.ScalarLike(rule.Safe));
    }

    /// <summary>
    /// Gives log-density −∞ to the batch elements where <paramref name="validMask"/> (a 0/1 constant whose shape
    /// broadcasts to <see cref="BatchShape"/>) is 0: the record of a tape parameter found invalid by a check that is not
    /// elementwise.
    /// </summary>
    private protected void Invalidate(Tensor<T> validMask) =>
        _validParameters = _validParameters.IsNone ? validMask : _validParameters * validMask;

    /// <summary>Gives log-density −∞ to the whole batch: a tape parameter shared by the batch is invalid as a whole.</summary>
    private protected void InvalidateAll(Tape<T> tape) => Invalidate(tape.Filled(Shape.Scalar, T.Zero));
}
