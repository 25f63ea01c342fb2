using Hmc.Native.Bayes;
using Hmc.Native.Gpu;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary><see cref="DeviceSampling.SampleModel"/>: the device run against the CPU run of <see cref="ModelSampling.SampleModel{T}"/> with the same seed.</summary>
public sealed class DeviceModelSamplingTests
{
    private static readonly DeviceOptions IlgpuCpu = new() { Device = Device.IlgpuCpu };

    private static SampleOptions Options(Sampler sampler) => new()
    {
        Sampler = sampler, NumSamples = 6, Burn = 2, StepSize = 0.06, Chains = 2, Seed = 2024,
        NumStepsPerSample = sampler == Sampler.Hmc ? 3 : new SampleOptions().NumStepsPerSample,
        MaxTreeDepth = sampler == Sampler.Nuts ? 3 : new SampleOptions().MaxTreeDepth,
    };

    [Test]
    public void HmcOnTheIlgpuCpuDeviceReproducesTheCpuChains()
    {
        var model = BayesianNetworks.SmallCnn();
        var x = BayesianNetworks.Images(4, 501);
        var y = BayesianNetworks.Labels(4, 3, 502);
        var cpu = ModelSampling.SampleModel(model, x, y, options: Options(Sampler.Hmc), initSeed: 1);
        var gpu = DeviceSampling.SampleModel(model, x, y, IlgpuCpu with { MomentumSource = MomentumSource.Host }, options: Options(Sampler.Hmc), initSeed: 1);
        Assert.That(gpu.ParameterNames, Is.EqualTo(cpu.ParameterNames));
        Assert.That(gpu.Chains, Has.Count.EqualTo(2));
        Assert.That(gpu.InvalidProposals, Is.Zero);
        for (int c = 0; c < 2; c++)
        {
            Assert.That(gpu.Chains[c].Draws, Has.Count.EqualTo(6));
            Assert.That(gpu.Chains[c].Accepted, Is.EqualTo(cpu.Chains[c].Accepted), $"chain {c}: accepted draws");
            for (int s = 0; s < 6; s++)
            {
                var expected = cpu.Chains[c].Draws[s];
                var actual = gpu.Chains[c].Draws[s];
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.That(actual[i], Is.EqualTo(expected[i]).Within(1e-4 * (1 + Math.Abs(expected[i]))), $"chain {c}, draw {s}, parameter {i}");
                }
            }
        }

        Assert.That(gpu.Chains.Sum(c => c.Accepted), Is.GreaterThan(0));
    }

    [Test]
    public void TheSinkReceivesExactlyTheThinnedDrawsOfTheCpuChain()
    {
        var model = BayesianNetworks.SmallCnn();
        var x = BayesianNetworks.Images(4, 520);
        var y = BayesianNetworks.Labels(4, 3, 521);
        var sunk = new List<double[]>();
        var options = Options(Sampler.Hmc) with { Chains = 1, NumSamples = 4, Thin = 3 };
        var cpu = ModelSampling.SampleModel(model, x, y, options: options, initSeed: 3);
        var gpu = DeviceSampling.SampleModel(model, x, y, IlgpuCpu with { MomentumSource = MomentumSource.Host },
            options: options with { DrawSinkFactory = _ => new RecordingSink(sunk) }, initSeed: 3);
        Assert.That(sunk, Has.Count.EqualTo(4));
        Assert.That(sunk, Is.EqualTo(gpu.Chains[0].Draws), "the sink and the result hold the same draws");
        Assert.That(gpu.Chains[0].Statistics, Has.Count.EqualTo(4));
        Assert.That(gpu.Chains[0].LeapfrogSteps, Is.EqualTo(cpu.Chains[0].LeapfrogSteps), "every transition, kept or not, is counted");
        for (int s = 0; s < 4; s++)
        {
            var expected = cpu.Chains[0].Draws[s];
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.That(sunk[s][i], Is.EqualTo(expected[i]).Within(1e-4 * (1 + Math.Abs(expected[i]))), $"draw {s}, parameter {i}");
            }

            Assert.That(gpu.Chains[0].Statistics[s].LogDensity, Is.EqualTo(cpu.Chains[0].Statistics[s].LogDensity).Within(1e-3), $"draw {s}: log-density");
        }
    }

    private sealed class RecordingSink(List<double[]> draws) : IDrawSink
    {
        public void WriteAdaptation(double stepSize, Hmc.Native.Metrics.IEuclideanMetric? metric)
        {
        }

        public void WriteDraw(in DrawStatistics statistics, ReadOnlySpan<double> position) => draws.Add(position.ToArray());

        public void Dispose()
        {
        }
    }

    [Test, Category("Slow")]
    public void HmcWithMomentaDrawnOnTheDeviceReproducesAnExactGaussianPosterior()
    {
        // Bayesian linear regression y = Xβ + b + ε, ε ~ N(0, 1/τ_out), β, b ~ N(0, 1): the posterior of (β, b) is
        // Gaussian with precision A = I + τ_out ZᵀZ and mean τ_out A⁻¹Zᵀy for Z = [X, 1].
        const int n = 30;
        const double tauOut = 4;
        var rng = new System.Random(31);
        var x = new float[n * 2];
        var y = new float[n];
        var z = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, 3);
        for (int i = 0; i < n; i++)
        {
            x[2 * i] = (float)((rng.NextDouble() * 2) - 1);
            x[(2 * i) + 1] = (float)((rng.NextDouble() * 2) - 1);
            y[i] = (float)((1.5 * x[2 * i]) - (0.7 * x[(2 * i) + 1]) + 0.3 + (0.5 * (rng.NextDouble() - 0.5)));
            z[i, 0] = x[2 * i];
            z[i, 1] = x[(2 * i) + 1];
            z[i, 2] = 1;
        }

        var precision = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(3) + (tauOut * z.TransposeThisAndMultiply(z));
        var covariance = precision.Inverse();
        var mean = covariance * (tauOut * z.TransposeThisAndMultiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(y.Select(v => (double)v).ToArray())));
        var result = DeviceSampling.SampleModel(
            new Linear<float>(2, 1), Tensor.FromSpan<float>(x, new Shape(n, 2)), Tensor.FromSpan<float>(y, new Shape(n, 1)), IlgpuCpu,
            options: new SampleOptions { Sampler = Sampler.Hmc, NumSamples = 500, Burn = 100, Chains = 2, Seed = 23, StepSize = 0.1, NumStepsPerSample = 4 },
            modelOptions: new ModelOptions { ModelLoss = ModelLoss.Regression, TauOut = tauOut, TauList = [1, 1] });
        Assert.That(result.InvalidProposals, Is.Zero);
        Samplers.MomentCheck.AssertGaussianMoments(result, mean.ToArray(), covariance.ToRowMajorArray());
    }

    [Test]
    public void WarmUpAdaptsStepSizeAndDiagonalMassOfTheDeviceKernel()
    {
        var model = BayesianNetworks.SmallCnn();
        var options = Options(Sampler.Hmc) with
        {
            Chains = 1, Burn = 30, NumSamples = 4, AdaptStepSize = true, AdaptMass = Hmc.Native.Adaptation.MassMatrixAdaptation.Diagonal,
        };
        var result = DeviceSampling.SampleModel(model, BayesianNetworks.Images(4, 510), BayesianNetworks.Labels(4, 3, 511), IlgpuCpu, options: options);
        var chain = result.Chains[0];
        Assert.That(chain.StepSize, Is.Not.EqualTo(options.StepSize), "the step size was adapted");
        Assert.That(chain.InverseMassDiagonal.Distinct().Count(), Is.GreaterThan(1), "a diagonal mass was estimated and used");
        Assert.That(chain.Draws, Has.Count.EqualTo(4));
        Assert.That(chain.Draws.All(d => d.All(double.IsFinite)), Is.True);
    }

    [Test]
    public void NutsRunsOnTheIlgpuCpuDevice()
    {
        var model = BayesianNetworks.SmallCnn();
        var result = DeviceSampling.SampleModel(model, BayesianNetworks.Images(4, 503), BayesianNetworks.Labels(4, 3, 504), IlgpuCpu,
            options: Options(Sampler.Nuts) with { Chains = 1, NumSamples = 3 });
        Assert.That(result.Chains[0].Draws, Has.Count.EqualTo(3));
        Assert.That(result.Chains[0].Draws.All(d => d.All(double.IsFinite)), Is.True);
    }

    [Test]
    public void AMissingDeviceIsReportedWithThePresentOnes()
    {
        if (GpuContext.Shared.IsAvailable(Device.Cuda)) Assert.Ignore("A CUDA device is present.");
        var error = Assert.Throws<DeviceNotAvailableException>(() => DeviceSampling.SampleModel(
            BayesianNetworks.SmallCnn(), BayesianNetworks.Images(4, 505), BayesianNetworks.Labels(4, 3, 506), new DeviceOptions { Device = Device.Cuda }, options: Options(Sampler.Hmc)));
        Assert.That(error!.Message, Does.Contain("No Cuda device").And.Contain("Present devices").And.Contain("IlgpuCpu"));
    }

    [Test]
    public void UnsupportedCombinationsThrowBeforeSampling()
    {
        var model = BayesianNetworks.SmallCnn();
        var x = BayesianNetworks.Images(4, 507);
        var y = BayesianNetworks.Labels(4, 3, 508);
        var cpu = Assert.Throws<ArgumentException>(() => DeviceSampling.SampleModel(model, x, y, new DeviceOptions { Device = Device.Cpu }));
        Assert.That(cpu!.Message, Does.StartWith("Device.Cpu is the managed SIMD backend: sample on it with ModelSampling.SampleModel"));

        var rmhmc = Assert.Throws<NotSupportedException>(() => DeviceSampling.SampleModel(model, x, y, IlgpuCpu, options: Options(Sampler.Rmhmc)));
        Assert.That(rmhmc!.Message, Is.EqualTo("Sampling on IlgpuCpu supports Sampler.Hmc and Sampler.Nuts; got Rmhmc."));

        var binary = Assert.Throws<NotSupportedException>(() => DeviceSampling.SampleModel(model, x, y, IlgpuCpu, options: Options(Sampler.Hmc),
            modelOptions: new ModelOptions { ModelLoss = ModelLoss.BinaryClassLinearOutput }));
        Assert.That(binary!.Message, Does.StartWith("The device log-posterior supports the MultiClassLinearOutput and Regression likelihoods; got BinaryClassLinearOutput."));

        var lowRank = Assert.Throws<NotSupportedException>(() => DeviceSampling.SampleModel(model, x, y, IlgpuCpu,
            options: Options(Sampler.Hmc) with { Adaptation = Hmc.Native.Adaptation.AdaptationScheme.LowRank }));
        Assert.That(lowRank!.Message, Does.StartWith("The device HMC kernel supports a unit or diagonal mass matrix; Adaptation.LowRank estimates a low-rank one."));
    }
}
