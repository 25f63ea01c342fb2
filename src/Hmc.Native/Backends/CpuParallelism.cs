namespace Hmc.Native.Backends;

/// <summary>
/// The library's one CPU parallelism policy: how many cores a computation may keep busy at once. Every parallel loop
/// of the CPU backend — the matrix product of <see cref="Gemm"/>, the per-image and per-plane loops of the layers,
/// the batched matrix product — asks the policy it was given how many threads to use and runs through
/// <see cref="Run{TWork}"/>, which never uses more than <see cref="Cores"/>; a policy of one core runs every loop
/// inline on the calling thread.
/// </summary>
/// <remarks>
/// The policy is passed in, never read from a static (DESIGN.md principle 7): it travels on the
/// <see cref="Autodiff.Tape{T}"/> that records an evaluation (<see cref="Autodiff.Tape{T}.Parallelism"/>), which every
/// operation and its backward rule already sees. A sampling run splits one policy among its chains with
/// <see cref="ForChains"/> and gives each chain's log-density its share (<see cref="IParallelLogDensity"/>), so
/// concurrent chains × threads per chain never exceed the cores. <see cref="ForMachine"/> is the one place that
/// reads the machine's processor count.
/// </remarks>
public sealed record CpuParallelism
{
    /// <summary>Work (multiply-adds or element visits) below which a loop stays on the calling thread: handing chunks to the thread pool costs tens of microseconds.</summary>
    internal const long MinimumParallelWork = 1L << 19;

    /// <summary>A policy allowing <paramref name="cores"/> threads at once.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cores"/> is below 1.</exception>
    public CpuParallelism(int cores)
    {
        if (cores < 1) throw new ArgumentOutOfRangeException(nameof(cores), $"A CPU parallelism policy needs at least one core; got {cores}.");
        Cores = cores;
    }

    /// <summary>The most threads a computation under this policy keeps busy at once (at least 1).</summary>
    public int Cores { get; }

    /// <summary>One thread: every loop runs inline on the calling thread.</summary>
    public static CpuParallelism Serial { get; } = new(1);

    /// <summary>Every core this process may run on (<see cref="Environment.ProcessorCount"/>, which honours the affinity mask and container limits).</summary>
    public static CpuParallelism ForMachine() => new(Environment.ProcessorCount);

    /// <summary>
    /// Splits the cores among <paramref name="chains"/> chains: min(K, cores) chains run at once and each may use
    /// ⌊cores / that⌋ threads, so chains at once × threads per chain ≤ <see cref="Cores"/> and both are at least 1.
    /// Two cores and four chains: two chains at once, one thread each; sixteen cores and four chains: four at once, four threads each.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chains"/> is below 1.</exception>
    public ChainParallelism ForChains(int chains)
    {
        if (chains < 1) throw new ArgumentOutOfRangeException(nameof(chains), $"The cores are split among at least one chain; got {chains}.");
        int concurrent = Math.Min(chains, Cores);
        return new ChainParallelism(chains, concurrent, Cores / concurrent == Cores ? this : new CpuParallelism(Cores / concurrent));
    }

    /// <summary>
    /// How many contiguous chunks to split <paramref name="items"/> independent items into, given the work each
    /// one takes: 1 when the total is below <paramref name="minimumWork"/> or only one core is allowed, otherwise
    /// min(items, <see cref="Cores"/>).
    /// </summary>
    internal int Chunks(int items, long workPerItem, long minimumWork = MinimumParallelWork) =>
        Cores < 2 || items < 2 || items * workPerItem < minimumWork ? 1 : Math.Min(items, Cores);

    /// <summary>
    /// Runs <paramref name="work"/> over <paramref name="items"/> items split into <paramref name="chunks"/>
    /// contiguous chunks: inline when there is one chunk (allocating nothing, the work being a struct), otherwise on
    /// at most <see cref="Cores"/> threads of the thread pool, the calling thread among them.
    /// </summary>
    internal void Run<TWork>(TWork work, int items, int chunks) where TWork : struct, IBatchWork
    {
        if (chunks <= 1 || Cores == 1) work.Run(0, 0, items);
        else RunParallel(work, items, chunks);
    }

    /// <summary>Kept apart from <see cref="Run{TWork}"/> so that the closure is only allocated on this path.</summary>
    private void RunParallel<TWork>(TWork work, int items, int chunks) where TWork : struct, IBatchWork =>
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Cores }, chunk =>
            work.Run(chunk, (int)((long)items * chunk / chunks), (int)((long)items * (chunk + 1) / chunks)));
}
