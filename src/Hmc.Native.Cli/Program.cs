using Hmc.Native.Cli.CommandLine;
using Hmc.Native.Cli.Commands;

namespace Hmc.Native.Cli;

/// <summary>The <c>hmc</c> command: <c>hmc COMMAND [options]</c>.</summary>
public static class Program
{
    private const string Usage = """
        usage: hmc COMMAND [options]
          sample TARGET   sample gaussian | funnel | mvn --cov FILE [--mean FILE] | logistic --data FILE
                          [--sampler hmc|nuts|rmhmc] [--integrator implicit|explicit] [--metric hessian|softabs|fisher]
                          [--samples N] [--burn N] [--step-size E] [--steps L] [--mass unit|diag|dense] [--chains N]
                          [--seed S] [--jitter J] [--softabs-const A] [--explicit-binding W] [--fixed-point-threshold T]
                          [--fixed-point-max-iterations N] [--desired-accept-rate D] [--csv FILE] [--json FILE] [--nuts]
          mnist           the Bayesian CNN on MNIST [--samples N] [--burn N] [--train N] [--val N] [--seed S]
                          [--device cpu|cuda|opencl|ilgpu-cpu (a test device, small networks only)] [--data DIR] [--json FILE]
          regression      a 1-50-1 tanh network on y = sin(x) + noise [--samples N] [--out DIR]
          devices         list the compute devices present
          walkthrough     the seed's examples end to end with figures [--out DIR] [--seed S] [--mnist-samples N] [--skip-mnist]
          plot CSV...     trace and rank plots of CmdStan CSV files (one per chain) [--out DIR] [--params a,b] [--bins B]
        """;

    /// <summary>Runs the command named by the first argument. Exit codes: 0 success, 1 failure, 2 bad usage.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs a command line with the given output streams (used by tests).</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? 2 : 0;
        }
        var rest = args.Skip(1).ToArray();
        try
        {
            return args[0] switch
            {
                "sample" => SampleCommand.Run(rest, output),
                "mnist" => MnistCommand.Run(rest, output),
                "regression" => RegressionCommand.Run(rest, output),
                "devices" => DevicesCommand.Run(rest, output),
                "walkthrough" => WalkthroughCommand.Run(rest, output),
                "plot" => PlotCommand.Run(rest, output),
                _ => throw new UsageException($"unknown command '{args[0]}' (try hmc --help)"),
            };
        }
        catch (UsageException ex)
        {
            error.WriteLine($"hmc: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or FileNotFoundException or IOException or NotSupportedException or Gpu.DeviceNotAvailableException)
        {
            error.WriteLine($"hmc: {ex.Message}");
            return 1;
        }
    }
}
