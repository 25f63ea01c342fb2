namespace Hmc.Native.Bayes;

/// <summary>The options of <see cref="ModelSampling"/> that hamiltorch's <c>sample_model</c> adds to <c>sample</c>.</summary>
public sealed record ModelOptions
{
    /// <summary>The likelihood (hamiltorch <c>model_loss</c>).</summary>
    public ModelLoss ModelLoss { get; init; } = ModelLoss.MultiClassLinearOutput;

    /// <summary>The output precision of <see cref="ModelLoss.Regression"/> (hamiltorch <c>tau_out</c>).</summary>
    public double TauOut { get; init; } = 1.0;

    /// <summary>One prior precision per parameter tensor, in the model's parameter order; null means all 1 (hamiltorch <c>tau_list</c>).</summary>
    public IReadOnlyList<double>? TauList { get; init; }
}
