using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace Hmc.Native.Tests.Metrics;

/// <summary>The low-rank-plus-diagonal metric against its dense form D^{1/2}(I + U(Λ − I)Uᵀ)D^{1/2}.</summary>
public class LowRankMetricTests
{
    private const int N = 7;
    private static readonly double[] Diagonal = [0.3, 2, 5, 0.01, 1, 40, 0.7];
    private static readonly double[] Eigenvalues = [9, 0.05, 3];

    /// <summary>Three orthonormal vectors (the first columns of a random rotation), one after another.</summary>
    private static double[] Eigenvectors()
    {
        var rng = new Rng(17);
        var q = Matrix<double>.Build.Dense(N, N, (_, _) => rng.NextGaussian()).QR().Q;
        return Enumerable.Range(0, Eigenvalues.Length).SelectMany(k => q.Column(k).ToArray()).ToArray();
    }

    private static LowRankMetric Metric() => new(Diagonal, Eigenvalues, Eigenvectors());

    private static Matrix<double> Dense()
    {
        var u = Matrix<double>.Build.Dense(N, Eigenvalues.Length, Eigenvectors());
        var inner = Matrix<double>.Build.DenseIdentity(N) + u * Matrix<double>.Build.DenseOfDiagonalArray(Eigenvalues.Select(l => l - 1).ToArray()) * u.Transpose();
        var root = Matrix<double>.Build.DenseOfDiagonalArray(Diagonal.Select(Math.Sqrt).ToArray());
        return root * inner * root;
    }

    [Test]
    public void ItsInverseMassVelocityAndDiagonalAreThoseOfTheDenseForm()
    {
        var metric = Metric();
        var dense = Dense();
        var copied = new double[N * N];
        metric.CopyInverseMass(copied);
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) Assert.That(copied[i * N + j], Is.EqualTo(dense[i, j]).Within(1e-12 * 40), $"M⁻¹[{i},{j}]");
        var diagonal = metric.InverseMassDiagonal();
        for (int i = 0; i < N; i++) Assert.That(diagonal[i], Is.EqualTo(dense[i, i]).Within(1e-12 * 40), $"diagonal {i}");
        var rng = new Rng(3);
        var p = Enumerable.Range(0, N).Select(_ => rng.NextGaussian()).ToArray();
        var velocity = new double[N];
        metric.Velocity(p, velocity);
        var expected = dense * Vector<double>.Build.DenseOfArray(p);
        for (int i = 0; i < N; i++) Assert.That(velocity[i], Is.EqualTo(expected[i]).Within(1e-11 * 40), $"velocity {i}");
        Assert.That((metric.Rank, metric.Kind, metric.CmdStanName), Is.EqualTo((3, "low-rank", "dense_e")));
    }

    /// <summary>K(p) = ½ pᵀM⁻¹p (as <see cref="Integrators.PhasePoint.KineticEnergy"/> computes it from the velocity) has gradient M⁻¹p.</summary>
    [Test]
    public void TheVelocityIsTheGradientOfTheKineticEnergy()
    {
        var metric = Metric();
        var rng = new Rng(5);
        var p = Enumerable.Range(0, N).Select(_ => rng.NextGaussian()).ToArray();
        var velocity = new double[N];
        metric.Velocity(p, velocity);
        double Kinetic(double[] q)
        {
            var v = new double[N];
            metric.Velocity(q, v);
            return 0.5 * q.Zip(v, (a, b) => a * b).Sum();
        }
        const double h = 1e-5;
        for (int i = 0; i < N; i++)
        {
            var plus = (double[])p.Clone();
            var minus = (double[])p.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (Kinetic(plus) - Kinetic(minus)) / (2 * h);
            Assert.That(velocity[i], Is.EqualTo(fd).Within(1e-7 * Math.Max(1, Math.Abs(fd))), $"∂K/∂p[{i}]");
        }
    }

    /// <summary>The momenta have covariance M = (M⁻¹)⁻¹: every entry of the sample covariance of 200,000 draws within 4 standard errors.</summary>
    [Test]
    public void MomentaHaveCovarianceTheMassMatrix()
    {
        var metric = Metric();
        var mass = Dense().Inverse();
        const int draws = 200_000;
        var rng = new Rng(11);
        var sum = new double[N * N];
        var p = new double[N];
        for (int k = 0; k < draws; k++)
        {
            metric.SampleMomentum(rng, p);
            for (int i = 0; i < N; i++)
                for (int j = 0; j < N; j++) sum[i * N + j] += p[i] * p[j];
        }
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++)
            {
                // Var(pᵢpⱼ) = MᵢᵢMⱼⱼ + Mᵢⱼ² for a zero-mean Gaussian.
                double se = Math.Sqrt((mass[i, i] * mass[j, j] + mass[i, j] * mass[i, j]) / draws);
                Assert.That(sum[i * N + j] / draws, Is.EqualTo(mass[i, j]).Within(4 * se), $"Cov p[{i},{j}]");
            }
    }

    [Test]
    public void RankZeroIsTheDiagonalMetric()
    {
        var metric = new LowRankMetric(Diagonal, [], []);
        Assert.That(metric.InverseMassDiagonal(), Is.EqualTo(Diagonal).Within(1e-13).Percent);
        var v = new double[N];
        metric.Velocity(Enumerable.Repeat(1.0, N).ToArray(), v);
        Assert.That(v, Is.EqualTo(Diagonal).Within(1e-13).Percent);
    }

    [Test]
    public void BadInputIsAnErrorNamingIt()
    {
        var vectors = Eigenvectors();
        var ex = Assert.Throws<ArgumentException>(() => new LowRankMetric([1.0, 0.0, 1, 1, 1, 1, 1], Eigenvalues, vectors));
        Assert.That(ex!.Message, Does.Contain("diagonal entry 1 is 0"));
        ex = Assert.Throws<ArgumentException>(() => new LowRankMetric(Diagonal, [9, -1, 3], vectors));
        Assert.That(ex!.Message, Does.Contain("eigenvalue 1 is -1"));
        ex = Assert.Throws<ArgumentException>(() => new LowRankMetric(Diagonal, Eigenvalues, vectors[..^1]));
        Assert.That(ex!.Message, Does.Contain("3 eigenvectors of length 7 need 21 entries; got 20"));
        var skewed = (double[])vectors.Clone();
        skewed[N] += 0.1;
        ex = Assert.Throws<ArgumentException>(() => new LowRankMetric(Diagonal, Eigenvalues, skewed));
        Assert.That(ex!.Message, Does.Contain("must be orthonormal"));
    }
}
