using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine;

/// <summary>
/// The clock of a stored run: <see cref="ClockShell"/> drives the calendar, and this persistent actor keeps the closed
/// phases in the store and reads them back, so a resumed run knows which phases it recomputes without recording them.
/// </summary>
public sealed class RunClock : UntypedPersistentActor, IWithTimers, IClockHost
{
    private readonly RunIdentity _run;
    private readonly ClockShell _shell;

    public ITimerScheduler Timers { get; set; } = null!;

    public RunClock(EconomyIndex economy, long seed, RunIdentity run, RunOptions options)
    {
        _run = run;
        _shell = new ClockShell(this, economy, seed, run, options);
        PersistenceId = RunJournal.ClockPersistenceId(run.RunId);
    }

    /// <summary>
    /// The clock of a run: a persistent one for a stored run, a plain actor for a run with no store, which would
    /// otherwise pass every organisation's completion through a persistent actor's wrapper.
    /// </summary>
    public static Props Props(EconomyIndex economy, long seed, RunIdentity run, Action<RunProgress>? progress) =>
        Props(economy, seed, run, new RunOptions { Progress = progress });

    /// <inheritdoc cref="Props(EconomyIndex, long, RunIdentity, Action{RunProgress}?)"/>
    public static Props Props(EconomyIndex economy, long seed, RunIdentity run, RunOptions options) =>
        options.OnDispatcher(run.Persist
            ? ActorConstructor<RunClock>.Props(() => new RunClock(economy, seed, run, options))
            : ActorConstructor<UnstoredRunClock>.Props(() => new UnstoredRunClock(economy, seed, run, options)));

    public override string PersistenceId { get; }

    public override Recovery Recovery => _run.Recovery;

    IActorRef IClockHost.Self => Self;

    IUntypedActorContext IClockHost.Context => Context;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(0, TimeSpan.Zero, cause => _shell.OrganisationFailed(Sender, cause));

    protected override void OnRecover(object message)
    {
        if (message is PhaseClosed closed) _shell.StoredPhases = Math.Max(_shell.StoredPhases, closed.Phase + 1);
    }

    protected override void PreStart()
    {
        base.PreStart();
        _shell.Start();
    }

    protected override void OnCommand(object message)
    {
        if (!_shell.TryTake(message, Sender)) Unhandled(message);
    }

    void IClockHost.RecordClosed(IReadOnlyList<PhaseClosed> closed) =>
        PersistAllAsync(closed.Select(c => new Tagged(c, [_run.RunId])).ToList(), _ => { });

    void IClockHost.AfterRecords(Action then) => DeferAsync(0, _ => then());

    protected override void PostStop()
    {
        _shell.Stop();
        base.PostStop();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _shell.StoreFailed($"the run's calendar could not be written: {cause.GetBaseException().Message}", cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _shell.StoreFailed($"the run's stored calendar could not be read: {reason.GetBaseException().Message}", reason);
        base.OnRecoveryFailure(reason, message);
    }
}
