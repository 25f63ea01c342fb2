using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The LKJ distribution (Lewandowski, Kurowicka &amp; Joe 2009) of a K×K correlation matrix R, p(R) ∝ det(R)^(η − 1),
/// on its lower Cholesky factor L (R = LLᵀ), as Stan's <c>lkj_corr_cholesky_lpdf</c>:
/// <code>
///   ln p(L) = Σ_{k=2..K} (K − k + 2η − 2) ln L_kk + ln c_K(η),
///   ln c_K(η) = −Σ_{i=1..K−1} [ (2η − 2 + K − i)(K − i) ln 2 + (K − i) ln B(bᵢ, bᵢ) ],   bᵢ = η + (K − i − 1)/2,
/// </code>
/// where (K − k) ln L_kk is the log-Jacobian of L ↦ R and 1/c_K(η) = ∫ det(R)^(η − 1) dR (LKJ 2009, the onion method,
/// section 3.2). η = 1 is uniform over correlation matrices; η &gt; 1 favours the identity. Values have shape [..., K, K].
/// </summary>
/// <remarks>
/// Differentiable in L and η. A value that is not the Cholesky factor of a correlation matrix — an element above the
/// diagonal that is not 0, a diagonal element that is not positive, or a row whose squared norm is not 1 within √ε·K
/// (ε the machine epsilon) — gives −∞ (with zero gradient); NaN gives NaN. An η that is not positive and finite
/// throws as a constant and gives −∞ for its batch element on a tape (see <see cref="Distribution{T}"/>).
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class LkjCholesky<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An LKJ distribution over K×K correlation matrices (<paramref name="dimension"/> = K ≥ 1) with shape <paramref name="concentration"/> η.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is below 1.</exception>
    /// <exception cref="ArgumentException">η is the none tensor, or a constant that is not positive and finite.</exception>
    public LkjCholesky(int dimension, Tensor<T> concentration)
        : base("LkjCholesky", DistributionArguments.ShapeOf("LkjCholesky", concentration, nameof(concentration)), Shape.Matrix(CheckDimension(dimension), dimension))
    {
        Concentration = Checked(concentration, nameof(concentration), ParameterRule<T>.Positive);
    }

    /// <summary>The shape η.</summary>
    public Tensor<T> Concentration { get; }

    /// <summary>The order K of the correlation matrix.</summary>
    public int Dimension => EventShape[0];

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The value is not [..., K, K], or its leading axes do not broadcast with the batch shape.</exception>
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        DistributionArguments.RequireTensor(value, Name, nameof(value));
        int k = Dimension;
        var valueShape = value.Shape;
        if (valueShape.Rank < 2 || valueShape[-1] != k || valueShape[-2] != k)
            throw new ShapeMismatchException($"{Name}.LogProb (value and event shapes)", valueShape, EventShape, $"the value must end in {k}×{k}");
        Shape.Broadcast(valueShape.RemoveAxis(-1).RemoveAxis(-1), BatchShape, $"{Name}.LogProb (value and batch shapes)");
        var eta = Concentration;
        var logC = LogNormaliser(eta, k);
        var inside = IsCorrelationFactor(value);
        if (k == 1) return Support.Restrict(inside, value.Sum(-1).Sum(-1) * T.Zero + logC);
        var identity = Tensor.Identity<T>(k);
        var l = inside.IsNone ? value : TensorOps.Where(inside.Unsqueeze(-1).Unsqueeze(-1), value, identity);
        // ln L_kk for k = 2..K: the diagonal picked by a product with the identity, summed along each row.
        var logDiagonal = (l * identity).Sum(-1).Slice(-1, 1..k).Log();
        var coefficients = new T[k - 1];
        for (int j = 0; j < k - 1; j++) coefficients[j] = T.CreateTruncating(k - j - 4);   // K − k − 2 at k = j + 2
        var fixedPart = (logDiagonal * Tensor.FromSpan<T>(coefficients, Shape.Vector(k - 1))).Sum(-1);
        return Support.Restrict(inside, fixedPart + eta * T.CreateTruncating(2) * logDiagonal.Sum(-1) + logC);
    }

    /// <summary>ln c_K(η) of the class summary, differentiable in η.</summary>
    private static Tensor<T> LogNormaliser(Tensor<T> eta, int k)
    {
        var logC = eta * T.Zero;
        T ln2 = T.CreateTruncating(Math.Log(2));
        for (int i = 1; i < k; i++)
        {
            T m = T.CreateTruncating(k - i);
            var b = eta + T.CreateTruncating((k - i - 1) / 2.0);
            var logBeta = b.LogGamma() * T.CreateTruncating(2) - (b * T.CreateTruncating(2)).LogGamma();
            logC = logC - (eta * T.CreateTruncating(2) - T.CreateTruncating(2) + m) * (m * ln2) - logBeta * m;
        }
        return logC;
    }

    /// <summary>The 0/1 mask over the value's leading axes of the matrices that are Cholesky factors of correlation matrices (NaN counts as inside), or none when all are.</summary>
    private Tensor<T> IsCorrelationFactor(Tensor<T> value)
    {
        int k = Dimension, size = k * k, count = value.Length / size;
        T tolerance = T.Sqrt(T.BitIncrement(T.One) - T.One) * T.CreateTruncating(k);
        bool Inside(int index)
        {
            var l = value.Values.Slice(index * size, size);
            for (int i = 0; i < k; i++)
            {
                if (l[i * k + i] <= T.Zero) return false;
                T norm = T.Zero;
                for (int j = 0; j < k; j++)
                {
                    T v = l[i * k + j];
                    if (j > i && v != T.Zero && !T.IsNaN(v)) return false;
                    norm += v * v;
                }
                if (T.Abs(norm - T.One) > tolerance) return false;
            }
            return true;
        }
        int first = 0;
        while (first < count && Inside(first)) first++;
        if (first == count) return default;
        var batchShape = value.Shape.RemoveAxis(-1).RemoveAxis(-1);
        var tape = Tape<T>.Common(value, Concentration);
        var mask = tape is null ? Tensor.Ones<T>(batchShape) : tape.Filled(batchShape, T.One);
        for (int index = first; index < count; index++)
        {
            if (!Inside(index)) mask.MutableValues[index] = T.Zero;
        }
        return mask;
    }

    private static int CheckDimension(int dimension)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "LkjCholesky: 'dimension' (the order K of the correlation matrix) must be at least 1.");
        return dimension;
    }
}
