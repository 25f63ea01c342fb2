namespace Hmc.Native.Cli;

/// <summary>The <c>hmc</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command named by the first argument.</summary>
    public static int Main(string[] args) => 0;
}
