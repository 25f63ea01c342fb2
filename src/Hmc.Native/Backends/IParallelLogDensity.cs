using Hmc.Native.Samplers;

namespace Hmc.Native.Backends;

/// <summary>
/// A log-density whose evaluation can spread over several CPU threads and that can be forked with a thread budget:
/// a sampling run gives each chain's fork its share of the cores (<see cref="ChainParallelism"/>), so chains ×
/// threads per chain never exceed <see cref="Parallelism"/>.
/// </summary>
public interface IParallelLogDensity : ILogDensity
{
    /// <summary>The policy this instance's evaluations run under; for a sampling run, the cores all its chains share.</summary>
    CpuParallelism Parallelism { get; }

    /// <summary>An independent instance for another thread (as <see cref="ILogDensity.Fork"/>) whose evaluations run under <paramref name="parallelism"/>.</summary>
    ILogDensity Fork(CpuParallelism parallelism);
}
