using EconomySim.Cli;

// Never disposed: the signals stay the program's until the process has ended, so one that lands while the runtime
// shuts down after a command has finished leaves the command's exit code be (0 for a completed run) instead of ending
// the process the kernel's way (143 for SIGTERM).
var interruption = Interruption.Listen(Console.Error);
return await CliApp.RunAsync(args, Console.Out, Console.Error, interruption.Token);
