namespace Hmc.Native.Cli.CommandLine;

/// <summary>
/// A value picked by its command-line name, such as <c>nuts</c> for <see cref="Samplers.Sampler.Nuts"/>. It prints as
/// its name, so <c>--help</c> shows a default the way it is typed.
/// </summary>
/// <typeparam name="T">The type of the value.</typeparam>
/// <param name="Name">The name on the command line.</param>
/// <param name="Value">The value it stands for.</param>
public readonly record struct Choice<T>(string Name, T Value)
{
    /// <summary>The command-line name.</summary>
    public override string ToString() => Name;
}
