namespace Hmc.Native.Kernels;

/// <summary>
/// The scalars of an HMC chain kept on the device between transitions: the current log-density and what the last
/// Metropolis decision (<see cref="MetropolisKernels.Decide"/>) found. A kept draw copies it to the host with the
/// position, so the host learns a transition's statistics without waiting for every transition.
/// </summary>
public struct MetropolisState
{
    /// <summary>log π at the chain's current position.</summary>
    public double LogDensity;

    /// <summary>The last proposal's acceptance probability min(1, exp(−ΔH)).</summary>
    public double AcceptProbability;

    /// <summary>H at the state the last transition returned, with its momentum (Stan's energy__).</summary>
    public double Energy;

    /// <summary>1 when the last proposal was accepted.</summary>
    public int Accepted;

    /// <summary>1 when the last trajectory diverged.</summary>
    public int Divergent;

    /// <summary>1 when the last proposal met a non-finite value.</summary>
    public int Invalid;

    /// <summary>1 when the last decision used its uniform (the proposal had an energy), as <c>TransitionOutcome.Accept</c> draws one only then.</summary>
    public int UsedUniform;

    /// <summary>The number of invalid proposals since the state was set.</summary>
    public int InvalidProposals;
}
