using System.Numerics;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// <c>torch.nn.Sequential</c>: applies its modules one after the other. The modules are registered as children
/// named "0", "1", ..., so the parameters are named <c>0.weight</c>, <c>0.bias</c>, ... and lie in the flat vector
/// in that order, as in PyTorch.
/// </summary>
public sealed class Sequential<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T>[] _modules;

    /// <summary>A chain of <paramref name="modules"/>, applied first to last.</summary>
    /// <exception cref="ArgumentException">A module is null, appears twice, or already belongs to another module.</exception>
    public Sequential(params Module<T>[] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        _modules = new Module<T>[modules.Length];
        for (int i = 0; i < modules.Length; i++)
        {
            if (modules[i] is null) throw new ArgumentException($"Module {i} of the Sequential is null.", nameof(modules));
            _modules[i] = RegisterModule(i.ToString(System.Globalization.CultureInfo.InvariantCulture), modules[i]);
        }
    }

    /// <summary>The number of modules.</summary>
    public int Count => _modules.Length;

    /// <summary>The module at <paramref name="index"/>.</summary>
    public Module<T> this[int index] => _modules[index];

    /// <summary>The input passed through every module in turn.</summary>
    public override Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters)
    {
        var x = input;
        foreach (var module in _modules) x = module.Forward(x, ParametersOf(module, parameters));
        return x;
    }
}
