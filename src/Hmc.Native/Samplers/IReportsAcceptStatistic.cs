namespace Hmc.Native.Samplers;

/// <summary>
/// A kernel whose draw is chosen from a whole trajectory (the No-U-Turn tree), so that
/// <see cref="TransitionInfo.AcceptProbability"/> is Stan's accept_stat__ — the mean Metropolis probability over the
/// trajectory — rather than the probability of one proposal. Its acceptance rate is the mean accept_stat__, not the
/// fraction of transitions that moved (which for such a kernel measures nothing). CmdStan calls its engine <c>nuts</c>.
/// </summary>
public interface IReportsAcceptStatistic : ITransitionKernel
{
    /// <summary>The largest number of trajectory doublings (CmdStan's <c>max_depth</c>).</summary>
    int MaxTreeDepth { get; }
}
