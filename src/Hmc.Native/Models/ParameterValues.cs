using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// The constrained values of a <see cref="Model"/>'s parameters at one point, by name, as tensors of their declared
/// shapes. Inside the log-density they are recorded on the tape (differentiable); in generated quantities they are
/// plain values.
/// </summary>
public sealed class ParameterValues
{
    private readonly Dictionary<string, Tensor<double>> _values;

    internal ParameterValues(Dictionary<string, Tensor<double>> values) => _values = values;

    /// <summary>The value of the parameter named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model declares no parameter of that name; the message lists those it declares.</exception>
    public Tensor<double> this[string name] =>
        _values.TryGetValue(name, out var value)
            ? value
            : throw new KeyNotFoundException($"The model declares no parameter '{name}'; it declares {string.Join(", ", _values.Keys.Select(k => $"'{k}'"))}.");
}
