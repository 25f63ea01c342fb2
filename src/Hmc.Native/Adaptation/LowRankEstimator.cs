using Hmc.Native.Backends;
using Hmc.Native.Linalg;
using Hmc.Native.Metrics;

namespace Hmc.Native.Adaptation;

/// <summary>
/// nutpie's low-rank-plus-diagonal mass matrix (Seyboldt, Carlson &amp; Carpenter 2026, "Preconditioning Hamiltonian
/// Monte Carlo by minimizing Fisher divergence", arXiv 2603.18845, §4; nuts-rs <c>low_rank_mass_matrix.rs</c>,
/// github.com/pymc-devs/nuts-rs), fitted to the draws θ and gradients α = ∇log π of the current window:
/// <list type="number">
/// <item>scale each coordinate by the diagonal estimate σᵢ² = √(Var θᵢ / Var αᵢ) (<see cref="FisherDiagonalEstimator"/>):
/// x = (θ − θ̄)/σ, g = (α − ᾱ)·σ;</item>
/// <item>restrict to the span of the scaled draws and gradients (all of ℝⁿ once the window holds n/2 draws), with an
/// orthonormal basis Q;</item>
/// <item>there, with X and G the projected draws and gradients as columns, form Cₓ = XXᵀ/γ + I and C_g = GGᵀ/γ + I
/// (γ = 10⁻⁵, so the identity only regularises directions the window barely saw) and take their geometric mean
/// A = C_g^{−1/2} (C_g^{1/2} Cₓ C_g^{1/2})^{1/2} C_g^{−1/2}, the solution of A C_g A = Cₓ, which minimises the
/// Fisher divergence of a Gaussian with covariance A (for a Gaussian target Cov x = (Cov g)⁻¹, and A is that covariance);</item>
/// <item>keep the eigenvectors of A whose eigenvalues lie outside [1/c, c] with c = 2 (nutpie's defaults); in every
/// other direction the diagonal alone is within a factor 2 of the fit.</item>
/// </list>
/// The result is M⁻¹ = diag(σ) (I + U(Λ − I)Uᵀ) diag(σ) (<see cref="LowRankMetric"/>).
/// </summary>
/// <remarks>
/// The rank is not capped beyond the cut-off, as in nutpie: on a correlated target every direction the diagonal misses
/// by more than a factor 2 is worth its O(n) cost per velocity, and the rank can reach at most min(n, 2·draws). A fit
/// with a non-finite scale or eigen-decomposition is skipped and the previous metric kept. Each fit costs the products
/// of the window's draws (O(n²·draws)) and four symmetric eigendecompositions of the subspace's order.
/// </remarks>
public sealed class LowRankEstimator : IMetricEstimator
{
    /// <summary>nutpie's γ: the weight of the identity regulariser relative to the sums of squares.</summary>
    public const double Regularization = 1e-5;

    /// <summary>nutpie's c: eigenvalues in [1/c, c] are dropped.</summary>
    public const double EigenvalueCutoff = 2;

    private readonly int _dimension;
    private readonly List<double[]> _draws = [];
    private readonly List<double[]> _gradients = [];
    private int _nextStart;
    private double[] _diagonal;

    /// <summary>Creates the estimator for <paramref name="dimension"/> parameters.</summary>
    public LowRankEstimator(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        _dimension = dimension;
        _diagonal = new double[dimension];
        _diagonal.AsSpan().Fill(1);
    }

    /// <inheritdoc />
    public int Count => _draws.Count;

    /// <inheritdoc />
    public int NextCount => _draws.Count - _nextStart;

    /// <inheritdoc />
    public IEuclideanMetric Start(ReadOnlySpan<double> position, ReadOnlySpan<double> gradient, IEuclideanMetric? given)
    {
        Add(position, gradient);
        _diagonal = given?.InverseMassDiagonal() ?? FisherDiagonalEstimator.FromGradient(gradient);
        return new LowRankMetric(_diagonal, [], []);
    }

    /// <inheritdoc />
    public void Add(ReadOnlySpan<double> position, ReadOnlySpan<double> gradient)
    {
        _draws.Add(position.ToArray());
        _gradients.Add(gradient.ToArray());
    }

    /// <inheritdoc />
    public void Switch()
    {
        _draws.RemoveRange(0, _nextStart);
        _gradients.RemoveRange(0, _nextStart);
        _nextStart = _draws.Count;
    }

    /// <inheritdoc />
    public IEuclideanMetric? Estimate()
    {
        if (Count < 3) return null;
        var fit = Fit(_draws, _gradients);
        if (fit is not null) _diagonal = fit.Diagonal;
        return fit?.Metric;
    }

    /// <summary>The fitted metric and its diagonal part D = σ².</summary>
    public sealed record Result(LowRankMetric Metric, double[] Diagonal);

    /// <summary>Fits the low-rank-plus-diagonal M⁻¹ to <paramref name="draws"/> and their <paramref name="gradients"/>; null when a scale or decomposition is not finite.</summary>
    /// <exception cref="ArgumentException">Fewer than two draws, or draws and gradients of different counts or lengths.</exception>
    public static Result? Fit(IReadOnlyList<double[]> draws, IReadOnlyList<double[]> gradients)
    {
        int m = draws.Count;
        if (m < 2 || gradients.Count != m)
            throw new ArgumentException($"A fit needs at least two draws and one gradient per draw; got {m} draws and {gradients.Count} gradients.", nameof(draws));
        int n = draws[0].Length;
        if (draws.Any(d => d.Length != n) || gradients.Any(g => g.Length != n))
            throw new ArgumentException($"Every draw and gradient must have {n} entries.", nameof(draws));

        // Step 1: the diagonal scale and the scaled, centred draws and gradients, one column per draw (n×m row-major).
        var x = new double[n * m];
        var g = new double[n * m];
        var diagonal = new double[n];
        for (int i = 0; i < n; i++)
        {
            var xi = x.AsSpan(i * m, m);
            var gi = g.AsSpan(i * m, m);
            for (int j = 0; j < m; j++)
            {
                xi[j] = draws[j][i];
                gi[j] = gradients[j][i];
            }
            double drawVariance = CentreAndVariance(xi), gradientVariance = CentreAndVariance(gi);
            diagonal[i] = Math.Sqrt(drawVariance / gradientVariance);
            if (!double.IsFinite(diagonal[i]) || !(diagonal[i] > 0)) return null;
            double sigma = Math.Sqrt(diagonal[i]);
            TensorPrimitives.Multiply(xi, 1 / sigma, xi);
            TensorPrimitives.Multiply(gi, sigma, gi);
        }

        // Step 2: an orthonormal basis Q (n×k) of the span of the columns of x and g, or the identity when that is all of ℝⁿ.
        var basis = n <= 2 * m ? null : SpanBasis(x, g, n, m);
        int k = basis is null ? n : basis.Length / n;
        var projectedX = basis is null ? x : Project(basis, x, n, k, m);
        var projectedG = basis is null ? g : Project(basis, g, n, k, m);

        // Step 3: Cₓ = XXᵀ/γ + I, C_g = GGᵀ/γ + I and their geometric mean A.
        var cx = RegularizedGram(projectedX, k, m);
        var cg = RegularizedGram(projectedG, k, m);
        var a = GeometricMean(cx, cg, k);
        var spectrum = SymmetricSpectrum.Of(a, k);
        if (spectrum.Values.Any(v => !double.IsFinite(v))) return null;

        // Step 4: the eigenvectors with eigenvalues outside [1/c, c], mapped back to ℝⁿ (U = Q V).
        var kept = Enumerable.Range(0, k).Where(j => spectrum.Values[j] is > EigenvalueCutoff or < 1 / EigenvalueCutoff).ToArray();
        var values = kept.Select(j => spectrum.Values[j]).ToArray();
        var vectors = new double[kept.Length * n];
        for (int r = 0; r < kept.Length; r++)
        {
            var u = vectors.AsSpan(r * n, n);
            for (int l = 0; l < k; l++)
            {
                double v = spectrum.Vectors[l * k + kept[r]];
                if (basis is null) u[l] = v;
                else TensorPrimitives.MultiplyAdd(basis.AsSpan(l * n, n), v, u, u);
            }
        }
        if (values.Any(v => !(v > 0))) return null;
        return new Result(new LowRankMetric(diagonal, values, vectors), diagonal);
    }

    /// <summary>Subtracts the mean of <paramref name="values"/> in place and returns their variance (divided by their count).</summary>
    private static double CentreAndVariance(Span<double> values)
    {
        double mean = TensorPrimitives.Sum<double>(values) / values.Length;
        TensorPrimitives.Subtract(values, mean, values);
        return TensorPrimitives.Dot<double>(values, values) / values.Length;
    }

    /// <summary>
    /// An orthonormal basis of the span of the m columns of x and the m of g (each n×m row-major), returned as k basis
    /// vectors of length n one after another: Gram–Schmidt with a second orthogonalisation pass ("twice is enough",
    /// Giraud, Langou &amp; Rozložník 2005), dropping a column whose remainder is below 10⁻¹⁰ of its norm (a direction
    /// the columns before it already hold).
    /// </summary>
    private static double[] SpanBasis(double[] x, double[] g, int n, int m)
    {
        var basis = new List<double[]>(2 * m);
        var column = new double[n];
        for (int j = 0; j < 2 * m; j++)
        {
            var source = j < m ? x : g;
            int c = j % m;
            for (int i = 0; i < n; i++) column[i] = source[i * m + c];
            double norm = Math.Sqrt(TensorPrimitives.Dot<double>(column, column));
            if (!(norm > 0)) continue;
            for (int pass = 0; pass < 2; pass++)
                foreach (var q in basis) TensorPrimitives.MultiplyAdd(q, -TensorPrimitives.Dot<double>(q, column), column, column);
            double remainder = Math.Sqrt(TensorPrimitives.Dot<double>(column, column));
            if (!(remainder > 1e-10 * norm)) continue;
            var unit = new double[n];
            TensorPrimitives.Multiply(column, 1 / remainder, unit);
            basis.Add(unit);
        }
        return basis.SelectMany(q => q).ToArray();
    }

    /// <summary>Qᵀ z for the k basis vectors (each of length n) and the n×m matrix z: a k×m row-major matrix.</summary>
    private static double[] Project(double[] basis, double[] z, int n, int k, int m)
    {
        var result = new double[k * m];
        Gemm.MultiplyAdd<double>(basis, false, z, false, result, k, n, m, CpuParallelism.Serial);
        return result;
    }

    /// <summary>Z Zᵀ/γ + I for the k×m matrix Z.</summary>
    private static double[] RegularizedGram(double[] z, int k, int m)
    {
        var result = new double[k * k];
        Gemm.MultiplyAdd<double>(z, false, z, true, result, k, m, k, CpuParallelism.Serial);
        TensorPrimitives.Multiply(result, 1 / Regularization, result);
        for (int i = 0; i < k; i++) result[i * k + i] += 1;
        return result;
    }

    /// <summary>The geometric mean A = B^{−1/2} (B^{1/2} C B^{1/2})^{1/2} B^{−1/2} of C = <paramref name="cx"/> and B⁻¹ with B = <paramref name="cg"/>.</summary>
    private static double[] GeometricMean(double[] cx, double[] cg, int k)
    {
        var gradientSpectrum = SymmetricSpectrum.Of(cg, k);
        var root = gradientSpectrum.MatrixFunction(Math.Sqrt);
        var inverseRoot = gradientSpectrum.MatrixFunction(v => 1 / Math.Sqrt(v));
        var middle = Product(Product(root, cx, k), root, k);
        var middleRoot = SymmetricSpectrum.Of(middle, k).MatrixFunction(v => Math.Sqrt(Math.Max(v, 0)));
        return Product(Product(inverseRoot, middleRoot, k), inverseRoot, k);
    }

    private static double[] Product(double[] a, double[] b, int k)
    {
        var result = new double[k * k];
        Gemm.MultiplyAdd<double>(a, false, b, false, result, k, k, k, CpuParallelism.Serial);
        return result;
    }
}
