namespace Hmc.Native.Adaptation;

/// <summary>
/// Nesterov dual averaging of log ε towards a target acceptance statistic δ (Hoffman &amp; Gelman 2014, §3.2.1,
/// Algorithm 5, with Stan's constants γ = 0.05, t₀ = 10, κ = 0.75 and μ = log(10 ε₀)):
/// H̄ₜ = (1 − 1/(t+t₀)) H̄ₜ₋₁ + (δ − αₜ)/(t+t₀); log εₜ = μ − √t/γ · H̄ₜ; log ε̄ₜ = t^−κ log εₜ + (1 − t^−κ) log ε̄ₜ₋₁.
/// A NaN acceptance statistic counts as 0.
/// </summary>
public sealed class DualAveraging
{
    private const double Gamma = 0.05, T0 = 10, Kappa = 0.75;
    private double _mu, _hBar, _logStepBar;
    private int _t;

    /// <summary>Starts adapting from <paramref name="initialStepSize"/> towards <paramref name="targetAcceptance"/>.</summary>
    public DualAveraging(double initialStepSize, double targetAcceptance)
    {
        if (targetAcceptance is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(targetAcceptance), "The target acceptance rate must lie in (0, 1).");
        Target = targetAcceptance;
        Restart(initialStepSize);
    }

    /// <summary>δ.</summary>
    public double Target { get; }

    /// <summary>The step size to use for the next transition.</summary>
    public double StepSize { get; private set; }

    /// <summary>The averaged step size ε̄, used after warm-up.</summary>
    public double FinalStepSize => Math.Exp(_logStepBar);

    /// <summary>Forgets the history and restarts from <paramref name="stepSize"/> (at the end of each metric window).</summary>
    public void Restart(double stepSize)
    {
        _mu = Math.Log(10 * stepSize);
        _hBar = 0;
        _logStepBar = 0;
        _t = 0;
        StepSize = stepSize;
    }

    /// <summary>Takes the acceptance statistic of the last transition and updates the step size.</summary>
    public void Update(double acceptStatistic)
    {
        double alpha = double.IsNaN(acceptStatistic) ? 0 : Math.Min(1, acceptStatistic);
        _t++;
        double eta = 1.0 / (_t + T0);
        _hBar = (1 - eta) * _hBar + eta * (Target - alpha);
        double logStep = _mu - Math.Sqrt(_t) / Gamma * _hBar;
        double weight = Math.Pow(_t, -Kappa);
        _logStepBar = weight * logStep + (1 - weight) * _logStepBar;
        StepSize = Math.Exp(logStep);
    }
}
