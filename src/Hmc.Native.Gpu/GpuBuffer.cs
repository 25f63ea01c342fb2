using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// A dense one-dimensional array in device memory, with copies to and from host spans. Copies to the host wait for
/// all kernels queued before them on the accelerator's default stream.
/// </summary>
/// <typeparam name="T">An unmanaged element type (float for data, int for labels and argmax indices).</typeparam>
public sealed class GpuBuffer<T> : IDisposable
    where T : unmanaged
{
    private readonly MemoryBuffer1D<T, Stride1D.Dense> buffer;
    private readonly AcceleratorStream stream;

    internal GpuBuffer(Accelerator accelerator, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        buffer = accelerator.Allocate1D<T>(length);
        stream = accelerator.DefaultStream;
        Length = length;
    }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The whole buffer as a view, to pass to kernels; <c>View.SubView(offset, length)</c> gives a part.</summary>
    public ArrayView<T> View => buffer.View;

    /// <summary>Copies <paramref name="source"/> (of exactly <see cref="Length"/> elements) into the buffer.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void CopyFromHost(ReadOnlySpan<T> source)
    {
        RequireLength(source.Length, nameof(source));
        if (Length > 0) buffer.View.CopyFromCPU(stream, source);
    }

    /// <summary>Copies the buffer into <paramref name="destination"/> (of exactly <see cref="Length"/> elements).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void CopyToHost(Span<T> destination)
    {
        RequireLength(destination.Length, nameof(destination));
        if (Length > 0) buffer.View.CopyToCPU(stream, destination);
        stream.Synchronize();
    }

    /// <summary>A new host array with the buffer's contents.</summary>
    public T[] ToArray()
    {
        var values = new T[Length];
        CopyToHost(values);
        return values;
    }

    /// <summary>Reads the single element at <paramref name="index"/> (a reduction result, say).</summary>
    public T Read(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        Span<T> value = stackalloc T[1];
        buffer.View.SubView(index, 1).CopyToCPU(stream, value);
        stream.Synchronize();
        return value[0];
    }

    /// <summary>Sets every element to zero bits (0 for numbers).</summary>
    public void Clear() => buffer.View.MemSetToZero(stream);

    /// <summary>Frees the device memory.</summary>
    public void Dispose() => buffer.Dispose();

    private void RequireLength(int length, string name)
    {
        if (length != Length)
        {
            throw new ArgumentException($"The buffer has {Length} elements but {name} has {length}.", name);
        }
    }
}
