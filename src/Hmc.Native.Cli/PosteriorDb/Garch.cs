using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// posteriordb's <c>garch-garch11</c>: a GARCH(1, 1) volatility model with flat priors and a stationarity bound
/// β₁ &lt; 1 − α₁.
/// </summary>
/// <remarks>
/// Stan declares <c>real&lt;lower=0, upper=(1 - alpha1)&gt; beta1</c>, a bound that depends on another parameter, and
/// transforms it as β₁ = (1 − α₁)·logistic(x) with log|J| = log(1 − α₁) + log logistic(x) + log(1 − logistic(x)).
/// The model declares the same unconstrained x as <c>beta1_unit</c> = logistic(x) in (0, 1) (whose transform adds
/// the last two terms), adds log(1 − α₁) itself, and reports β₁ = (1 − α₁)·<c>beta1_unit</c> as a generated
/// quantity: the same unconstrained space and the same density as Stan's.
/// </remarks>
public static class Garch
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("garch-garch11", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int t = data.Int("T");                                                   // int<lower=0> T;
        var yValues = data.Vector("y", t);                                       // array[T] real y;
        double sigma1 = data.Real("sigma1");                                     // real<lower=0> sigma1;
        if (!(sigma1 >= 0)) throw new InvalidDataException($"{data.Path}: sigma1 is {sigma1}; the program declares real<lower=0> sigma1.");
        var y = Tensor.FromVector(yValues);
        var previous = Tensor.FromVector(yValues[..^1]);                         // y[t - 1] for t in 2:T
        static Tensor<double> Beta1(ParameterValues p) => (1.0 - p["alpha1"]) * p["beta1_unit"];
        return new Model()
            .Parameter("mu")                                                     // real mu;
            .Parameter("alpha0", Constraint.Positive)                            // real<lower=0> alpha0;
            .Parameter("alpha1", Constraint.Bounded(0, 1))                       // real<lower=0, upper=1> alpha1;
            .Parameter("beta1_unit", Constraint.Bounded(0, 1))                   // real<lower=0, upper=(1 - alpha1)> beta1; as beta1 / (1 - alpha1)
            .WithLogDensity(p =>
            {
                var mu = p["mu"];
                var alpha1 = p["alpha1"];
                var beta1 = Beta1(p);
                var logJacobian = (1.0 - alpha1).Log();                          // the log(1 - alpha1) of beta1's transform
                var shock = p["alpha0"] + alpha1 * (previous - mu).Square();     // alpha0 + alpha1 * square(y[t - 1] - mu), every t at once
                var variances = new Tensor<double>[t];
                variances[0] = Tensor.Scalar(sigma1 * sigma1);                   // sigma[1] = sigma1;
                for (int i = 1; i < t; i++)                                      // for (t in 2 : T)
                    variances[i] = shock[i - 1] + beta1 * variances[i - 1];      // sigma[t] = sqrt(... + beta1 * square(sigma[t - 1])), kept squared
                var sigma = TensorOps.Stack<double>(variances, 0).Sqrt();
                return logJacobian + new Normal<double>(mu, sigma).LogProb(y).Sum(); // y ~ normal(mu, sigma);
            })
            .WithGeneratedQuantity("beta1", Beta1);                              // beta1 on Stan's scale
    }
}
