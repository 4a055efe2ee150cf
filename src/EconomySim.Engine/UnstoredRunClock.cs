using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine;

/// <summary>
/// The clock of a run with no store: <see cref="ClockShell"/> drives the calendar, and this plain actor, with nothing
/// to write or read back, hands it the clock's messages without a persistent actor's wrapper around each.
/// </summary>
public sealed class UnstoredRunClock : UntypedActor, IWithTimers, IClockHost
{
    private readonly ClockShell _shell;

    public ITimerScheduler Timers { get; set; } = null!;

    public UnstoredRunClock(EconomyIndex economy, long seed, RunIdentity run, RunOptions options) =>
        _shell = new ClockShell(this, economy, seed, run, options);

    IActorRef IClockHost.Self => Self;

    IUntypedActorContext IClockHost.Context => Context;

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(0, TimeSpan.Zero, cause => _shell.OrganisationFailed(Sender, cause));

    protected override void PreStart()
    {
        base.PreStart();
        _shell.Start();
    }

    protected override void OnReceive(object message)
    {
        if (!_shell.TryTake(message, Sender)) Unhandled(message);
    }

    void IClockHost.RecordClosed(IReadOnlyList<PhaseClosed> closed) =>
        throw new InvalidOperationException("A run with no store has no closed phases to record.");

    // Nothing is written, so nothing is waited for.
    void IClockHost.AfterRecords(Action then) => then();

    protected override void PostStop()
    {
        _shell.Stop();
        base.PostStop();
    }
}
