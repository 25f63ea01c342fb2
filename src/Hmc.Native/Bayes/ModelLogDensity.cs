using System.Numerics;
using Hmc.Native.Autodiff;
using Hmc.Native.Backends;
using Hmc.Native.Nn;
using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Bayes;

/// <summary>
/// The log-posterior of a network's weights w given data (x, y): log p(y | f_w(x)) + log p(w), the sum hamiltorch's
/// <c>sample_model</c> samples. The network runs in <typeparamref name="T"/> (float for speed) on its own tape; the
/// sampler's double parameters are converted on the way in and the gradient on the way out; the prior is exact in
/// double. The module is evaluated at the flat parameter vector without copying it per layer. The layers' matrix
/// products and batch loops run under the <see cref="CpuParallelism"/> of its tape; a sampling run gives each
/// chain's fork its share of the cores (<see cref="IParallelLogDensity"/>).
/// </summary>
public sealed class ModelLogDensity<T> : IParallelLogDensity where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private readonly Tensor<T> _inputs;
    private readonly Tensor<T> _targets;
    private readonly Likelihood<T> _likelihood;
    private readonly ModelPrior? _prior;
    private readonly double _likelihoodScale;
    private readonly Tape<T> _tape;
    private readonly T[] _weights;

    /// <summary>Creates the log-posterior.</summary>
    /// <param name="model">The network.</param>
    /// <param name="inputs">The inputs, batch first.</param>
    /// <param name="targets">Class labels (rank 1, as numbers) or regression targets (the output's shape).</param>
    /// <param name="likelihood">log p(y | f).</param>
    /// <param name="prior">The weight prior; null leaves it out (a likelihood-only split of <see cref="ModelSampling.SampleSplitModel{T}"/> adds it elsewhere).</param>
    /// <param name="likelihoodScale">Multiplies the log-likelihood (1 for the whole data).</param>
    /// <param name="parallelism">The cores its evaluations may use, shared by the chains of a sampling run (null: every core of the machine).</param>
    public ModelLogDensity(Module<T> model, Tensor<T> inputs, Tensor<T> targets, Likelihood<T> likelihood, ModelPrior? prior, double likelihoodScale = 1.0,
        CpuParallelism? parallelism = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _likelihood = likelihood ?? throw new ArgumentNullException(nameof(likelihood));
        if (inputs.IsNone || targets.IsNone) throw new ArgumentException("The inputs and targets must be tensors.");
        if (inputs.Rank == 0 || targets.Rank == 0 || inputs.Shape[0] != targets.Shape[0])
            throw new ShapeMismatchException("sample_model", inputs.Shape, targets.Shape, "the inputs and targets must have the same number of rows");
        if (prior is not null && prior.Dimension != model.ParameterCount)
            throw new ArgumentException($"The prior has {prior.Dimension} parameters; the model has {model.ParameterCount}.", nameof(prior));
        _inputs = inputs;
        _targets = targets;
        _prior = prior;
        _likelihoodScale = likelihoodScale;
        _weights = new T[model.ParameterCount];
        _tape = new Tape<T>(parallelism ?? CpuParallelism.ForMachine());
    }

    /// <inheritdoc />
    public int Dimension => _weights.Length;

    /// <summary>The network.</summary>
    public Module<T> Model => _model;

    /// <inheritdoc />
    public CpuParallelism Parallelism => _tape.Parallelism;

    /// <inheritdoc />
    public double Evaluate(ReadOnlySpan<double> position, Span<double> gradient)
    {
        _tape.Reset();
        ConvertIn(position, _weights);
        var w = _tape.Variable(_weights);
        var output = _model.Forward(_inputs, w);
        var logLikelihood = _likelihood.LogLikelihood(output, _targets);
        if (logLikelihood.Length != 1) throw new NonScalarOutputException(logLikelihood.Shape);
        double value = _likelihoodScale * double.CreateTruncating(logLikelihood.Values[0]);
        if (logLikelihood.RequiresGradient)
        {
            var g = _tape.Gradient(logLikelihood, w, allowUnused: true).Values;
            for (int i = 0; i < gradient.Length; i++) gradient[i] = _likelihoodScale * double.CreateTruncating(g[i]);
        }
        else
        {
            gradient.Clear();
        }
        if (_prior is not null) value += _prior.AddLogDensity(position, gradient);
        return value;
    }

    /// <inheritdoc />
    public ILogDensity Fork() => Fork(Parallelism);

    /// <inheritdoc />
    public ILogDensity Fork(CpuParallelism parallelism) => new ModelLogDensity<T>(_model, _inputs, _targets, _likelihood, _prior, _likelihoodScale, parallelism);

    /// <summary>The network's output at the parameters <paramref name="position"/> for <paramref name="inputs"/>, as a new array.</summary>
    public T[] Predict(ReadOnlySpan<double> position, Tensor<T> inputs)
    {
        ConvertIn(position, _weights);
        return _model.Forward(inputs, Tensor.FromSpan<T>(_weights, Shape.Vector(_weights.Length))).ToArray();
    }

    private static void ConvertIn(ReadOnlySpan<double> source, Span<T> destination)
    {
        if (typeof(T) == typeof(double)) System.Runtime.InteropServices.MemoryMarshal.Cast<double, T>(source).CopyTo(destination);
        else TensorPrimitives.ConvertTruncating(source, destination);
    }
}
