using Hmc.Native.Kernels;
using ILGPU;
using ILGPU.Runtime;

namespace Hmc.Native.Gpu;

/// <summary>Launchers of <see cref="MetropolisKernels"/>: the accept/reject step of HMC decided and applied on the device.</summary>
public sealed class GpuMetropolis
{
    private readonly GpuAccelerator gpu;

    internal GpuMetropolis(GpuAccelerator gpu) => this.gpu = gpu;

    /// <summary>
    /// Decides the transition from the energies in <paramref name="scalars"/> (laid out as
    /// <see cref="MetropolisKernels.ScalarCount"/> floats) with the uniform <paramref name="uniform"/>[0], updating
    /// <paramref name="state"/>[0] (<see cref="MetropolisKernels.Decide"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A view has the wrong length.</exception>
    public void Decide(ArrayView<float> scalars, ArrayView<double> uniform, ArrayView<MetropolisState> state, LogPosteriorTerms posterior)
    {
        GpuArguments.RequireLength(scalars, MetropolisKernels.ScalarCount, "Metropolis decision", nameof(scalars));
        GpuArguments.RequireLength(uniform, 1, "Metropolis decision", nameof(uniform));
        GpuArguments.RequireLength(state, 1, "Metropolis decision", nameof(state));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MetropolisKernels), nameof(MetropolisKernels.Decide)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<double>, ArrayView<MetropolisState>, LogPosteriorTerms>(MetropolisKernels.Decide));
        kernel(1, scalars, uniform, state, posterior);
    }

    /// <summary>Makes (θ₁, g₁) the chain's (θ, g) when <paramref name="state"/>[0] says the proposal was accepted (<see cref="MetropolisKernels.AcceptProposal"/>).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void AcceptProposal(
        ArrayView<MetropolisState> state, ArrayView<float> proposalPosition, ArrayView<float> proposalGradient, ArrayView<float> position, ArrayView<float> gradient)
    {
        GpuArguments.RequireLength(state, 1, "accepting a proposal", nameof(state));
        GpuArguments.RequireLength(proposalGradient, proposalPosition.Length, "accepting a proposal", nameof(proposalGradient));
        GpuArguments.RequireLength(position, proposalPosition.Length, "accepting a proposal", nameof(position));
        GpuArguments.RequireLength(gradient, proposalPosition.Length, "accepting a proposal", nameof(gradient));
        if (position.Length == 0) return;
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MetropolisKernels), nameof(MetropolisKernels.AcceptProposal)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<MetropolisState>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>>(
                MetropolisKernels.AcceptProposal));
        kernel((int)position.Length, state, proposalPosition, proposalGradient, position, gradient);
    }

    /// <summary>Writes the uniform of output <paramref name="counter"/> under <paramref name="seed"/> into <paramref name="uniform"/>[0] (<see cref="MetropolisKernels.DrawUniform"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="uniform"/> is not one element.</exception>
    public void DrawUniform(ArrayView<double> uniform, ulong seed, long counter)
    {
        GpuArguments.RequireLength(uniform, 1, "uniform draw", nameof(uniform));
        var kernel = gpu.Kernels.GetOrLoad(
            new KernelKey(typeof(MetropolisKernels), nameof(MetropolisKernels.DrawUniform)),
            static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ulong, long>(MetropolisKernels.DrawUniform));
        kernel(1, uniform, seed, counter);
    }
}
