using System.Diagnostics;
using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

public sealed record RunResult(
    string RunId,
    string Scenario,
    long Seed,
    int Years,
    int Organisations,
    long Messages,
    long Events,
    string Digest,
    double WallSeconds,
    RunOutcomes Outcomes,
    int Phases,
    int PhasesConserved);

/// <summary>A run that could not complete: the organisation and phase where it stopped, and why.</summary>
public sealed class RunFailedException(RunFailed failure)
    : Exception(failure.Organisation is null ? failure.Reason : $"{failure.Reason} (organisation {failure.Organisation}, {failure.Phase})", failure.Cause)
{
    public RunFailed Failure { get; } = failure;
}

/// <summary>Runs a whole economy on an actor system: one actor per organisation under one clock.</summary>
public static class SimulationEngine
{
    /// <summary>
    /// Starts the actor system's scheduler, if it is not running yet, from this one thread. Akka's scheduler starts on
    /// its first use, and the thread that uses it waits for it to start on the thread pool. Every persistent actor uses
    /// it as it begins to recover, so when a run's organisations all begin at once they fill the pool with threads
    /// waiting for a start queued behind them: a persisted England run stalled for nine seconds about once in fifty.
    /// </summary>
    public static void StartScheduler(ActorSystem system) => system.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });

    /// <param name="persist">Keep the run's history in the actor system's configured journal.</param>
    public static Task<RunResult> RunAsync(ActorSystem system, EconomyDefinition definition, long seed, string runId,
        Action<RunProgress>? progress = null, CancellationToken cancellationToken = default, bool persist = false) =>
        RunAsync(system, definition, seed, runId, new RunOptions { Progress = progress }, cancellationToken, persist);

    /// <summary>Runs with an observer (telemetry, a live dashboard) and an optional pace; the history is the same as without.</summary>
    public static async Task<RunResult> RunAsync(ActorSystem system, EconomyDefinition definition, long seed, string runId,
        RunOptions options, CancellationToken cancellationToken = default, bool persist = false)
    {
        var economy = new EconomyIndex(definition);
        var stopwatch = Stopwatch.StartNew();
        StartScheduler(system);
        IActorRef clock;
        try
        {
            var identity = new RunIdentity(runId, persist, options.NewHistory);
            var props = RunClock.Props(economy, seed, identity, options);
            // A relayed run's clock is queued on the first lane with its relay, so that lane's batches seldom cross cores.
            if (LaneRelay.LanesFor(system, identity, options) > 0) props = props.WithDispatcher(RunLanes.SharedDispatcher(0));
            clock = system.ActorOf(props, $"run-{SafeName(runId)}");
        }
        catch (InvalidOperationException) when (IsShuttingDown(system))
        {
            throw new OperationCanceledException("the actor system shut down before the run began: the process is stopping");
        }
        try
        {
            var asked = clock.Ask<object>(new StartRun(), Timeout.InfiniteTimeSpan, cancellationToken);
            var stopped = clock.WatchAsync(cancellationToken);
            await Task.WhenAny(asked, stopped);
            // Cancelled, both tasks end: whichever came first, the run was stopped, not failed.
            cancellationToken.ThrowIfCancellationRequested();
            // The process is stopping (a signal's default handling, or a cluster node downed) and took the actor system
            // with it: the run was stopped, not failed, and its history is whole to its last closed phase.
            // A clock that fails to write its calendar answers and then stops: the answer is set before the stop is
            // seen, but the two tasks' continuations may run in either order, so the answer is looked for first.
            if (!asked.IsCompleted && IsShuttingDown(system))
                throw new OperationCanceledException("the actor system shut down under the run: the process is stopping");
            if (!asked.IsCompleted)
                throw new RunFailedException(new RunFailed("the run's clock stopped before the run ended (its journal or store could not be started; --verbose shows why)", null, null, null, StoreFault: true));
            var answer = await asked;
            stopwatch.Stop();
            return answer switch
            {
                RunFinished finished => new RunResult(runId, definition.ScenarioName, seed, definition.Parameters.Years, economy.Count,
                    finished.Summary.Letters, finished.Summary.Events, finished.Summary.Digest, stopwatch.Elapsed.TotalSeconds,
                    finished.Summary.Outcomes, finished.Summary.Phases, finished.Summary.PhasesConserved),
                RunFailed failed => throw new RunFailedException(failed),
                _ => throw new InvalidOperationException($"Unexpected answer from the run clock: {answer}"),
            };
        }
        finally
        {
            await clock.GracefulStop(TimeSpan.FromSeconds(30));
        }
    }

    private static bool IsShuttingDown(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is not null || system.WhenTerminated.IsCompleted;

    private static string SafeName(string runId) =>
        new(runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
