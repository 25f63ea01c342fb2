using Hmc.Native.Distributions;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// posteriordb's <c>diamonds-diamonds</c>: brms's linear regression of log price on 24 centred predictors with a
/// Student t intercept and a half Student t residual scale; its coefficients are strongly correlated.
/// </summary>
public static class Diamonds
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("diamonds-diamonds", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=1> N;
        var y = Tensor.FromVector(data.Vector("Y", n));                          // vector[N] Y;
        int k = data.Int("K");                                                   // int<lower=1> K;
        var x = data.Matrix("X", n, k);                                          // matrix[N, K] X;
        bool priorOnly = data.Int("prior_only") != 0;                            // int prior_only;
        int kc = k - 1;                                                          // int Kc = K - 1;
        var xc = new double[n, kc];                                              // matrix[N, Kc] Xc;
        var meansX = new double[kc];                                             // vector[Kc] means_X;
        for (int i = 1; i < k; i++)
        {
            double mean = 0;
            for (int r = 0; r < n; r++) mean += x[r, i];
            meansX[i - 1] = mean / n;                                            // means_X[i - 1] = mean(X[ : , i]);
            for (int r = 0; r < n; r++) xc[r, i - 1] = x[r, i] - meansX[i - 1];  // Xc[ : , i - 1] = X[ : , i] - means_X[i - 1];
        }
        var centred = Tensor.FromMatrix(xc);
        var means = Tensor.FromVector(meansX);
        var bPrior = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(1.0));
        var interceptPrior = new StudentT<double>(Tensor.Scalar(3.0), Tensor.Scalar(8.0), Tensor.Scalar(10.0));
        var sigmaPrior = new StudentT<double>(Tensor.Scalar(3.0), Tensor.Scalar(0.0), Tensor.Scalar(10.0));
        return new Model()
            .Parameter("b", kc)                                                  // vector[Kc] b;
            .Parameter("Intercept")                                              // real Intercept;
            .Parameter("sigma", Constraint.Positive)                             // real<lower=0> sigma;
            .WithLogDensity(p =>
            {
                var b = p["b"];
                var intercept = p["Intercept"];
                var sigma = p["sigma"];
                var lp = bPrior.LogProb(b).Sum()                                 // target += normal_lpdf(b | 0, 1);
                         + interceptPrior.LogProb(intercept).Sum()               // target += student_t_lpdf(Intercept | 3, 8, 10);
                         + sigmaPrior.LogProb(sigma).Sum();                      // target += student_t_lpdf(sigma | 3, 0, 10) - 1 * student_t_lccdf(0 | 3, 0, 10); (the lccdf is a constant)
                if (priorOnly) return lp;                                        // if (!prior_only) {
                var mu = intercept + centred.MatMul(b);
                return lp + new Normal<double>(mu, sigma).LogProb(y).Sum();      // target += normal_id_glm_lpdf(Y | Xc, Intercept, b, sigma); }
            })
            .WithGeneratedQuantity("b_Intercept", p => p["Intercept"] - means.Dot(p["b"])); // real b_Intercept = Intercept - dot_product(means_X, b);
    }
}
