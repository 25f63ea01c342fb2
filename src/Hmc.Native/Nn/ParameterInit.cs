using System.Numerics;

namespace Hmc.Native.Nn;

/// <summary>
/// How a parameter's initial values are drawn (PyTorch's <c>torch.nn.init</c>). The distributions match
/// PyTorch's; the values do not, since the random streams differ.
/// </summary>
public abstract class ParameterInit
{
    /// <summary>Fills <paramref name="values"/> with draws from <paramref name="random"/>, in order.</summary>
    public abstract void Fill<T>(Random random, Span<T> values) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Independent U(low, high) draws (<c>nn.init.uniform_</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite or high &lt; low.</exception>
    public static ParameterInit Uniform(double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || high < low)
            throw new ArgumentOutOfRangeException(nameof(high), $"Uniform({low}, {high}) needs finite bounds with low ≤ high.");
        return new UniformInit(low, high);
    }

    /// <summary>
    /// PyTorch's default for the weights and biases of <c>nn.Linear</c> and <c>nn.Conv2d</c>: U(−1/√fanIn, 1/√fanIn).
    /// For weights this is <c>kaiming_uniform_(a=√5)</c>, whose bound gain·√(3/fanIn) with gain = √(2/(1 + a²)) is 1/√fanIn.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is below 1.</exception>
    public static ParameterInit UniformFanIn(int fanIn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanIn, 1);
        double bound = 1 / Math.Sqrt(fanIn);
        return new UniformInit(-bound, bound);
    }

    /// <summary>Independent N(mean, sd²) draws (<c>nn.init.normal_</c>), by the Box–Muller transform.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The mean is not finite or the standard deviation is negative or not finite.</exception>
    public static ParameterInit Normal(double mean, double standardDeviation)
    {
        if (!double.IsFinite(mean) || !double.IsFinite(standardDeviation) || standardDeviation < 0)
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), $"Normal({mean}, {standardDeviation}) needs a finite mean and a finite sd ≥ 0.");
        return new NormalInit(mean, standardDeviation);
    }

    /// <summary>Every element equal to <paramref name="value"/> (<c>nn.init.constant_</c>); draws nothing.</summary>
    public static ParameterInit Constant(double value) => new ConstantInit(value);

    /// <summary>Zeros (<c>nn.init.zeros_</c>); draws nothing.</summary>
    public static ParameterInit Zeros { get; } = new ConstantInit(0);

    private sealed class UniformInit(double low, double high) : ParameterInit
    {
        public override void Fill<T>(Random random, Span<T> values)
        {
            for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(low + (high - low) * random.NextDouble());
        }

        public override string ToString() => $"Uniform({low}, {high})";
    }

    private sealed class NormalInit(double mean, double sd) : ParameterInit
    {
        public override void Fill<T>(Random random, Span<T> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                // Box–Muller: √(−2 ln u1)·cos(2π u2) is standard normal for u1 ∈ (0, 1].
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                values[i] = T.CreateTruncating(mean + sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
        }

        public override string ToString() => $"Normal({mean}, {sd})";
    }

    private sealed class ConstantInit(double value) : ParameterInit
    {
        public override void Fill<T>(Random random, Span<T> values) => values.Fill(T.CreateTruncating(value));

        public override string ToString() => $"Constant({value})";
    }
}
