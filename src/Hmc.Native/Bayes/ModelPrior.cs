using System.Numerics;
using Hmc.Native.Nn;

namespace Hmc.Native.Bayes;

/// <summary>
/// The Gaussian prior of a network's weights as hamiltorch's <c>tau_list</c> gives it: each parameter tensor k has
/// elements w ~ N(0, 1/τ_k), so log p(w) = Σ_i (−½ τ_i w_i² + ½ log(τ_i/2π)), with τ_i the precision of the tensor
/// holding element i. Evaluated in double on the flat vector.
/// </summary>
public sealed class ModelPrior
{
    private readonly double[] _precision;
    private readonly double _constant;

    /// <summary>The prior of <paramref name="model"/> with one precision per parameter tensor (null: all 1).</summary>
    /// <exception cref="ArgumentException">Wrong number of precisions, or one not positive and finite.</exception>
    public static ModelPrior For<T>(Module<T> model, IReadOnlyList<double>? tauList) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var parameters = model.Parameters;
        if (tauList is not null && tauList.Count != parameters.Count)
            throw new ArgumentException($"tau_list has {tauList.Count} precisions; the model has {parameters.Count} parameter tensors ({string.Join(", ", parameters.Select(p => p.Name))}).", nameof(tauList));
        var precision = new double[model.ParameterCount];
        for (int k = 0; k < parameters.Count; k++)
        {
            double tau = tauList?[k] ?? 1.0;
            if (!(tau > 0) || !double.IsFinite(tau)) throw new ArgumentException($"tau_list[{k}] ({parameters[k].Name}) is {tau}; it must be positive and finite.", nameof(tauList));
            precision.AsSpan(parameters[k].Offset, parameters[k].Length).Fill(tau);
        }
        return new ModelPrior(precision);
    }

    private ModelPrior(double[] precision)
    {
        _precision = precision;
        foreach (double t in precision) _constant += 0.5 * Math.Log(t / (2 * Math.PI));
    }

    /// <summary>The number of parameters.</summary>
    public int Dimension => _precision.Length;

    /// <summary>Σ_i ½ log(τ_i/2π), the normaliser of log p(w) (its value at w = 0).</summary>
    public double LogNormalizer => _constant;

    /// <summary>
    /// Writes τ_i, the prior precision of each element of the flat parameter vector, into <paramref name="destination"/>:
    /// the prior is w_i ~ N(0, 1/τ_i) with τ_i = τ_k, the <c>tau_list</c> entry of the parameter tensor k holding
    /// element i, so that ∇log p(w) = −τ ⊙ w. A backend that evaluates the prior itself (the GPU one) uploads these.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have <see cref="Dimension"/> elements.</exception>
    public void CopyPrecisionsTo(Span<double> destination)
    {
        if (destination.Length != Dimension)
            throw new ArgumentException($"The destination has {destination.Length} elements; the prior has {Dimension} parameters.", nameof(destination));
        _precision.CopyTo(destination);
    }

    /// <summary>log p(w), adding ∇log p(w) = −τ ⊙ w into <paramref name="gradient"/>.</summary>
    public double AddLogDensity(ReadOnlySpan<double> weights, Span<double> gradient)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double tw = _precision[i] * weights[i];
            sum += tw * weights[i];
            gradient[i] -= tw;
        }
        return -0.5 * sum + _constant;
    }
}
