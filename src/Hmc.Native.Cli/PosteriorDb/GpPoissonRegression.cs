using Hmc.Native.Distributions;
using Hmc.Native.Linalg;
using Hmc.Native.Models;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.PosteriorDb;

/// <summary>
/// posteriordb's <c>gp_pois_regr-gp_pois_regr</c>: Poisson counts with a log-rate drawn from a Gaussian process
/// with a squared-exponential kernel, in the non-centred parameterisation f = L·f̃ with L the Cholesky factor of
/// the kernel matrix.
/// </summary>
public static class GpPoissonRegression
{
    /// <summary>The posterior's folder name and model.</summary>
    public static PosteriorDefinition Definition { get; } = new("gp_pois_regr-gp_pois_regr", Create);

    /// <summary>The model of <c>model.stan</c> on <paramref name="data"/>.</summary>
    public static Model Create(PosteriorData data)
    {
        int n = data.Int("N");                                                   // int<lower=1> N;
        var x = data.Vector("x", n);                                             // array[N] real x;
        var k = Tensor.FromVector(data.Vector("k", n));                          // array[N] int k;
        var squaredDistance = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) squaredDistance[i, j] = (x[i] - x[j]) * (x[i] - x[j]);
        var distances = Tensor.FromMatrix(squaredDistance);
        var jitter = Tensor.Identity<double>(n) * 1e-10;                         // diag_matrix(rep_vector(1e-10, N))
        var rhoPrior = new Gamma<double>(Tensor.Scalar(25.0), Tensor.Scalar(4.0));
        var alphaPrior = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(2.0));
        var standard = new Normal<double>(Tensor.Scalar(0.0), Tensor.Scalar(1.0));
        Tensor<double> F(ParameterValues p)
        {
            var rho = p["rho"];
            var alpha = p["alpha"];
            var cov = alpha.Square() * (distances * (-0.5 / rho.Square())).Exp() + jitter; // gp_exp_quad_cov(x, alpha, rho) + diag_matrix(...)
            var lCov = cov.Cholesky();                                           // L_cov = cholesky_decompose(cov);
            return lCov.MatMul(p["f_tilde"]);                                    // f = L_cov * f_tilde;
        }
        return new Model()
            .Parameter("rho", Constraint.Positive)                               // real<lower=0> rho;
            .Parameter("alpha", Constraint.Positive)                             // real<lower=0> alpha;
            .Parameter("f_tilde", n)                                             // vector[N] f_tilde;
            .WithLogDensity(p =>
            {
                var f = F(p);
                return rhoPrior.LogProb(p["rho"]).Sum()                          // rho ~ gamma(25, 4);
                       + alphaPrior.LogProb(p["alpha"]).Sum()                    // alpha ~ normal(0, 2);
                       + standard.LogProb(p["f_tilde"]).Sum()                    // f_tilde ~ normal(0, 1);
                       + (k * f - f.Exp()).Sum();                                // k ~ poisson_log(f); (without the constant -log k!)
            })
            .WithGeneratedQuantity("f", Shape.Vector(n), F);                     // vector[N] f; (transformed parameters)
    }
}
