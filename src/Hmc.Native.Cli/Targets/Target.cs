using Hmc.Native.Samplers;
using Hmc.Native.Tensors;

namespace Hmc.Native.Cli.Targets;

/// <summary>A named model the <c>hmc sample</c> command can sample: its log-density, start and parameter names.</summary>
/// <param name="Name">The target's name on the command line.</param>
/// <param name="Density">The log-density (a tensor function, or a fused value-and-gradient).</param>
/// <param name="TensorFunction">The same log-density as a tensor function when it has one (RMHMC needs it).</param>
/// <param name="Initial">The starting parameters.</param>
/// <param name="ParameterNames">Names for output.</param>
public sealed record Target(string Name, ILogDensity Density, Func<Tensor<double>, Tensor<double>>? TensorFunction, double[] Initial, IReadOnlyList<string> ParameterNames);
