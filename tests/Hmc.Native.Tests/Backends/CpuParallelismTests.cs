using Hmc.Native.Backends;

namespace Hmc.Native.Tests.Backends;

public class CpuParallelismTests
{
    [TestCase(2, 1, 1, 2)]
    [TestCase(2, 2, 2, 1)]
    [TestCase(2, 4, 2, 1)]
    [TestCase(2, 5, 2, 1)]
    [TestCase(16, 4, 4, 4)]
    [TestCase(16, 5, 5, 3)]
    [TestCase(1, 3, 1, 1)]
    public void ChainsShareTheCores(int cores, int chains, int concurrent, int threadsPerChain)
    {
        var split = new CpuParallelism(cores).ForChains(chains);
        Assert.That(split.Chains, Is.EqualTo(chains));
        Assert.That(split.ConcurrentChains, Is.EqualTo(concurrent));
        Assert.That(split.PerChain.Cores, Is.EqualTo(threadsPerChain));
        Assert.That(split.ConcurrentChains * split.PerChain.Cores, Is.LessThanOrEqualTo(cores));
    }

    [Test]
    public void NoSplitExceedsTheCoresOrGivesLessThanOne()
    {
        for (int cores = 1; cores <= 33; cores++)
            for (int chains = 1; chains <= 70; chains++)
            {
                var split = new CpuParallelism(cores).ForChains(chains);
                Assert.That(split.ConcurrentChains, Is.InRange(1, Math.Min(cores, chains)), $"{cores} cores, {chains} chains");
                Assert.That(split.PerChain.Cores, Is.GreaterThanOrEqualTo(1), $"{cores} cores, {chains} chains");
                Assert.That(split.ConcurrentChains * split.PerChain.Cores, Is.LessThanOrEqualTo(cores), $"{cores} cores, {chains} chains");
            }
    }

    [Test]
    public void TheMachinePolicyHasTheProcessorCount() =>
        Assert.That(CpuParallelism.ForMachine().Cores, Is.EqualTo(Environment.ProcessorCount));

    [Test]
    public void APolicyNeedsACore()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new CpuParallelism(0));
        Assert.That(ex!.Message, Is.EqualTo("A CPU parallelism policy needs at least one core; got 0. (Parameter 'cores')"));
    }

    [Test]
    public void TheCoresAreSplitAmongAtLeastOneChain()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CpuParallelism(4).ForChains(0));
        Assert.That(ex!.Message, Is.EqualTo("The cores are split among at least one chain; got 0. (Parameter 'chains')"));
    }

    [TestCase(1, 100, 1L << 30, 1)]
    [TestCase(4, 100, 1, 1)]
    [TestCase(4, 1, 1L << 30, 1)]
    [TestCase(4, 3, 1L << 30, 3)]
    [TestCase(4, 100, 1L << 30, 4)]
    public void ChunksFollowTheWorkAndTheCores(int cores, int items, long workPerItem, int chunks) =>
        Assert.That(new CpuParallelism(cores).Chunks(items, workPerItem), Is.EqualTo(chunks));

    [Test]
    public void OneCoreRunsEveryChunkInlineOnTheCallingThread()
    {
        var probe = new ConcurrencyProbe();
        CpuParallelism.Serial.Run(new ProbeWork(probe, spinMicroseconds: 0), items: 64, chunks: 8);
        Assert.That(probe.Threads, Is.EqualTo(new[] { Environment.CurrentManagedThreadId }));
        Assert.That(probe.Items, Is.EqualTo(64));
    }

    [Test]
    public void ALoopNeverKeepsMoreThreadsBusyThanItsCores()
    {
        var probe = new ConcurrencyProbe();
        new CpuParallelism(2).Run(new ProbeWork(probe, spinMicroseconds: 500), items: 64, chunks: 16);
        Assert.That(probe.MaxBusy, Is.InRange(1, 2));
        Assert.That(probe.Items, Is.EqualTo(64));
    }
}

/// <summary>Counts the chunks of a loop running at once, the most seen, the items done and the threads that ran them.</summary>
internal sealed class ConcurrencyProbe
{
    private int _busy;
    private int _maxBusy;
    private int _items;
    private readonly HashSet<int> _threads = [];

    public int MaxBusy => Volatile.Read(ref _maxBusy);

    public int Items => Volatile.Read(ref _items);

    public int[] Threads
    {
        get
        {
            lock (_threads) return [.. _threads];
        }
    }

    /// <summary>Marks one more thread busy; returns the count including it.</summary>
    public int Enter(int threads = 1)
    {
        int now = Interlocked.Add(ref _busy, threads);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxBusy)) && Interlocked.CompareExchange(ref _maxBusy, now, seen) != seen)
        {
        }
        lock (_threads) _threads.Add(Environment.CurrentManagedThreadId);
        return now;
    }

    public void Exit(int threads = 1) => Interlocked.Add(ref _busy, -threads);

    public void Done(int items) => Interlocked.Add(ref _items, items);
}

/// <summary>A loop body that holds its thread busy for a while and reports to a <see cref="ConcurrencyProbe"/>.</summary>
internal readonly struct ProbeWork(ConcurrencyProbe probe, int spinMicroseconds) : IBatchWork
{
    public void Run(int chunk, int start, int end)
    {
        probe.Enter();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalMicroseconds < spinMicroseconds) Thread.SpinWait(20);
        probe.Done(end - start);
        probe.Exit();
    }
}
