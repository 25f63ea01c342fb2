namespace Hmc.Native.Nn;

/// <summary>One chunk of a batch of independent items (images, planes) processed by <see cref="BatchParallel"/>.</summary>
internal interface IBatchWork
{
    /// <summary>Processes items [<paramref name="start"/>, <paramref name="end"/>) as chunk number <paramref name="chunk"/>.</summary>
    void Run(int chunk, int start, int end);
}

/// <summary>
/// Splits a batch of independent items into contiguous chunks, one per core, when the work is large enough to pay
/// for the thread-pool hand-off (tens of microseconds); small batches run on the calling thread. The work is a
/// struct, so the single-thread path allocates nothing; a parallel run allocates a closure and the thread pool's
/// bookkeeping (a few hundred bytes).
/// </summary>
internal static class BatchParallel
{
    /// <summary>Total multiply-adds (or element visits) below which a batch stays on one thread.</summary>
    private const long Threshold = 1L << 19;

    /// <summary>How many chunks to split <paramref name="items"/> items into, given the work each one takes.</summary>
    public static int Chunks(int items, long workPerItem) =>
        items < 2 || items * workPerItem < Threshold ? 1 : Math.Min(items, Environment.ProcessorCount);

    /// <summary>Runs <paramref name="work"/> over <paramref name="items"/> items split into <paramref name="chunks"/> contiguous chunks, in parallel when there are several.</summary>
    public static void Run<TWork>(TWork work, int items, int chunks) where TWork : struct, IBatchWork
    {
        if (chunks <= 1) work.Run(0, 0, items);
        else RunParallel(work, items, chunks);
    }

    /// <summary>Kept apart from <see cref="Run{TWork}"/> so that the closure is only allocated on this path.</summary>
    private static void RunParallel<TWork>(TWork work, int items, int chunks) where TWork : struct, IBatchWork =>
        Parallel.For(0, chunks, chunk =>
            work.Run(chunk, (int)((long)items * chunk / chunks), (int)((long)items * (chunk + 1) / chunks)));
}
