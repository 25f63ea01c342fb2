using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Autodiff;

/// <summary>
/// Evaluates a scalar function of a vector and its gradient again and again on one reused tape: after the
/// first call has grown the arena, each call allocates nothing on the managed heap (DESIGN.md principle 1).
/// This is what samplers call at every leapfrog step.
/// </summary>
public sealed class GradientEvaluator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<Tensor<T>, Tensor<T>> _function;

    /// <summary>Wraps <paramref name="function"/>, which maps a rank-1 variable to a one-element tensor.</summary>
    public GradientEvaluator(Func<Tensor<T>, Tensor<T>> function, Tape<T>? tape = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        Tape = tape ?? new Tape<T>();
    }

    /// <summary>The tape this evaluator records on.</summary>
    public Tape<T> Tape { get; }

    /// <summary>f(x).</summary>
    /// <exception cref="NonScalarOutputException">f returned more than one element.</exception>
    public T Value(ReadOnlySpan<T> x)
    {
        Tape.Reset();
        var output = Evaluate(x, out _);
        return output.Values[0];
    }

    /// <summary>f(x), writing ∇f(x) into <paramref name="gradient"/> (zeros where f does not depend on an element).</summary>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> has the wrong length.</exception>
    /// <exception cref="NonScalarOutputException">f returned more than one element.</exception>
    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        if (gradient.Length != x.Length)
            throw new ArgumentException($"The gradient buffer has length {gradient.Length}; the input has {x.Length}.", nameof(gradient));
        Tape.Reset();
        var output = Evaluate(x, out var variable);
        T value = output.Values[0];
        if (output.RequiresGradient)
        {
            Tape.BackwardNumeric(output, [T.One]);
            if (Tape.WasReached(variable)) Tape.AdjointSpan(variable.Id).CopyTo(gradient);
            else gradient.Clear();
        }
        else
        {
            gradient.Clear();
        }
        return value;
    }

    private Tensor<T> Evaluate(ReadOnlySpan<T> x, out Tensor<T> variable)
    {
        variable = Tape.Variable(x);
        var output = _function(variable);
        if (output.IsNone) throw new AutodiffException("The function returned the default (none) tensor.");
        if (output.Length != 1) throw new NonScalarOutputException(output.Shape);
        if (!output.IsOnTape) output = Tape.Constant(output.Values, output.Shape);
        return output;
    }
}
