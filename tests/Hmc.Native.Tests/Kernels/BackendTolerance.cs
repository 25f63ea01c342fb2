using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.Kernels;

/// <summary>
/// Per-backend tolerance for float32 kernels against double-precision references: |actual − expected| ≤
/// Absolute + Relative·|expected|. ILGPU's CPU accelerator runs the kernels as .NET code (float rounding only);
/// CUDA and OpenCL contract multiply-adds into FMAs and use approximate exp/log/tanh, so they get more room.
/// </summary>
public sealed record BackendTolerance(double Absolute, double Relative)
{
    public static BackendTolerance For(Device device) => device switch
    {
        Device.IlgpuCpu => new(2e-6, 2e-5),
        _ => new(2e-5, 2e-4),
    };

    /// <summary>This tolerance widened by <paramref name="factor"/> (for long float sums).</summary>
    public BackendTolerance Times(double factor) => new(Absolute * factor, Relative * factor);

    /// <summary>Asserts elementwise closeness; NaN matches NaN and infinities must match exactly.</summary>
    public void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.That(actual.Length, Is.EqualTo(expected.Length), $"{what}: length");
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i];
            double a = actual[i];
            if (double.IsNaN(e) || double.IsInfinity(e) || double.IsNaN(a) || double.IsInfinity(a))
            {
                bool same = (double.IsNaN(e) && double.IsNaN(a)) || e.Equals(a);
                Assert.That(same, Is.True, $"{what}[{i}]: expected {e}, got {a}");
                continue;
            }

            double excess = Math.Abs(a - e) - (Absolute + (Relative * Math.Abs(e)));
            if (excess > worst)
            {
                worst = excess;
                worstAt = i;
            }
        }

        if (worstAt >= 0)
        {
            Assert.Fail($"{what}[{worstAt}]: expected {expected[worstAt]}, got {actual[worstAt]} (tolerance {this})");
        }
    }
}
