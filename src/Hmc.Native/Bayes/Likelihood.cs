using System.Numerics;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Bayes;

/// <summary>
/// log p(y | f) of a network's output f for targets y: one of hamiltorch's model losses or a user function. Class
/// labels are given as numbers in a rank-1 tensor; regression targets have the output's shape.
/// </summary>
public sealed class Likelihood<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<Tensor<T>, Tensor<T>, Tensor<T>> _logLikelihood;

    private Likelihood(string name, Func<Tensor<T>, Tensor<T>, Tensor<T>> logLikelihood, ModelLoss? loss = null, double? outputPrecision = null)
    {
        Name = name;
        _logLikelihood = logLikelihood;
        Loss = loss;
        OutputPrecision = outputPrecision;
    }

    /// <summary>A short name.</summary>
    public string Name { get; }

    /// <summary>
    /// The model loss this likelihood implements (made by <see cref="For"/>), or null for a <see cref="Custom"/> one.
    /// A backend that computes the likelihood itself (the GPU one) reads it to choose its kernels and refuses a custom likelihood.
    /// </summary>
    public ModelLoss? Loss { get; }

    /// <summary>τ_out, the output precision of <see cref="ModelLoss.Regression"/> (y ~ N(f, 1/τ_out) per output); null for the other likelihoods.</summary>
    public double? OutputPrecision { get; }

    /// <summary>log p(<paramref name="targets"/> | <paramref name="output"/>), a scalar tensor.</summary>
    public Tensor<T> LogLikelihood(Tensor<T> output, Tensor<T> targets) => _logLikelihood(output, targets);

    /// <summary>The likelihood of one of hamiltorch's model losses; <paramref name="tauOut"/> is the output precision of <see cref="ModelLoss.Regression"/>.</summary>
    public static Likelihood<T> For(ModelLoss loss, double tauOut = 1.0)
    {
        if (!(tauOut > 0) || !double.IsFinite(tauOut)) throw new ArgumentOutOfRangeException(nameof(tauOut), $"tau_out must be positive and finite; got {tauOut}.");
        T tau = T.CreateTruncating(tauOut);
        return loss switch
        {
            ModelLoss.MultiClassLinearOutput => new("multi_class_linear_output", (f, y) => f.CategoricalLogLikelihood(y), loss),
            ModelLoss.MultiClassLogSoftmaxOutput => new("multi_class_log_softmax_output", (f, y) => f.CategoricalLogLikelihood(y) - f.Exp().Sum(1).Log().Sum(), loss),
            ModelLoss.BinaryClassLinearOutput => new("binary_class_linear_output", (f, y) => (y.Reshape(f.Shape) * f - f.Softplus()).Sum(), loss),
            ModelLoss.Regression => new("regression", (f, y) =>
            {
                var r = y.Reshape(f.Shape) - f;
                T constant = T.CreateTruncating(0.5 * f.Length * Math.Log(tauOut / (2 * Math.PI)));
                return -(T.CreateTruncating(0.5) * tau) * (r * r).Sum() + constant;
            }, loss, tauOut),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown model loss."),
        };
    }

    /// <summary>A user likelihood: a function of the output and the targets returning a scalar log-likelihood.</summary>
    public static Likelihood<T> Custom(string name, Func<Tensor<T>, Tensor<T>, Tensor<T>> logLikelihood) =>
        new(name, logLikelihood ?? throw new ArgumentNullException(nameof(logLikelihood)));
}
