using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EconomySim.Application;

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

    /// <summary>Runs an economy, reporting its phases to <paramref name="progress"/> when there is one to show them.</summary>
    /// <param name="watch">Telemetry and pace (none of it changes the run).</param>
    public async Task<RunResult> RunAsync(EconomyDefinition economy, long seed, string runId, bool persist, IProgressView? progress, CancellationToken cancellation,
        RunOptions? watch = null)
    {
        watch ??= RunOptions.None;
        if (progress is null)
            return await SimulationEngine.RunAsync(System, economy, seed, runId, watch, cancellation, persist);

        return await ShowRunAsync(progress, economy, seed, report =>
            SimulationEngine.RunAsync(System, economy, seed, runId, watch with { Progress = p => report(p.PhasesDone, p.Phase.ToString()) },
                cancellation, persist));
    }

    /// <summary>A run's progress bar, whichever engine makes it: named for the scenario and seed, one step a phase.</summary>
    internal static Task<T> ShowRunAsync<T>(IProgressView progress, EconomyDefinition economy, long seed, Func<Action<int, string?>, Task<T>> run) =>
        progress.ShowAsync($"{economy.ScenarioName} seed {seed}", Domain.Calendar.Build(economy.Parameters.StartYear, economy.Parameters.Years).Count,
            report =>
            {
                report(0, "starting");
                return run(report);
            });

    /// <summary>Stops a session started for work that never took it up; a session that failed to start needs nothing.</summary>
    public static async Task DisposeUnusedAsync(Task<EngineSession> starting)
    {
        EngineSession session;
        try
        {
            session = await starting;
        }
        catch (Exception)
        {
            // The work it was started for ended first, with a failure of its own: that is the one to report.
            return;
        }
        await session.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}

/// <summary>
/// How a caller shows long work while it goes (a progress bar on a terminal). This layer says how far the work has
/// got; drawing it is the caller's.
/// </summary>
public interface IProgressView
{
    /// <param name="description">What the work is, until it says what it is doing.</param>
    /// <param name="total">How many steps the work takes.</param>
    /// <param name="work">
    /// Started once, with a callback that takes the steps done so far and, when it changes, what the work is doing now
    /// (null to keep what is shown).
    /// </param>
    Task<T> ShowAsync<T>(string description, int total, Func<Action<int, string?>, Task<T>> work);
}
