using System.Numerics;
using System.Text;
using Hmc.Native.Tensors;

namespace Hmc.Native.Nn;

/// <summary>
/// A neural-network module in the style of <c>torch.nn.Module</c>, except that it holds no parameter values: it
/// describes its parameters (name, shape, initialiser) and child modules, and its
/// <see cref="Forward(Tensor{T}, ParameterVector{T})"/> reads the values from a flat parameter vector. That is the
/// form HMC needs (hamiltorch flattens a model's parameters into one vector that the sampler moves).
/// </summary>
/// <remarks>
/// <para>A subclass registers its parameters (<see cref="RegisterParameter"/>) and children
/// (<see cref="RegisterModule{TModule}"/>) in its constructor and overrides
/// <see cref="Forward(Tensor{T}, ParameterVector{T})"/>, passing each child <see cref="ParametersOf"/>(child, parameters).
/// The layout is fixed the first time the parameters are counted or listed, or the module is registered as a child;
/// registering afterwards throws.</para>
/// <para><b>Order of the flat vector.</b> A module's block holds its own parameters in registration order, then each
/// child's block in registration order, recursively (a pre-order walk). This is the order of PyTorch's
/// <c>model.parameters()</c> (<c>named_modules</c> is pre-order and lists each module's own <c>_parameters</c>), so a
/// flat vector here lines up element for element with hamiltorch's <c>util.flatten(model)</c> for the same
/// architecture, each tensor row-major.</para>
/// </remarks>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<OwnParameter> _own = [];
    private readonly List<(string Name, Module<T> Module)> _children = [];
    private int _ownLength;
    private int[]? _childOffsets;
    private int _parameterCount;
    private ModuleParameter[]? _parameters;
    private bool _hasParent;

    private readonly record struct OwnParameter(string Name, ParameterSlot Slot, ParameterInit Init);

    /// <summary>The number of scalar parameters of this module and all its descendants (the flat vector's length).</summary>
    public int ParameterCount
    {
        get
        {
            Freeze();
            return _parameterCount;
        }
    }

    /// <summary>
    /// Every parameter of the module and its descendants with its hierarchical name, shape and offset in the flat
    /// vector, in flat-vector order (own parameters first, then each child's, recursively; see the remarks).
    /// </summary>
    public IReadOnlyList<ModuleParameter> Parameters
    {
        get
        {
            if (_parameters is null)
            {
                Freeze();
                var list = new List<ModuleParameter>();
                Collect("", 0, list);
                _parameters = [.. list];
            }
            return _parameters;
        }
    }

    /// <summary>The registered children with their names, in registration order.</summary>
    public IReadOnlyList<(string Name, Module<T> Module)> Children => _children.AsReadOnly();

    /// <summary>
    /// Computes this module's output for <paramref name="input"/> with the parameters in <paramref name="parameters"/>
    /// (this module's block of the flat vector). Recorded on the tape of the input or the parameters, if any.
    /// </summary>
    public abstract Tensor<T> Forward(Tensor<T> input, ParameterVector<T> parameters);

    /// <summary>
    /// The model's output for <paramref name="input"/> at the flat parameter vector <paramref name="parameters"/>
    /// (rank 1, <see cref="ParameterCount"/> elements): a tape variable to differentiate the output with respect to
    /// every parameter, or a constant to predict.
    /// </summary>
    /// <exception cref="ArgumentException">The parameter vector is not rank 1 or has the wrong length.</exception>
    public Tensor<T> Forward(Tensor<T> input, Tensor<T> parameters)
    {
        var view = new ParameterVector<T>(parameters);
        if (parameters.Length != ParameterCount)
            throw new ArgumentException(
                $"{GetType().Name} has {ParameterCount} parameters but the parameter vector has {parameters.Length} elements.", nameof(parameters));
        return Forward(input, view);
    }

    /// <summary>
    /// A fresh flat vector with every parameter drawn from its initialiser by a <see cref="Random"/> seeded with
    /// <paramref name="seed"/>, parameter after parameter in flat order. The distributions are PyTorch's defaults
    /// for the built-in layers; the values differ from PyTorch's, whose random stream is another.
    /// </summary>
    public T[] InitialParameters(int seed)
    {
        var random = new Random(seed);
        var flat = new T[ParameterCount];
        foreach (var p in Parameters) p.Init.Fill(random, flat.AsSpan(p.Offset, p.Length));
        return flat;
    }

    /// <summary>Splits a flat vector into one row-major array per parameter, keyed by hierarchical name (PyTorch's <c>state_dict</c> of parameters).</summary>
    /// <exception cref="ArgumentException">The vector's length is not <see cref="ParameterCount"/>.</exception>
    public Dictionary<string, T[]> Unflatten(ReadOnlySpan<T> flat)
    {
        if (flat.Length != ParameterCount)
            throw new ArgumentException($"{GetType().Name} has {ParameterCount} parameters but the flat vector has {flat.Length} elements.", nameof(flat));
        var result = new Dictionary<string, T[]>();
        foreach (var p in Parameters) result.Add(p.Name, flat.Slice(p.Offset, p.Length).ToArray());
        return result;
    }

    /// <summary>Joins one row-major array per parameter, keyed by hierarchical name, into the flat vector (the inverse of <see cref="Unflatten"/>).</summary>
    /// <exception cref="ArgumentException">A parameter is missing, has the wrong length, or an unknown name is given.</exception>
    public T[] Flatten(IReadOnlyDictionary<string, T[]> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var flat = new T[ParameterCount];
        foreach (var p in Parameters)
        {
            if (!parameters.TryGetValue(p.Name, out var values))
                throw new ArgumentException($"The parameter '{p.Name}' {p.Shape} is missing.", nameof(parameters));
            if (values.Length != p.Length)
                throw new ArgumentException($"The parameter '{p.Name}' has shape {p.Shape} ({p.Length} elements) but {values.Length} values were given.", nameof(parameters));
            values.CopyTo(flat, p.Offset);
        }
        if (parameters.Count != Parameters.Count)
        {
            var known = Parameters.Select(p => p.Name).ToHashSet();
            var unknown = parameters.Keys.Where(k => !known.Contains(k));
            throw new ArgumentException($"Unknown parameter names: {string.Join(", ", unknown)}.", nameof(parameters));
        }
        return flat;
    }

    /// <summary>
    /// Declares a parameter of this module; call in the constructor. Its values follow the module's earlier own
    /// parameters in the module's block.
    /// </summary>
    /// <returns>Its offset within this module's block and its shape, for <see cref="ParameterVector{T}.Get"/> or a fused layer operation.</returns>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is taken.</exception>
    /// <exception cref="InvalidOperationException">The layout is already fixed.</exception>
    protected ParameterSlot RegisterParameter(string name, Shape shape, ParameterInit init)
    {
        ArgumentNullException.ThrowIfNull(init);
        CheckRegistration(name);
        var slot = new ParameterSlot(_ownLength, shape);
        _own.Add(new OwnParameter(name, slot, init));
        _ownLength += shape.Length;
        return slot;
    }

    /// <summary>
    /// Declares a child module (PyTorch's attribute assignment of a submodule); call in the constructor. The child's
    /// layout is fixed from then on, and a module can be the child of one parent only.
    /// </summary>
    /// <returns><paramref name="module"/>, for assignment to a field.</returns>
    /// <exception cref="ArgumentException">The name is empty, contains '.', or is taken; or the module is this one or already has a parent.</exception>
    /// <exception cref="InvalidOperationException">The layout is already fixed.</exception>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckRegistration(name);
        if (ReferenceEquals(module, this))
            throw new ArgumentException($"A module cannot be its own child ('{name}').", nameof(module));
        if (module._hasParent)
            throw new ArgumentException($"The {module.GetType().Name} registered as '{name}' is already the child of another module; create a new one.", nameof(module));
        module.Freeze();
        module._hasParent = true;
        _children.Add((name, module));
        return module;
    }

    /// <summary>The block of <paramref name="child"/> inside this module's block <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="child"/> is not a registered child of this module.</exception>
    protected ParameterVector<T> ParametersOf(Module<T> child, ParameterVector<T> parameters)
    {
        Freeze();
        for (int i = 0; i < _children.Count; i++)
            if (ReferenceEquals(_children[i].Module, child)) return parameters.At(_childOffsets![i]);
        throw new ArgumentException($"The {child?.GetType().Name ?? "null"} module is not a registered child of this {GetType().Name}.", nameof(child));
    }

    /// <summary>A one-line description of this module without its children, e.g. <c>Linear(in_features=4, out_features=2, bias=True)</c>.</summary>
    protected virtual string Description => GetType().Name.Split('`')[0];

    /// <summary>The module tree in PyTorch's printed form: the description, then each child indented as <c>(name): child</c>.</summary>
    public override string ToString()
    {
        if (_children.Count == 0) return Description;
        var text = new StringBuilder(Description).Append("(\n");
        foreach (var (name, module) in _children)
            text.Append("  (").Append(name).Append("): ").Append(module.ToString().Replace("\n", "\n  ")).Append('\n');
        return text.Append(')').ToString();
    }

    private void CheckRegistration(string name)
    {
        if (_childOffsets is not null)
            throw new InvalidOperationException(
                $"The parameter layout of this {GetType().Name} is already fixed; register parameters and modules in its constructor.");
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"A parameter or module name must be non-empty and contain no '.'; got '{name}'.", nameof(name));
        if (_own.Any(p => p.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"This {GetType().Name} already has a parameter or module named '{name}'.", nameof(name));
    }

    private void Freeze()
    {
        if (Volatile.Read(ref _childOffsets) is not null) return;
        var offsets = new int[_children.Count];
        long offset = _ownLength;
        for (int i = 0; i < offsets.Length; i++)
        {
            offsets[i] = (int)offset;
            offset += _children[i].Module.ParameterCount;
        }
        if (offset > Array.MaxLength)
            throw new InvalidOperationException($"This {GetType().Name} has {offset} parameters, more than one array can hold.");
        _parameterCount = (int)offset;
        // Published last (and with release semantics) so a thread that sees the offsets also sees the count.
        Volatile.Write(ref _childOffsets, offsets);
    }

    private void Collect(string prefix, int baseOffset, List<ModuleParameter> list)
    {
        foreach (var p in _own) list.Add(new ModuleParameter(prefix + p.Name, p.Slot.Shape, baseOffset + p.Slot.Offset, p.Init));
        for (int i = 0; i < _children.Count; i++)
            _children[i].Module.Collect(prefix + _children[i].Name + ".", baseOffset + _childOffsets![i], list);
    }
}
