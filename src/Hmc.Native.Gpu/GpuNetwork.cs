using Hmc.Native.Nn;
using Hmc.Native.Tensors;
using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>
/// A float32 network compiled for one accelerator and one batch shape: the forward pass of a batch and the
/// backward pass of a loss gradient into a device gradient laid out like the flat parameter vector
/// (<see cref="Module{T}.Parameters"/>: PyTorch's order, each tensor row-major). Every buffer — each layer's
/// output, the argmax of each max pool, and the activation gradients — is allocated once (the gradients on the
/// first <see cref="Backward"/>) and reused, so repeated passes allocate nothing.
/// </summary>
/// <remarks>
/// The supported modules are <see cref="Sequential{T}"/> (nested too) of <see cref="Conv2d{T}"/> (any stride and
/// padding, with or without bias), <see cref="MaxPool2d{T}"/>, <see cref="ReLU{T}"/>, <see cref="Tanh{T}"/>,
/// <see cref="Sigmoid{T}"/>, <see cref="Flatten{T}"/> and <see cref="Linear{T}"/>, computed by the kernels of
/// <c>Hmc.Native.Kernels</c>; anything else throws <see cref="NotSupportedException"/> naming the module. NaN and ±∞
/// propagate as in those kernels. Like <see cref="GpuAccelerator"/>, a network serves one thread at a time.
/// </remarks>
public sealed class GpuNetwork : IDisposable
{
    private readonly GpuLayer[] layers;
    private readonly int[] inputShape;
    private readonly int[] outputShape;
    private GpuBuffer<float>[]? outputGradients;

    /// <summary>Compiles <paramref name="model"/> for batches of shape <paramref name="inputShape"/> on <paramref name="gpu"/>.</summary>
    /// <param name="gpu">The accelerator (not owned: dispose the network before it).</param>
    /// <param name="model">The network.</param>
    /// <param name="inputShape">The shape of one batch of inputs, batch first, e.g. [N, C, H, W] or [N, features].</param>
    /// <exception cref="NotSupportedException">A module is not one of the supported ones; the message names it.</exception>
    /// <exception cref="ArgumentException">The input shape is not rank ≥ 2, a layer does not fit the shape it receives, or the model has no computing layer.</exception>
    public GpuNetwork(GpuAccelerator gpu, Module<float> model, Shape inputShape)
    {
        ArgumentNullException.ThrowIfNull(gpu);
        ArgumentNullException.ThrowIfNull(model);
        if (inputShape.Rank < 2 || inputShape.Length == 0)
        {
            throw new ArgumentException($"The device network needs a non-empty batch shape [N, ...] of rank 2 or more; got {inputShape}.", nameof(inputShape));
        }

        gpu.Accelerator.Bind();
        Accelerator = gpu;
        ParameterCount = model.ParameterCount;
        InputShape = inputShape;
        this.inputShape = inputShape.ToArray();
        var leaves = new List<(string Name, Module<float> Module, int Offset)>();
        CollectLeaves(model, "", 0, leaves);
        var compiled = new List<GpuLayer>();
        int[] shape = this.inputShape;
        try
        {
            foreach (var (name, module, offset) in leaves)
            {
                if (module is Flatten<float>)
                {
                    shape = [shape[0], GpuLayer.LengthOf(shape) / shape[0]];
                    continue;
                }

                var layer = Compile(gpu, name, module, offset, shape);
                compiled.Add(layer);
                shape = layer.OutputShape;
            }

            if (compiled.Count == 0)
            {
                throw new ArgumentException($"The model {model.GetType().Name} has no layer that computes anything on the device.", nameof(model));
            }
        }
        catch
        {
            foreach (var layer in compiled) layer.Dispose();
            throw;
        }

        layers = [.. compiled];
        outputShape = shape;
        OutputShape = new Shape(shape);
    }

    /// <summary>The accelerator the network runs on.</summary>
    public GpuAccelerator Accelerator { get; }

    /// <summary>The length of the flat parameter vector.</summary>
    public int ParameterCount { get; }

    /// <summary>The shape of a batch of inputs.</summary>
    public Shape InputShape { get; }

    /// <summary>The shape of the network's output for a batch.</summary>
    public Shape OutputShape { get; }

    /// <summary>The number of examples in a batch, <c>InputShape[0]</c>.</summary>
    public int BatchSize => inputShape[0];

    /// <summary>The output of the last <see cref="Forward"/> (row-major, <see cref="OutputShape"/>); valid until the next one.</summary>
    public ArrayView<float> Output => layers[^1].Output.View;

    /// <summary>
    /// Runs the network on <paramref name="inputs"/> (a batch of <see cref="InputShape"/>) with the flat parameter
    /// vector <paramref name="parameters"/>, leaving the result in <see cref="Output"/> and every intermediate
    /// activation for <see cref="Backward"/>. Kernels are queued; nothing is copied to the host.
    /// </summary>
    /// <exception cref="ArgumentException">A view has the wrong length.</exception>
    public void Forward(ArrayView<float> parameters, ArrayView<float> inputs)
    {
        GpuArguments.RequireLength(parameters, ParameterCount, "network forward", nameof(parameters));
        GpuArguments.RequireLength(inputs, InputShape.Length, "network forward", nameof(inputs));
        var x = inputs;
        foreach (var layer in layers)
        {
            layer.Forward(parameters, x);
            x = layer.Output.View;
        }
    }

    /// <summary>Copies <see cref="Output"/> into <paramref name="destination"/> (of <c>OutputShape.Length</c> elements), waiting for the queued kernels.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void CopyOutputToHost(Span<float> destination) => layers[^1].Output.CopyToHost(destination);

    /// <summary>
    /// Back-propagates ∂L/∂f (<paramref name="outputGradient"/>, shaped like <see cref="Output"/>) through the
    /// network and overwrites <paramref name="parameterGradient"/> with ∂L/∂w in the flat layout. Must follow a
    /// <see cref="Forward"/> with the same <paramref name="parameters"/> and <paramref name="inputs"/>, whose
    /// activations it reads (by the chain rule, layer by layer from the last).
    /// </summary>
    /// <exception cref="ArgumentException">A view has the wrong length.</exception>
    public void Backward(ArrayView<float> parameters, ArrayView<float> inputs, ArrayView<float> outputGradient, ArrayView<float> parameterGradient)
    {
        GpuArguments.RequireLength(parameters, ParameterCount, "network backward", nameof(parameters));
        GpuArguments.RequireLength(inputs, InputShape.Length, "network backward", nameof(inputs));
        GpuArguments.RequireLength(outputGradient, OutputShape.Length, "network backward", nameof(outputGradient));
        GpuArguments.RequireLength(parameterGradient, ParameterCount, "network backward", nameof(parameterGradient));
        var gradients = OutputGradients();
        for (int i = layers.Length - 1; i >= 0; i--)
        {
            var dy = i == layers.Length - 1 ? outputGradient : gradients[i].View;
            var x = i == 0 ? inputs : layers[i - 1].Output.View;
            var dx = i == 0 ? default : gradients[i - 1].View;
            layers[i].Backward(parameters, x, dy, dx, parameterGradient);
        }
    }

    /// <summary>Frees every device buffer of the network.</summary>
    public void Dispose()
    {
        Accelerator.Accelerator.Bind();
        foreach (var layer in layers) layer.Dispose();
        if (outputGradients is null) return;
        foreach (var buffer in outputGradients) buffer.Dispose();
    }

    /// <summary>One buffer per layer but the last, for the gradient of the loss with respect to that layer's output.</summary>
    private GpuBuffer<float>[] OutputGradients()
    {
        if (outputGradients is not null) return outputGradients;
        var buffers = new GpuBuffer<float>[layers.Length - 1];
        for (int i = 0; i < buffers.Length; i++) buffers[i] = Accelerator.Allocate<float>(layers[i].Output.Length);
        outputGradients = buffers;
        return buffers;
    }

    private static void CollectLeaves(Module<float> module, string name, int offset, List<(string, Module<float>, int)> leaves)
    {
        if (module is not Sequential<float>)
        {
            leaves.Add((name, module, offset));
            return;
        }

        // A Sequential registers no parameters of its own, so child k's block starts after children 0..k−1.
        int childOffset = offset;
        foreach (var (childName, child) in module.Children)
        {
            CollectLeaves(child, name.Length == 0 ? childName : $"{name}.{childName}", childOffset, leaves);
            childOffset += child.ParameterCount;
        }
    }

    private static GpuLayer Compile(GpuAccelerator gpu, string name, Module<float> module, int offset, int[] shape) => module switch
    {
        Conv2d<float> conv => GpuConv2dLayer.Create(gpu, conv, shape, offset + OwnOffset(conv, "weight"), OffsetOrNone(conv, "bias", offset)),
        Linear<float> linear => GpuLinearLayer.Create(gpu, linear, shape, offset + OwnOffset(linear, "weight"), OffsetOrNone(linear, "bias", offset)),
        MaxPool2d<float> pool => GpuMaxPool2dLayer.Create(gpu, pool, shape),
        ReLU<float> => new GpuReluLayer(gpu, shape),
        Tanh<float> => new GpuTanhLayer(gpu, shape),
        Sigmoid<float> => new GpuSigmoidLayer(gpu, shape),
        _ => throw new NotSupportedException(
            $"The device network cannot run module '{(name.Length == 0 ? "(root)" : name)}' ({module.GetType().Name.Split('`')[0]}: {module}); " +
            "supported are Sequential, Conv2d, MaxPool2d, ReLU, Tanh, Sigmoid, Flatten and Linear."),
    };

    private static int OwnOffset(Module<float> module, string parameter) =>
        module.Parameters.First(p => p.Name == parameter).Offset;

    private static int OffsetOrNone(Module<float> module, string parameter, int offset) =>
        module.Parameters.FirstOrDefault(p => p.Name == parameter) is { } p ? offset + p.Offset : -1;
}
