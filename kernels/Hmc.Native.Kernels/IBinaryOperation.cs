namespace Hmc.Native.Kernels;

/// <summary>
/// An elementwise function f: ℝ × ℝ → ℝ applied inside a kernel, implemented by an empty struct so that
/// <c>default(TOperation).Apply(a, b)</c> is a direct call on every ILGPU backend.
/// </summary>
public interface IBinaryOperation
{
    /// <summary>Returns f(<paramref name="a"/>, <paramref name="b"/>).</summary>
    float Apply(float a, float b);
}
