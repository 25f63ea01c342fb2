using System.Numerics;
using Hmc.Native.Linalg;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;

namespace Hmc.Native.Distributions;

/// <summary>
/// The multivariate normal distribution N(μ, Σ) on ℝᵈ, parameterised by the covariance Σ, the precision P = Σ⁻¹ or
/// the lower-triangular Cholesky factor L of Σ = LLᵀ (PyTorch's <c>scale_tril</c>):
/// <code>
///   ln p(x) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ) − ½ ln det Σ − (d/2) ln 2π
///           = −½ ‖L⁻¹(x − μ)‖² − Σᵢ ln Lᵢᵢ − (d/2) ln 2π                 (Σ or L given: one triangular solve),
///           = −½ ‖L_Pᵀ(x − μ)‖² + Σᵢ ln (L_P)ᵢᵢ − (d/2) ln 2π            (P = L_P L_Pᵀ given: one product).
/// </code>
/// Values have shape [..., d]; μ has shape [..., d] too, its leading axes are the batch shape, and the d×d matrix
/// is shared by the whole batch.
/// </summary>
/// <remarks>
/// Differentiable in x, μ and the matrix, to any order (the Cholesky factorisation, the triangular solve and the
/// product have differentiable backward rules). A covariance or precision matrix is factored once when the
/// distribution is built; only its lower triangle is read after the symmetry check, and the gradient with respect
/// to it is that of its symmetric part. A tape matrix that is invalid (not finite, not symmetric, not positive
/// definite, not a lower-triangular factor with a positive diagonal) gives the whole batch −∞ (the identity is used
/// in its place); a tape mean with an element that is not finite gives its batch element −∞. A value with an
/// infinite element gives −∞; NaN gives NaN.
/// </remarks>
public sealed class MultivariateNormal<T> : Distribution<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T> _factor;
    private readonly bool _factorOfPrecision;
    private readonly Tensor<T> _halfLogDeterminant;

    private MultivariateNormal(Tensor<T> loc, Tensor<T> covariance, Tensor<T> precision, Tensor<T> scaleTril)
        : base("MultivariateNormal", loc.Shape.RemoveAxis(-1), Shape.Vector(loc.Shape[-1]))
    {
        Loc = Checked(loc, nameof(loc), ParameterRule<T>.Finite, eventAxes: 1);
        _factorOfPrecision = !precision.IsNone;
        if (scaleTril.IsNone)
        {
            string name = _factorOfPrecision ? "precisionMatrix" : "covarianceMatrix";
            var matrix = _factorOfPrecision ? precision : covariance;
            matrix = CheckedMatrix(matrix, name, FiniteProblem(matrix, name) ?? SymmetryProblem(matrix, name) ?? PositiveDefiniteProblem(matrix, name));
            CovarianceMatrix = _factorOfPrecision ? default : matrix;
            PrecisionMatrix = _factorOfPrecision ? matrix : default;
            _factor = Factor(matrix, name);
        }
        else
        {
            _factor = CheckedMatrix(scaleTril, nameof(scaleTril), FiniteProblem(scaleTril, nameof(scaleTril)) ?? TriangularProblem(scaleTril));
        }
        ScaleTril = _factorOfPrecision ? default : _factor;
        // Σᵢ ln Lᵢᵢ: the diagonal picked by a product with the identity, summed along each row.
        var logDiagonalSum = (_factor * Tensor.Identity<T>(Dimension)).Sum(1).Log().Sum();
        _halfLogDeterminant = _factorOfPrecision ? -logDiagonalSum : logDiagonalSum;
    }

    /// <summary>A multivariate normal with mean <paramref name="loc"/> ([..., d]) and covariance <paramref name="covarianceMatrix"/> (d×d, symmetric positive definite).</summary>
    /// <exception cref="ArgumentException">
    /// The mean has rank 0 or the matrix is not d×d; or, for constants, the mean is not finite or the matrix not finite or
    /// not symmetric (within √ε of its largest element). Tape parameters that break these rules give −∞.
    /// </exception>
    /// <exception cref="NotPositiveDefiniteException">A constant covariance is not positive definite.</exception>
    /// <exception cref="ShapeMismatchException">The matrix's order differs from the mean's last dimension.</exception>
    public static MultivariateNormal<T> FromCovariance(Tensor<T> loc, Tensor<T> covarianceMatrix)
    {
        CheckLoc(loc);
        CheckMatrix(loc, covarianceMatrix, nameof(covarianceMatrix));
        return new(loc, covarianceMatrix, default, default);
    }

    /// <summary>A multivariate normal with mean <paramref name="loc"/> ([..., d]) and precision (inverse covariance) <paramref name="precisionMatrix"/> (d×d, symmetric positive definite).</summary>
    /// <exception cref="ArgumentException">
    /// The mean has rank 0 or the matrix is not d×d; or, for constants, the mean is not finite or the matrix not finite or
    /// not symmetric (within √ε of its largest element). Tape parameters that break these rules give −∞.
    /// </exception>
    /// <exception cref="NotPositiveDefiniteException">A constant precision is not positive definite.</exception>
    /// <exception cref="ShapeMismatchException">The matrix's order differs from the mean's last dimension.</exception>
    public static MultivariateNormal<T> FromPrecision(Tensor<T> loc, Tensor<T> precisionMatrix)
    {
        CheckLoc(loc);
        CheckMatrix(loc, precisionMatrix, nameof(precisionMatrix));
        return new(loc, default, precisionMatrix, default);
    }

    /// <summary>
    /// A multivariate normal with mean <paramref name="loc"/> ([..., d]) and covariance LLᵀ for the lower-triangular
    /// <paramref name="scaleTril"/> L (d×d, zeros above the diagonal, a positive diagonal).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The mean has rank 0 or the matrix is not d×d; or, for constants, the mean is not finite or the matrix not finite,
    /// with a nonzero element above the diagonal or a diagonal element that is not positive. Tape parameters that break
    /// these rules give −∞.
    /// </exception>
    /// <exception cref="ShapeMismatchException">The matrix's order differs from the mean's last dimension.</exception>
    public static MultivariateNormal<T> FromScaleTril(Tensor<T> loc, Tensor<T> scaleTril)
    {
        CheckLoc(loc);
        CheckMatrix(loc, scaleTril, nameof(scaleTril));
        return new(loc, default, default, scaleTril);
    }

    /// <summary>The mean μ, shape [..., d].</summary>
    public Tensor<T> Loc { get; }

    /// <summary>The covariance Σ when built by <see cref="FromCovariance"/>; none otherwise.</summary>
    public Tensor<T> CovarianceMatrix { get; }

    /// <summary>The precision P when built by <see cref="FromPrecision"/>; none otherwise.</summary>
    public Tensor<T> PrecisionMatrix { get; }

    /// <summary>The Cholesky factor L of Σ (given, or computed from the covariance); none when built from the precision.</summary>
    public Tensor<T> ScaleTril { get; }

    /// <summary>The dimension d of one draw.</summary>
    public int Dimension => EventShape[0];

    /// <inheritdoc />
    /// <exception cref="ShapeMismatchException">The value's last dimension is not d, or its leading axes do not broadcast with the batch shape.</exception>
    private protected override Tensor<T> LogProbCore(Tensor<T> value)
    {
        DistributionArguments.RequireTensor(value, Name, nameof(value));
        Shape valueShape = value.Shape;
        int d = Dimension;
        if (valueShape.Rank == 0 || valueShape[-1] != d)
            throw new ShapeMismatchException($"{Name}.LogProb (value and event shapes)", valueShape, EventShape, $"the value's last dimension must be {d}");
        var batch = Shape.Broadcast(valueShape.RemoveAxis(-1), BatchShape, $"{Name}.LogProb (value and batch shapes)");
        var difference = value - Loc;
        Tensor<T> squaredNorm;
        if (_factorOfPrecision)
        {
            // ‖L_Pᵀ(x − μ)‖², each difference as a row: (x − μ)ᵀ L_P.
            squaredNorm = difference.MatMul(_factor).Square().Sum(-1);
        }
        else
        {
            // ‖L⁻¹(x − μ)‖², the differences as the columns of one right-hand side.
            var columns = difference.Reshape(batch.Length, d).Transpose();
            squaredNorm = _factor.TriangularSolve(columns, lower: true).Square().Sum(0).Reshape(batch);
        }
        return squaredNorm * T.CreateTruncating(-0.5) - _halfLogDeterminant - T.CreateTruncating(d * Normal<T>.HalfLogTwoPi);
    }

    /// <summary>The Cholesky factor of the given matrix, with an error that names the parameter.</summary>
    private static Tensor<T> Factor(Tensor<T> matrix, string name)
    {
        try
        {
            return matrix.Cholesky();
        }
        catch (NotPositiveDefiniteException e)
        {
            throw new NotPositiveDefiniteException($"MultivariateNormal: '{name}'", e.PivotIndex, e.PivotValue);
        }
    }

    private static void CheckLoc(Tensor<T> loc)
    {
        var shape = DistributionArguments.ShapeOf("MultivariateNormal", loc, nameof(loc));
        if (shape.Rank == 0 || shape[-1] == 0)
            throw new ArgumentException($"MultivariateNormal: 'loc' must have the dimension on its last axis (shape [..., d], d ≥ 1); its shape is {shape}.", nameof(loc));
    }

    /// <summary>Checks that the matrix is d×d with d the last dimension of the mean.</summary>
    private static void CheckMatrix(Tensor<T> loc, Tensor<T> matrix, string name)
    {
        var shape = DistributionArguments.ShapeOf("MultivariateNormal", matrix, name);
        int d = loc.Shape[-1];
        if (shape.Rank != 2 || shape[0] != shape[1])
            throw new ArgumentException($"MultivariateNormal: '{name}' must be a square matrix (one d×d matrix shared by the batch); its shape is {shape}.", name);
        if (shape[0] != d)
            throw new ShapeMismatchException($"MultivariateNormal: parameters 'loc' and '{name}'", loc.Shape, shape, $"the matrix must be {d}×{d}");
    }

    /// <summary>
    /// The matrix when <paramref name="problem"/> is null. Otherwise a constant throws with the problem as its message;
    /// a tape matrix gives the whole batch −∞ and is replaced by the identity.
    /// </summary>
    private Tensor<T> CheckedMatrix(Tensor<T> matrix, string name, string? problem)
    {
        if (problem is null) return matrix;
        if (matrix.Tape is not { } tape) throw new ArgumentException(problem, name);
        InvalidateAll(tape);
        return TensorOps.Where(tape.Filled(Shape.Scalar, T.Zero), matrix, Tensor.Identity<T>(Dimension));
    }

    /// <summary>The message for the first element that is not finite, or null.</summary>
    private static string? FiniteProblem(Tensor<T> matrix, string name)
    {
        var a = matrix.Values;
        for (int i = 0; i < a.Length; i++)
        {
            if (!T.IsFinite(a[i])) return $"MultivariateNormal: '{name}' must be finite; element {i} is {a[i]}.";
        }
        return null;
    }

    /// <summary>
    /// For a tape matrix, the message when its Cholesky factorisation fails; null otherwise (a constant that is not
    /// positive definite throws <see cref="NotPositiveDefiniteException"/> when it is factored).
    /// </summary>
    private static string? PositiveDefiniteProblem(Tensor<T> matrix, string name)
    {
        if (!matrix.IsOnTape) return null;
        int d = matrix.Shape[0];
        var scratch = new T[d * d];
        return Cholesky.TryFactor<T>(matrix.Values, d, scratch, out int pivot, out T value)
            ? null
            : $"MultivariateNormal: '{name}' must be positive definite; pivot {pivot} of its Cholesky factorisation is {value}.";
    }

    /// <summary>The message for a factor with a nonzero element above the diagonal or a diagonal element that is not positive, or null.</summary>
    private static string? TriangularProblem(Tensor<T> scaleTril)
    {
        var l = scaleTril.Values;
        int d = scaleTril.Shape[0];
        for (int i = 0; i < d; i++)
        {
            if (!(l[i * d + i] > T.Zero))
                return $"MultivariateNormal: the diagonal of 'scaleTril' must be positive; element ({i}, {i}) is {l[i * d + i]}.";
            for (int j = i + 1; j < d; j++)
            {
                if (l[i * d + j] != T.Zero)
                    return $"MultivariateNormal: 'scaleTril' must be lower triangular; element ({i}, {j}) is {l[i * d + j]}.";
            }
        }
        return null;
    }

    /// <summary>The message when some |aᵢⱼ − aⱼᵢ| &gt; √ε·max|a|, or null.</summary>
    private static string? SymmetryProblem(Tensor<T> matrix, string name)
    {
        var a = matrix.Values;
        int d = matrix.Shape[0];
        T tolerance = T.Sqrt(T.BitIncrement(T.One) - T.One) * TensorPrimitives.MaxMagnitude(a);
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (T.Abs(a[i * d + j] - a[j * d + i]) > T.Abs(tolerance))
                    return $"MultivariateNormal: '{name}' must be symmetric; elements ({i}, {j}) = {a[i * d + j]} and ({j}, {i}) = {a[j * d + i]} differ.";
            }
        }
        return null;
    }
}
