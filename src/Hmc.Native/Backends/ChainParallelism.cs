using Hmc.Native.Samplers;

namespace Hmc.Native.Backends;

/// <summary>
/// How a sampling run of <see cref="Chains"/> chains shares the cores of one <see cref="CpuParallelism"/>
/// (<see cref="CpuParallelism.ForChains"/>): <see cref="ConcurrentChains"/> chains run at once and each chain's
/// log-density may use <see cref="PerChain"/>, with ConcurrentChains × PerChain.Cores ≤ the cores split.
/// </summary>
/// <param name="Chains">The chains of the run.</param>
/// <param name="ConcurrentChains">How many chains run at once (the degree of the per-chain loop).</param>
/// <param name="PerChain">The policy each chain's evaluations run under.</param>
public sealed record ChainParallelism(int Chains, int ConcurrentChains, CpuParallelism PerChain)
{
    /// <summary>
    /// The split for a run of <paramref name="density"/>: its own policy when it has one
    /// (<see cref="IParallelLogDensity.Parallelism"/>), otherwise <see cref="CpuParallelism.ForMachine"/>, split among
    /// <paramref name="chains"/> chains, by default one per core.
    /// </summary>
    public static ChainParallelism For(ILogDensity density, int? chains)
    {
        ArgumentNullException.ThrowIfNull(density);
        var cores = Of(density);
        return cores.ForChains(chains ?? cores.Cores);
    }

    /// <summary>
    /// The log-density chain <paramref name="chain"/> evaluates: <paramref name="density"/> itself for chain 0 when
    /// it already runs under <see cref="PerChain"/>, otherwise a fork, given <see cref="PerChain"/> when the density
    /// takes a thread budget (<see cref="IParallelLogDensity.Fork(CpuParallelism)"/>).
    /// </summary>
    public ILogDensity DensityFor(ILogDensity density, int chain)
    {
        ArgumentNullException.ThrowIfNull(density);
        if (density is IParallelLogDensity parallel)
            return chain == 0 && parallel.Parallelism == PerChain ? density : parallel.Fork(PerChain);
        return chain == 0 ? density : density.Fork();
    }

    /// <summary>A fork of <paramref name="density"/> whose evaluations run under <paramref name="parallelism"/> when it takes a
    /// thread budget (<see cref="IParallelLogDensity"/>), else a plain <see cref="ILogDensity.Fork"/>.</summary>
    public static ILogDensity Fork(ILogDensity density, CpuParallelism parallelism) =>
        density is IParallelLogDensity parallel ? parallel.Fork(parallelism) : density.Fork();

    /// <summary>The policy <paramref name="density"/> runs under, or the whole machine when it takes no thread budget.</summary>
    public static CpuParallelism Of(ILogDensity density) => (density as IParallelLogDensity)?.Parallelism ?? CpuParallelism.ForMachine();
}
