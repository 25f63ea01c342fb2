namespace Hmc.Native.Tests.Kernels;

/// <summary>Reproducible random inputs for the kernel tests.</summary>
internal static class TestData
{
    public static float[] Uniform(int length, int seed, float low = -1f, float high = 1f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = low + ((high - low) * random.NextSingle());
        return values;
    }

    public static int[] Labels(int length, int classes, int seed)
    {
        var random = new Random(seed);
        var labels = new int[length];
        for (int i = 0; i < length; i++) labels[i] = random.Next(classes);
        return labels;
    }

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);
}
