using Hmc.Native.Backends;
using Hmc.Native.Bayes;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Backends;

public class ChainParallelismTests
{
    /// <summary>
    /// A logistic regression (a Linear(64, 1) network on 40,000 rows, so its matrix product crosses the parallel
    /// threshold) sampled by four chains under a two-core policy: the chains get one thread each and run two at a
    /// time, so at most two threads are ever busy inside the log-density.
    /// </summary>
    [Test]
    public void FourChainsOnTwoCoresKeepAtMostTwoThreadsBusy()
    {
        const int rows = 40_000, features = 64;
        Assert.That((long)rows * features, Is.GreaterThan(Gemm.ParallelWork), "the product must cross the parallel threshold");
        var rng = new Random(3);
        var x = new float[rows * features];
        var y = new float[rows];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.NextDouble() - 0.5);
        for (int i = 0; i < rows; i++) y[i] = rng.NextDouble() < 0.5 ? 0 : 1;
        var model = new Linear<float>(features, 1);
        var posterior = new ModelLogDensity<float>(model, Tensor.FromSpan<float>(x, new Shape(rows, features)), Tensor.FromSpan<float>(y, Shape.Vector(rows)),
            Likelihood<float>.For(ModelLoss.BinaryClassLinearOutput), ModelPrior.For(model, null), parallelism: new CpuParallelism(2));
        var evaluations = new ConcurrencyProbe();
        var workers = new ConcurrencyProbe();
        var budgets = new HashSet<int>();
        var density = new CountingDensity(posterior, evaluations, workers, budgets);

        var result = Sampling.Sample(density, new double[model.ParameterCount], new SampleOptions
        {
            Chains = 4, NumSamples = 6, NumStepsPerSample = 3, StepSize = 0.001, Seed = 11,
        });

        Assert.That(result.Chains, Has.Count.EqualTo(4));
        lock (budgets) Assert.That(budgets, Is.EqualTo(new[] { 1 }), "each chain's thread budget");
        Assert.That(evaluations.MaxBusy, Is.InRange(1, 2), "concurrent evaluations × threads each");
        Assert.That(workers.MaxBusy, Is.InRange(1, 2), "threads busy in the evaluations' parallel loops");
    }

    [Test]
    public void AForkRunsUnderTheBudgetItIsGiven()
    {
        var model = new Linear<float>(3, 1);
        var posterior = new ModelLogDensity<float>(model, Tensor.FromSpan<float>(new float[6], new Shape(2, 3)), Tensor.FromSpan<float>(new float[2], Shape.Vector(2)),
            Likelihood<float>.For(ModelLoss.BinaryClassLinearOutput), prior: null, parallelism: new CpuParallelism(6));
        var split = ChainParallelism.For(posterior, chains: 3);
        Assert.That(split.ConcurrentChains, Is.EqualTo(3));
        Assert.That(((IParallelLogDensity)split.DensityFor(posterior, 0)).Parallelism, Is.EqualTo(new CpuParallelism(2)));
        Assert.That(((IParallelLogDensity)posterior.Fork()).Parallelism, Is.EqualTo(new CpuParallelism(6)));
        Assert.That(ChainParallelism.For(posterior, chains: 1).DensityFor(posterior, 0), Is.SameAs(posterior));
    }

    /// <summary>
    /// Wraps a model log-density: every evaluation counts itself busy with its fork's thread budget, evaluates the
    /// model, and runs a probe loop through the same budget that counts the threads it keeps busy.
    /// </summary>
    private sealed class CountingDensity(ModelLogDensity<float> inner, ConcurrencyProbe evaluations, ConcurrencyProbe workers, HashSet<int> budgets)
        : IParallelLogDensity
    {
        public int Dimension => inner.Dimension;

        public CpuParallelism Parallelism => inner.Parallelism;

        public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient)
        {
            int threads = Parallelism.Cores;
            evaluations.Enter(threads);
            try
            {
                double value = inner.Evaluate(position, gradient);
                Parallelism.Run(new ProbeWork(workers, spinMicroseconds: 200), items: 8, Parallelism.Chunks(8, long.MaxValue / 16));
                return value;
            }
            finally
            {
                evaluations.Exit(threads);
            }
        }

        public ILogDensity Fork() => Fork(Parallelism);

        public ILogDensity Fork(CpuParallelism parallelism)
        {
            lock (budgets) budgets.Add(parallelism.Cores);
            return new CountingDensity((ModelLogDensity<float>)inner.Fork(parallelism), evaluations, workers, budgets);
        }
    }
}
