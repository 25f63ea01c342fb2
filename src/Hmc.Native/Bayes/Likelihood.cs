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

    private Likelihood(string name, Func<Tensor<T>, Tensor<T>, Tensor<T>> logLikelihood)
    {
        Name = name;
        _logLikelihood = logLikelihood;
    }

    /// <summary>A short name.</summary>
    public string Name { get; }

    /// <summary>log p(<paramref name="targets"/> | <paramref name="output"/>), a scalar tensor.</summary>
    public Tensor<T> LogLikelihood(Tensor<T> output, Tensor<T> targets) => _logLikelihood(output, targets);

    /// <summary>The likelihood of one of hamiltorch's model losses; <paramref name="tauOut"/> is the output precision of <see cref="ModelLoss.Regression"/>.</summary>
    public static Likelihood<T> For(ModelLoss loss, double tauOut = 1.0)
    {
        if (!(tauOut > 0) || !double.IsFinite(tauOut)) throw new ArgumentOutOfRangeException(nameof(tauOut), $"tau_out must be positive and finite; got {tauOut}.");
        T tau = T.CreateTruncating(tauOut);
        return loss switch
        {
            ModelLoss.MultiClassLinearOutput => new("multi_class_linear_output", (f, y) => f.CategoricalLogLikelihood(y)),
            ModelLoss.MultiClassLogSoftmaxOutput => new("multi_class_log_softmax_output", (f, y) => f.CategoricalLogLikelihood(y) - f.Exp().Sum(1).Log().Sum()),
            ModelLoss.BinaryClassLinearOutput => new("binary_class_linear_output", (f, y) => (y.Reshape(f.Shape) * f - f.Softplus()).Sum()),
            ModelLoss.Regression => new("regression", (f, y) =>
            {
                var r = y.Reshape(f.Shape) - f;
                T constant = T.CreateTruncating(0.5 * f.Length * Math.Log(tauOut / (2 * Math.PI)));
                return -(T.CreateTruncating(0.5) * tau) * (r * r).Sum() + constant;
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown model loss."),
        };
    }

    /// <summary>A user likelihood: a function of the output and the targets returning a scalar log-likelihood.</summary>
    public static Likelihood<T> Custom(string name, Func<Tensor<T>, Tensor<T>, Tensor<T>> logLikelihood) =>
        new(name, logLikelihood ?? throw new ArgumentNullException(nameof(logLikelihood)));
}
