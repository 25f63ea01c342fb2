namespace Hmc.Native.Reporting;

/// <summary>Passes each progress report to two receivers (the console line and a program's own hook).</summary>
internal sealed class ProgressFanOut(IProgress<SamplingProgress> first, IProgress<SamplingProgress> second) : IProgress<SamplingProgress>
{
    public void Report(SamplingProgress value)
    {
        first.Report(value);
        second.Report(value);
    }
}
