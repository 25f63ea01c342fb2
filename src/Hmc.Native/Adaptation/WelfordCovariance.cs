namespace Hmc.Native.Adaptation;

/// <summary>
/// Welford's online estimate of the mean and (co)variance of the draws in one adaptation window (Welford 1962),
/// regularised towards the identity as Stan does: Σ̂ ← n/(n+5) Σ̂ + 10⁻³·5/(n+5) I.
/// </summary>
public sealed class WelfordCovariance
{
    private readonly double[] _mean;
    private readonly double[] _m2;
    private readonly double[] _delta;
    private readonly bool _dense;

    /// <summary>Creates an estimator of a diagonal (<paramref name="dense"/> false) or full covariance.</summary>
    public WelfordCovariance(int dimension, bool dense)
    {
        Dimension = dimension;
        _dense = dense;
        _mean = new double[dimension];
        _delta = new double[dimension];
        _m2 = new double[dense ? dimension * dimension : dimension];
    }

    /// <summary>The number of parameters.</summary>
    public int Dimension { get; }

    /// <summary>The draws added since the last reset.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every draw.</summary>
    public void Reset()
    {
        Count = 0;
        Array.Clear(_mean);
        Array.Clear(_m2);
    }

    /// <summary>Adds one draw.</summary>
    public void Add(ReadOnlySpan<double> x)
    {
        Count++;
        int n = Dimension;
        for (int i = 0; i < n; i++)
        {
            _delta[i] = x[i] - _mean[i];
            _mean[i] += _delta[i] / Count;
        }
        if (_dense)
        {
            for (int i = 0; i < n; i++)
            {
                double di = x[i] - _mean[i];
                var row = _m2.AsSpan(i * n, n);
                for (int j = 0; j < n; j++) row[j] += _delta[j] * di;
            }
        }
        else
        {
            for (int i = 0; i < n; i++) _m2[i] += _delta[i] * (x[i] - _mean[i]);
        }
    }

    /// <summary>The unbiased sample (co)variance Σ(x − x̄)(x − x̄)ᵀ/(n − 1): n entries (diagonal) or n×n row-major (dense).</summary>
    /// <exception cref="InvalidOperationException">Fewer than two draws.</exception>
    public double[] Covariance() => Scaled(1.0 / (Count - 1.0));

    /// <summary>The regularised sample (co)variance: n entries (diagonal) or n×n row-major (dense).</summary>
    /// <exception cref="InvalidOperationException">Fewer than two draws.</exception>
    public double[] RegularizedCovariance()
    {
        int n = Dimension;
        double shrink = 1e-3 * 5.0 / (Count + 5.0);
        var result = Scaled(Count / (Count + 5.0) / (Count - 1.0));
        if (_dense)
        {
            for (int i = 0; i < n; i++)
            {
                result[i * n + i] += shrink;
                for (int j = 0; j < i; j++)
                {
                    double s = 0.5 * (result[i * n + j] + result[j * n + i]);
                    result[i * n + j] = result[j * n + i] = s;
                }
            }
        }
        else
        {
            for (int i = 0; i < n; i++) result[i] += shrink;
        }
        return result;
    }

    /// <summary>The accumulated sums of squares times <paramref name="scale"/>.</summary>
    private double[] Scaled(double scale)
    {
        if (Count < 2) throw new InvalidOperationException("A covariance needs at least two draws.");
        var result = new double[_m2.Length];
        TensorPrimitives.Multiply(_m2, scale, result);
        return result;
    }
}
