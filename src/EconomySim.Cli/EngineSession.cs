using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EconomySim.Cli;

/// <summary>An actor system hosted for one command, configured for one history store.</summary>
public sealed class EngineSession : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineSession(IHost host) => _host = host;

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    /// <param name="more">Further configuration of the actor system (a cluster node's).</param>
    public static async Task<EngineSession> StartAsync(HistoryStore store, bool verbose, CancellationToken cancellation, Action<Akka.Hosting.AkkaConfigurationBuilder>? more = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddEconomySimEngine(new EngineOptions(Verbose: verbose, Store: store), more);
        builder.Services.AddCommandLifetime();
        var host = builder.Build();
        await host.StartAsync(cancellation);
        return new EngineSession(host);
    }

    /// <summary>Runs an economy, with a progress bar on the terminal when there is one to draw on.</summary>
    /// <param name="watch">Telemetry and pace (none of it changes the run).</param>
    public async Task<RunResult> RunAsync(EconomyDefinition economy, long seed, string runId, bool persist, TextWriter? progressTo, CancellationToken cancellation,
        RunOptions? watch = null)
    {
        watch ??= RunOptions.None;
        if (progressTo is null || Console.IsErrorRedirected)
            return await SimulationEngine.RunAsync(System, economy, seed, runId, watch, cancellation, persist);

        var phases = Domain.Calendar.Build(economy.Parameters.StartYear, economy.Parameters.Years).Count;
        var done = 0;
        var label = "starting";
        RunResult? result = null;
        await RunCommand.ConsoleFor(progressTo).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{economy.ScenarioName} seed {seed}", maxValue: phases);
                var run = SimulationEngine.RunAsync(System, economy, seed, runId, watch with
                {
                    Progress = p =>
                    {
                        Volatile.Write(ref done, p.PhasesDone);
                        Volatile.Write(ref label, p.Phase.ToString());
                    },
                }, cancellation, persist);
                while (!run.IsCompleted)
                {
                    task.Value = Volatile.Read(ref done);
                    task.Description = Volatile.Read(ref label);
                    await Task.WhenAny(run, Task.Delay(100, CancellationToken.None));
                }
                task.Value = phases;
                result = await run;
            });
        return result!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
