namespace Hmc.Native.Bayes;

/// <summary>
/// Accumulates the posterior-predictive mean of a classifier over samples without storing them: for each sample
/// the class probabilities softmax(f_w(x)) of the evaluation inputs are added to a running mean, and the accuracy of
/// that sample alone and of the running mean so far are recorded (hamiltorch's notebook plots both).
/// </summary>
public sealed class PosteriorPredictive
{
    private readonly int[] _labels;
    private readonly double[] _probabilitySum;
    private readonly List<double> _perSample = [];
    private readonly List<double> _running = [];

    /// <summary>Prepares for <paramref name="labels"/>.Length inputs with <paramref name="classes"/> classes.</summary>
    public PosteriorPredictive(int[] labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        _labels = labels;
        Classes = classes;
        _probabilitySum = new double[labels.Length * classes];
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>Samples added.</summary>
    public int Count { get; private set; }

    /// <summary>The accuracy of each sample's own prediction, in order.</summary>
    public IReadOnlyList<double> PerSampleAccuracy => _perSample;

    /// <summary>The accuracy of the posterior-predictive mean after each sample.</summary>
    public IReadOnlyList<double> RunningAccuracy => _running;

    /// <summary>The accuracy of the posterior-predictive mean over all samples added (NaN before any).</summary>
    public double Accuracy => _running.Count > 0 ? _running[^1] : double.NaN;

    /// <summary>Adds one sample's logits (or log-probabilities) [N, C] in row-major order.</summary>
    public void Add<T>(ReadOnlySpan<T> logits) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int n = _labels.Length, c = Classes;
        if (logits.Length != n * c) throw new ArgumentException($"Expected {n}×{c} outputs; got {logits.Length}.", nameof(logits));
        Span<double> p = stackalloc double[c];
        int correct = 0, correctMean = 0;
        Count++;
        for (int i = 0; i < n; i++)
        {
            double max = double.NegativeInfinity;
            for (int k = 0; k < c; k++) max = Math.Max(max, double.CreateTruncating(logits[i * c + k]));
            double sum = 0;
            for (int k = 0; k < c; k++) sum += p[k] = Math.Exp(double.CreateTruncating(logits[i * c + k]) - max);
            int best = 0, bestMean = 0;
            var row = _probabilitySum.AsSpan(i * c, c);
            for (int k = 0; k < c; k++)
            {
                row[k] += p[k] / sum;
                if (p[k] > p[best]) best = k;
                if (row[k] > row[bestMean]) bestMean = k;
            }
            if (best == _labels[i]) correct++;
            if (bestMean == _labels[i]) correctMean++;
        }
        _perSample.Add((double)correct / n);
        _running.Add((double)correctMean / n);
    }

    /// <summary>The posterior-predictive class probabilities [N, C] (the running mean).</summary>
    public double[] MeanProbabilities()
    {
        var mean = (double[])_probabilitySum.Clone();
        if (Count > 0) TensorPrimitives.Divide(mean, Count, mean);
        return mean;
    }
}
