namespace Hmc.Native.Samplers;

/// <summary>A kernel with an integrator step size ε, which warm-up may adapt between transitions (dual averaging).</summary>
public interface IHasStepSize : ITransitionKernel
{
    /// <summary>The integrator step size ε.</summary>
    double StepSize { get; set; }
}
