namespace Hmc.Native.Gpu;

/// <summary>
/// Identifies a compiled kernel: the kernel class, the method within it, and the operation structs it is
/// instantiated with (if generic).
/// </summary>
internal readonly record struct KernelKey(Type Family, string Name, Type? First = null, Type? Second = null);
