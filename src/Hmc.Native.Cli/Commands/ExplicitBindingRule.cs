using Hmc.Native.Integrators;
using Hmc.Native.Samplers;

namespace Hmc.Native.Cli.Commands;

/// <summary>
/// Where the exact explicit RMHMC integrator (Cobb et al. 2019, the binding applied as a rotation by 2ωε) accepted at
/// least 60 % of its proposals in the sweep of docs/choosing-a-sampler.md (Neal's funnel, SoftAbs α 10⁶, L 25):
/// every setting with ε ≤ <see cref="MaxStepSize"/> whose angle 2ωε, taken modulo 2π, lies outside π ± <see cref="ResonanceHalfWidth"/>
/// accepted that much; of the settings with a larger ε or an angle in that band only three did (ε 0.05 at 10 rad, ε 0.1
/// at 0.2 and at 20 rad), and none at ε 0.15.
/// Near π the rotation nearly flips the difference between the two bound copies at every step. ε is in the units
/// the metric sets (a Hessian or SoftAbs metric makes the local curvature 1); on the same funnel the implicit
/// integrator's solves never failed up to ε ≈ 0.22, so the explicit bound is about a quarter of the implicit one.
/// </summary>
internal static class ExplicitBindingRule
{
    /// <summary>The largest step size at which the sweep accepted ≥ 0.6 at every angle outside the band.</summary>
    public const double MaxStepSize = 0.05;

    /// <summary>The half-width, in radians, of the band around π (mod 2π) where the rotation resonates.</summary>
    public const double ResonanceHalfWidth = 0.7;

    /// <summary>The rotation angle 2ωε of one step.</summary>
    public static double Angle(double stepSize, double bindingConst) => 2 * bindingConst * stepSize;

    /// <summary>Whether ε and ω lie where the sweep accepted at least 60 %.</summary>
    public static bool Holds(double stepSize, double bindingConst)
    {
        double angle = Angle(stepSize, bindingConst) % (2 * Math.PI);
        return stepSize <= MaxStepSize && Math.Abs(angle - Math.PI) > ResonanceHalfWidth;
    }

    /// <summary>A warning naming the settings when the exact explicit integrator is chosen outside the rule; null otherwise.</summary>
    public static string? Warning(SampleOptions options)
    {
        if (options.Sampler != Sampler.Rmhmc || options.Integrator != Integrator.Explicit) return null;
        double eps = options.StepSize, omega = options.ExplicitBindingConst;
        if (Holds(eps, omega)) return null;
        return FormattableString.Invariant(
            $"Warning: explicit RMHMC with step size {eps:G4} and binding {omega:G4} (rotation angle 2*omega*eps = {Angle(eps, omega):F2} rad) is outside the settings where the exact explicit integrator accepted at least 60% on the funnel: step size at most {MaxStepSize} and 2*omega*eps (mod 2*pi) outside pi +/- {ResonanceHalfWidth} rad. Expect low acceptance and divergences; see docs/choosing-a-sampler.md, or use --integrator implicit.");
    }
}
