namespace Hmc.Native.Kernels;

/// <summary>
/// An elementwise function f: ℝ → ℝ applied inside a kernel. Implementations are empty structs so that
/// <c>default(TOperation).Apply(x)</c> compiles to a direct, inlined call on every ILGPU backend (no delegates,
/// no virtual dispatch, no reference types).
/// </summary>
public interface IUnaryOperation
{
    /// <summary>Returns f(<paramref name="x"/>).</summary>
    float Apply(float x);
}
