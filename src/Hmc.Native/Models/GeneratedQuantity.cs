using Hmc.Native.Tensors;

namespace Hmc.Native.Models;

/// <summary>
/// A value computed from each kept draw's constrained parameters and reported next to them (Stan's
/// <c>generated quantities</c>): <see cref="Compute"/> gets plain (not recorded) tensors and returns a tensor of
/// <see cref="Shape"/>.
/// </summary>
/// <param name="Name">The output name.</param>
/// <param name="Shape">The shape of the value.</param>
/// <param name="Compute">The value at a draw.</param>
public sealed record GeneratedQuantity(string Name, Shape Shape, Func<ParameterValues, Tensor<double>> Compute);
