using System.Collections.Concurrent;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>
/// The kernels compiled for one accelerator. Compiling a kernel (ILGPU IL → IR → PTX/OpenCL C/IL, then the driver's
/// JIT) costs milliseconds to seconds, so each kernel instantiation is loaded once, on first use, and its launcher
/// delegate is reused by every later call.
/// </summary>
public sealed class KernelCache
{
    private readonly Accelerator accelerator;
    private readonly ConcurrentDictionary<KernelKey, Delegate> kernels = new();
    private readonly Lock loadGate = new();

    internal KernelCache(Accelerator accelerator) => this.accelerator = accelerator;

    /// <summary>Number of kernels compiled so far.</summary>
    public int Count => kernels.Count;

    /// <summary>
    /// The launcher stored under <paramref name="key"/>, compiled with <paramref name="load"/> the first time it is
    /// asked for. Lookups after the first allocate nothing.
    /// </summary>
    internal TKernel GetOrLoad<TKernel>(KernelKey key, Func<Accelerator, TKernel> load)
        where TKernel : Delegate
    {
        if (kernels.TryGetValue(key, out var kernel)) return (TKernel)kernel;
        lock (loadGate)
        {
            if (!kernels.TryGetValue(key, out kernel))
            {
                kernel = load(accelerator);
                kernels[key] = kernel;
            }

            return (TKernel)kernel;
        }
    }
}
