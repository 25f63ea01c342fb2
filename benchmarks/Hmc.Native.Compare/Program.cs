using Hmc.Native.Compare;

return Commands.Run(args, Console.Out, Console.Error);
