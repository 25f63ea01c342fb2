namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>What one posteriordb run measured (the JSON object of <c>hmc posteriordb --json</c>, keys in snake case).</summary>
/// <param name="Posterior">The posterior's folder name.</param>
/// <param name="Agrees">Whether every compared quantity agreed with the reference and every compared value converged (<see cref="ReferenceComparison"/>).</param>
/// <param name="MinEssBulk">The smallest bulk ESS over every reported value.</param>
/// <param name="MinEssTail">The smallest tail ESS over every reported value.</param>
/// <param name="MaxRhat">The largest R̂ over every reported value.</param>
/// <param name="GradientsWarmup">Gradient evaluations of the warm-up transitions, all chains (leapfrog steps, as Stan's n_leapfrog__).</param>
/// <param name="GradientsSampling">Gradient evaluations of the sampling transitions, all chains.</param>
/// <param name="EssPerGradient">Min bulk ESS over all gradient evaluations, warm-up included.</param>
/// <param name="EssPerSecond">Min bulk ESS per CPU second of the run (the process's processor time over warm-up and sampling, all chains).</param>
/// <param name="Divergences">Divergent transitions after warm-up, all chains.</param>
/// <param name="Adaptation">The warm-up scheme's name (<see cref="AdaptationChoice"/>).</param>
public sealed record PosteriorDbReport(
    string Posterior,
    bool Agrees,
    double MinEssBulk,
    double MinEssTail,
    double MaxRhat,
    long GradientsWarmup,
    long GradientsSampling,
    double EssPerGradient,
    double EssPerSecond,
    int Divergences,
    string Adaptation);
