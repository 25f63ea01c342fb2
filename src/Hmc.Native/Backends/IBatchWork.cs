namespace Hmc.Native.Backends;

/// <summary>One chunk of a batch of independent items (images, planes, row blocks) run by <see cref="CpuParallelism.Run{TWork}"/>.</summary>
internal interface IBatchWork
{
    /// <summary>Processes items [<paramref name="start"/>, <paramref name="end"/>) as chunk number <paramref name="chunk"/>.</summary>
    void Run(int chunk, int start, int end);
}
