using ILGPU;

namespace Hmc.Native.Gpu;

/// <summary>Argument checks shared by the kernel launchers; each message names the operation, the argument and both lengths.</summary>
internal static class GpuArguments
{
    public static void RequireLength<T>(ArrayView<T> view, long expected, string operation, string name)
        where T : unmanaged
    {
        if (view.Length != expected)
        {
            throw new ArgumentException($"{operation}: {name} has {view.Length} elements; expected {expected}.", name);
        }
    }

    public static void RequireAtLeast<T>(ArrayView<T> view, long minimum, string operation, string name)
        where T : unmanaged
    {
        if (view.Length < minimum)
        {
            throw new ArgumentException($"{operation}: {name} has {view.Length} elements; needs at least {minimum}.", name);
        }
    }

    public static void RequireMatrix<T>(ArrayView<T> view, int rows, int columns, string operation, string name)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (view.Length != (long)rows * columns)
        {
            throw new ArgumentException(
                $"{operation}: {name} has {view.Length} elements; expected {rows} x {columns} = {(long)rows * columns}.", name);
        }
    }
}
