using EconomySim.Cli;

using var interruption = Interruption.Listen(Console.Error);
return await CliApp.RunAsync(args, Console.Out, Console.Error, interruption.Token);
