namespace Hmc.Native.Bayes;

/// <summary>The likelihood of a network's output, as hamiltorch's <c>model_loss</c>.</summary>
public enum ModelLoss
{
    /// <summary>Categorical with the output as logits: Σ_i log softmax(f_i)[y_i] (hamiltorch <c>multi_class_linear_output</c>).</summary>
    MultiClassLinearOutput,

    /// <summary>Categorical with the output already log-probabilities: Σ_i f_i[y_i] (hamiltorch <c>multi_class_log_softmax_output</c>, which averages over the data where we sum).</summary>
    MultiClassLogSoftmaxOutput,

    /// <summary>Bernoulli with the output as logits: Σ_i y_i f_i − log(1 + e^{f_i}) (hamiltorch <c>binary_class_linear_output</c>).</summary>
    BinaryClassLinearOutput,

    /// <summary>Gaussian with precision τ_out: Σ −½τ(y − f)² + ½ log(τ/2π) per output, any number of outputs (hamiltorch <c>regression</c>, without its normalising term and for one output only).</summary>
    Regression,
}
