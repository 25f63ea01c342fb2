namespace Hmc.Native.Samplers;

/// <summary>The initial parameters are unusable: wrong length, NaN/Inf, or a log-density that is −∞/NaN there.</summary>
public sealed class InvalidInitialPointException(string message) : ArgumentException(message);
