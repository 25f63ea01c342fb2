using System.Buffers;
using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The categorical distribution over the classes {0, 1, …, K − 1}, with the K class weights on the last axis of
/// the parameter (shape [..., K]; the batch shape is the rest), given as probabilities or as logits:
/// <code>
///   ln p(k) = ln pₖ − ln Σⱼ pⱼ              (probabilities, normalised as in PyTorch),
///   ln p(k) = lₖ − ln Σⱼ exp(lⱼ)            (logits, a stable log-sum-exp).
/// </code>
/// A value is a tensor of class indices stored as <typeparamref name="T"/> (0, 1, 2, …).
/// </summary>
/// <remarks>
/// Differentiable in the probabilities or logits; the class of each value is picked by a constant one-hot mask, so
/// no logarithm of an unpicked probability is taken (a zero probability elsewhere in the row leaves the gradient
/// finite). The value enters with coefficient 0. Values that are not integers in [0, K) give −∞ (with zero
/// gradient); NaN gives NaN.
/// </remarks>
public sealed class Categorical<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Categorical(Tensor<T> probs, Tensor<T> logits, Shape parameterShape)
        : base("Categorical", parameterShape.RemoveAxis(-1), Shape.Scalar)
    {
        ClassCount = parameterShape[-1];
        Probs = probs.IsNone ? default : RowsSummingToOne(Checked(probs, nameof(probs), ParameterRule<T>.Probability));
        Logits = logits.IsNone ? default : Checked(logits, nameof(logits), ParameterRule<T>.Finite);
    }

    /// <summary>
    /// A categorical distribution with class probabilities <paramref name="probs"/> on the last axis: each in [0, 1],
    /// each row summing to 1 within √ε·K.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has rank 0 or no class, or it is a constant with a probability outside [0, 1] or a row that does not sum to 1.</exception>
    public static Categorical<T> FromProbs(Tensor<T> probs)
    {
        var shape = ParameterShape(probs, nameof(probs));
        return new(probs, default, shape);
    }

    /// <summary>A categorical distribution with unnormalised log-probabilities <paramref name="logits"/> on the last axis.</summary>
    /// <exception cref="ArgumentException">The tensor has rank 0 or no class, or it is a constant with a logit that is not finite.</exception>
    public static Categorical<T> FromLogits(Tensor<T> logits)
    {
        var shape = ParameterShape(logits, nameof(logits));
        return new(default, logits, shape);
    }

    /// <summary>The class probabilities (shape [..., K]) when built by <see cref="FromProbs"/>; none otherwise.</summary>
    public Tensor<T> Probs { get; }

    /// <summary>The class logits (shape [..., K]) when built by <see cref="FromLogits"/>; none otherwise.</summary>
    public Tensor<T> Logits { get; }

    /// <summary>The number of classes K.</summary>
    public int ClassCount { get; }

    /// <inheritdoc />
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        var shape = ScalarLogProbShape(value);
        var parameter = Logits.IsNone ? Probs : Logits;
        T count = T.CreateTruncating(ClassCount);
        var inside = Support.Mask(value, parameter, k => T.IsNaN(k) || (T.IsInteger(k) && k >= T.Zero && k < count));
        var k = Support.Select(inside, value, T.Zero);
        var oneHot = OneHot(k, shape, parameter);
        var zero = parameter.ScalarLike(T.Zero);
        var picked = TensorOps.Where(oneHot, parameter, zero).Sum(-1);
        var logMass = Logits.IsNone
            ? Support.Select(inside, picked, T.One).Log() - Probs.Sum(-1).Log()
            : picked - Logits.LogSumExp(-1);
        return Support.Restrict(inside, logMass + k * T.Zero);
    }

    /// <summary>
    /// A constant of shape [<paramref name="shape"/>..., K] with 1 at the class index of each (broadcast) value and 0
    /// elsewhere; a NaN value gives a row of zeros.
    /// </summary>
    private Tensor<T> OneHot(Tensor<T> classes, Shape shape, Tensor<T> parameter)
    {
        int count = ClassCount, length = shape.Length;
        var oneHotShape = shape.InsertAxis(shape.Rank, count);
        var tape = Tape<T>.Common(classes, parameter);
        var oneHot = tape is null ? Tensor.Zeros<T>(oneHotShape) : tape.Filled(oneHotShape, T.Zero);
        var rented = ArrayPool<T>.Shared.Rent(length);
        var expanded = rented.AsSpan(0, length);
        Expand.To(classes.Values, classes.Shape, expanded, shape);
        var m = oneHot.MutableValues;
        for (int i = 0; i < length; i++)
        {
            if (!T.IsNaN(expanded[i])) m[i * count + int.CreateTruncating(expanded[i])] = T.One;
        }
        ArrayPool<T>.Shared.Return(rented);
        return oneHot;
    }

    /// <summary>
    /// The probabilities when every row sums to 1 within √ε·K (ε the machine epsilon). Otherwise a constant throws; on a
    /// tape, the rows that do not get −∞ and the uniform probabilities 1/K.
    /// </summary>
    private Tensor<T> RowsSummingToOne(Tensor<T> probs)
    {
        int k = ClassCount, rows = BatchShape.Length;
        T tolerance = T.Sqrt(T.BitIncrement(T.One) - T.One) * T.CreateTruncating(k);
        bool SumsToOne(int row, out T sum)
        {
            sum = TensorPrimitives.Sum(probs.Values.Slice(row * k, k));
            return T.Abs(sum - T.One) <= tolerance;
        }
        int first = 0;
        T firstSum = T.One;
        while (first < rows && SumsToOne(first, out firstSum)) first++;
        if (first == rows) return probs;
        if (probs.Tape is not { } tape)
            throw new ArgumentException($"Categorical: each row of 'probs' must sum to 1; row {first} sums to {firstSum}.", nameof(probs));
        var mask = tape.Filled(BatchShape, T.One);
        for (int row = first; row < rows; row++)
        {
            if (!SumsToOne(row, out _)) mask.MutableValues[row] = T.Zero;
        }
        Invalidate(mask);
        return TensorOps.Where(mask.Unsqueeze(-1), probs, probs.ScalarLike(T.One / T.CreateTruncating(k)));
    }

    private static Shape ParameterShape(Tensor<T> parameter, string name)
    {
        var shape = DistributionArguments.ShapeOf("Categorical", parameter, name);
        if (shape.Rank == 0 || shape[-1] == 0)
            throw new ArgumentException($"Categorical: '{name}' must have the classes on its last axis (shape [..., K] with K ≥ 1); its shape is {shape}.", name);
        return shape;
    }
}
