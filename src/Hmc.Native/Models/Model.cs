using System.Collections.Immutable;
using Hmc.Native.Ops;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// A model as Stan writes one: named parameters of declared shapes and constraints, a log-density over their
/// constrained values, and optional generated quantities. The samplers move on the unconstrained reals
/// θ = (x_1, …, x_n) of all parameters laid out in declaration order; each parameter's constrained value is
/// y = f(x) (its <see cref="Constraint"/>), and the density sampled on θ is
/// <code>
///   log p(θ) = log π(f(x_1), …, f(x_n)) + Σ_k log|det J_{f_k}(x_k)|,
/// </code>
/// so the draws of y follow π (Stan Reference Manual, "Constraint transforms"). Draws are reported on the
/// constrained scale under Stan's names. A model is immutable: each <c>Parameter</c> or <c>With…</c> call returns a
/// new one.
/// </summary>
/// <example>
/// <code>
/// var model = new Model()
///     .Parameter("mu")
///     .Parameter("tau", Constraint.Positive)
///     .Parameter("theta", 8)
///     .WithLogDensity(p => ...);
/// var result = Sampling.Sample(model, new SampleOptions { Sampler = Sampler.Nuts, NumSamples = 1000, Burn = 1000 });
/// </code>
/// </example>
public sealed class Model
{
    private readonly ImmutableArray<ParameterDeclaration> _parameters;
    private readonly ImmutableArray<GeneratedQuantity> _generated;
    private readonly Func<ParameterValues, Tensor<double>>? _logDensity;

    /// <summary>A model with no parameters yet.</summary>
    public Model()
        : this([], [], null)
    {
    }

    private Model(ImmutableArray<ParameterDeclaration> parameters, ImmutableArray<GeneratedQuantity> generated, Func<ParameterValues, Tensor<double>>? logDensity)
    {
        _parameters = parameters;
        _generated = generated;
        _logDensity = logDensity;
    }

    /// <summary>The parameters in declaration order.</summary>
    public IReadOnlyList<ParameterDeclaration> Parameters => _parameters;

    /// <summary>The generated quantities in declaration order.</summary>
    public IReadOnlyList<GeneratedQuantity> GeneratedQuantities => _generated;

    /// <summary>The number of unconstrained reals the samplers move.</summary>
    public int Dimension => _parameters.Length == 0 ? 0 : _parameters[^1].Offset + _parameters[^1].UnconstrainedLength;

    /// <summary>Whether <see cref="WithLogDensity"/> has been called.</summary>
    public bool HasLogDensity => _logDensity is not null;

    /// <summary>The names of the reported values: every parameter's elements, then every generated quantity's, in CmdStan's order.</summary>
    public IReadOnlyList<string> OutputNames =>
        _parameters.SelectMany(p => p.ElementNames).Concat(_generated.SelectMany(g => Models.OutputNames.Of(g.Name, g.Shape))).ToArray();

    /// <summary>Declares a scalar parameter (unconstrained when <paramref name="constraint"/> is null).</summary>
    /// <exception cref="ArgumentException">The name is empty, repeated or not a CmdStan column name.</exception>
    public Model Parameter(string name, Constraint? constraint = null) => Parameter(name, Shape.Scalar, constraint);

    /// <summary>Declares a vector parameter of <paramref name="length"/> elements (unconstrained when <paramref name="constraint"/> is null).</summary>
    /// <exception cref="ArgumentException">The name is empty, repeated or not a CmdStan column name, or the constraint does not apply to a vector of that length.</exception>
    public Model Parameter(string name, int length, Constraint? constraint = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return Parameter(name, Shape.Vector(length), constraint);
    }

    /// <summary>Declares a parameter of <paramref name="shape"/> (unconstrained when <paramref name="constraint"/> is null).</summary>
    /// <exception cref="ArgumentException">The name is empty, repeated or not a CmdStan column name, or the constraint does not apply to that shape.</exception>
    public Model Parameter(string name, Shape shape, Constraint? constraint = null)
    {
        CheckName(name);
        constraint ??= Constraint.Real;
        int length = constraint.UnconstrainedLength(shape);
        return new Model(_parameters.Add(new ParameterDeclaration(name, shape, constraint, Dimension, length)), _generated, _logDensity);
    }

    /// <summary>Sets log π, a function of the constrained parameter values (by name) returning a scalar tensor, up to a constant.</summary>
    public Model WithLogDensity(Func<ParameterValues, Tensor<double>> logDensity)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        return new Model(_parameters, _generated, logDensity);
    }

    /// <summary>Adds a scalar generated quantity, computed from each kept draw.</summary>
    /// <exception cref="ArgumentException">The name is empty, repeated or not a CmdStan column name.</exception>
    public Model WithGeneratedQuantity(string name, Func<ParameterValues, Tensor<double>> compute) => WithGeneratedQuantity(name, Shape.Scalar, compute);

    /// <summary>Adds a generated quantity of <paramref name="shape"/>, computed from each kept draw.</summary>
    /// <exception cref="ArgumentException">The name is empty, repeated or not a CmdStan column name.</exception>
    public Model WithGeneratedQuantity(string name, Shape shape, Func<ParameterValues, Tensor<double>> compute)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(compute);
        return new Model(_parameters, _generated.Add(new GeneratedQuantity(name, shape, compute)), _logDensity);
    }

    /// <summary>
    /// log p(θ) on the unconstrained reals: log π of the constrained values plus the log-Jacobians, recorded on
    /// θ's tape (the function the samplers differentiate).
    /// </summary>
    /// <exception cref="InvalidOperationException">No log-density was set.</exception>
    public Tensor<double> UnconstrainedLogDensity(Tensor<double> theta)
    {
        var logDensity = _logDensity ?? throw new InvalidOperationException("The model has no log-density: call WithLogDensity first.");
        var values = Constrain(theta, out var logJacobian);
        return logDensity(values) + logJacobian;
    }

    /// <summary>The constrained values at <paramref name="theta"/> and the summed log|det J|.</summary>
    internal ParameterValues Constrain(Tensor<double> theta, out Tensor<double> logJacobian)
    {
        var values = new Dictionary<string, Tensor<double>>(_parameters.Length, StringComparer.Ordinal);
        logJacobian = Tensor.Scalar(0.0);
        bool first = true;
        foreach (var p in _parameters)
        {
            var (value, jacobian) = p.Constraint.Forward(theta[p.Offset..(p.Offset + p.UnconstrainedLength)], p.Shape);
            values[p.Name] = value;
            logJacobian = first ? jacobian : logJacobian + jacobian;
            first = false;
        }
        return new ParameterValues(values);
    }

    /// <summary>The reported values at the unconstrained <paramref name="theta"/>: constrained parameters, then generated quantities, in <see cref="OutputNames"/>' order.</summary>
    public double[] Report(ReadOnlySpan<double> theta)
    {
        if (theta.Length != Dimension) throw new ArgumentException($"The model has {Dimension} unconstrained reals; got {theta.Length}.", nameof(theta));
        var output = new List<double>();
        var values = AppendParameters(theta, output);
        foreach (var g in _generated)
        {
            var value = g.Compute(values);
            if (value.Shape != g.Shape)
                throw new InvalidOperationException($"Generated quantity '{g.Name}' was declared with shape {g.Shape}; it returned shape {value.Shape}.");
            Models.OutputNames.Append(value.Values, g.Shape, output);
        }
        return [.. output];
    }

    /// <summary>The constrained parameter values at the unconstrained <paramref name="theta"/>, in output order (no generated quantities).</summary>
    internal double[] ConstrainedParameters(ReadOnlySpan<double> theta)
    {
        var output = new List<double>();
        AppendParameters(theta, output);
        return [.. output];
    }

    private ParameterValues AppendParameters(ReadOnlySpan<double> theta, List<double> output)
    {
        var values = Constrain(Tensor.FromSpan(theta, Shape.Vector(theta.Length)), out _);
        foreach (var p in _parameters) Models.OutputNames.Append(values[p.Name].Values, p.Shape, output);
        return values;
    }

    /// <summary>
    /// The unconstrained reals of constrained values given by name (row-major for matrices), each checked against
    /// its constraint.
    /// </summary>
    /// <exception cref="ArgumentException">A parameter is missing, unknown, of the wrong length, or outside its constraint; the message names it.</exception>
    public double[] Unconstrain(IReadOnlyDictionary<string, double[]> constrained)
    {
        ArgumentNullException.ThrowIfNull(constrained);
        foreach (var name in constrained.Keys)
            if (!_parameters.Any(p => p.Name == name))
                throw new ArgumentException($"The initial values name '{name}', which the model does not declare; it declares {string.Join(", ", _parameters.Select(p => $"'{p.Name}'"))}.", nameof(constrained));
        var theta = new double[Dimension];
        foreach (var p in _parameters)
        {
            if (!constrained.TryGetValue(p.Name, out var value))
                throw new ArgumentException($"The initial values have no '{p.Name}'; give every parameter, on the constrained scale.", nameof(constrained));
            if (value.Length != p.Shape.Length)
                throw new ArgumentException($"The initial value of '{p.Name}' has {value.Length} elements; its shape {p.Shape} has {p.Shape.Length}.", nameof(constrained));
            if (p.Constraint.Violation(value, p.Shape) is { } violation)
                throw new ArgumentException($"The initial value of '{p.Name}' breaks its constraint ({p.Constraint.Name}): {violation}", nameof(constrained));
            p.Constraint.Inverse(value, p.Shape, theta.AsSpan(p.Offset, p.UnconstrainedLength));
        }
        return theta;
    }

    /// <summary>The parameter whose unconstrained reals hold element <paramref name="index"/> of θ.</summary>
    public ParameterDeclaration ParameterAt(int index) =>
        _parameters.FirstOrDefault(p => index >= p.Offset && index < p.Offset + p.UnconstrainedLength)
        ?? throw new ArgumentOutOfRangeException(nameof(index), $"The model has {Dimension} unconstrained reals; got index {index}.");

    private void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.AsSpan().IndexOfAny(".,\"# \r\n") >= 0 || name.EndsWith("__", StringComparison.Ordinal))
            throw new ArgumentException($"'{name}' is not a name CmdStan output can carry: use letters, digits and underscores, not ending in '__'.", nameof(name));
        if (_parameters.Any(p => p.Name == name) || _generated.Any(g => g.Name == name))
            throw new ArgumentException($"The model already declares '{name}'.", nameof(name));
    }
}
