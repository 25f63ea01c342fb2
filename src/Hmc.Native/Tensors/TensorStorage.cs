namespace Hmc.Native.Tensors;

/// <summary>The heap storage of a constant tensor: a tensor that lives off any tape (data, fixed parameters).</summary>
internal sealed class TensorStorage<T>(T[] data, Shape shape)
{
    public T[] Data { get; } = data;

    public Shape Shape { get; } = shape;
}
