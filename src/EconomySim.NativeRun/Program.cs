using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Scenarios;

namespace EconomySim.NativeRun;

/// <summary>
/// Runs one economy that keeps no history, as `economysim run` asks on standard input (<see cref="NativeRunRequest"/>),
/// and answers on standard output. The command has already checked the request; anything that still fails here exits
/// non-zero with the reason on standard error, and the command then makes the run itself and reports as it always does.
/// </summary>
public static class Program
{
    // Akka makes the organisations' mailbox and the shared lanes' executor from their type names in the configuration, so
    // trimming must keep their constructors.
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(OrganisationMailbox))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(SharedLanes.Configurator))]
    public static async Task<int> Main()
    {
        try
        {
            var request = JsonSerializer.Deserialize(await Console.In.ReadLineAsync() ?? "null", NativeRunJson.Default.NativeRunRequest)
                ?? throw new InvalidDataException("no request on standard input");
            StopWhenTheCommandEnds();
            var scenario = ScenarioLoader.Load(request.ScenarioPath);
            var economy = EconomyGenerator.Build(scenario, request.Years, request.Scale);
            HistoryHasher.Prepare();
            var engine = new EngineOptions();
            using var system = ActorSystem.Create(EngineHosting.ActorSystemName,
                ConfigurationFactory.ParseString(EngineHosting.Configuration(engine.Verbose, engine.DispatcherThroughput, engine.RunLanes)));
            var output = Console.Out;
            var options = request.Progress ? new RunOptions { Progress = p => output.WriteLine(NativeRunLines.Phase(p)) } : RunOptions.None;
            var result = await SimulationEngine.RunAsync(system, economy, request.Seed, request.RunId, options);
            await output.WriteLineAsync(JsonSerializer.Serialize(NativeRunReply.Of(result, scenario.Sha256), NativeRunJson.Default.NativeRunReply));
            await output.FlushAsync();
            await system.Terminate();
            return 0;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"economysim-native: {e}");
            return 1;
        }
    }

    /// <summary>
    /// The command keeps this process's standard input open until it has the answer, so its end means the command ended
    /// (stopped, killed, or gone with its terminal): a run no one will read stops then instead of running on alone.
    /// </summary>
    private static void StopWhenTheCommandEnds() =>
        new Thread(() =>
        {
            while (Console.In.Read() >= 0)
            {
                // Nothing more is ever sent; read on to the end.
            }
            Environment.Exit(1);
        }) { IsBackground = true, Name = "command watch" }.Start();
}
