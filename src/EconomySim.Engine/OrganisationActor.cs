using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;
using EconomySim.Domain.Runs;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine;

/// <summary>
/// A thin shell around one organisation whose history is stored (<see cref="OrganisationShell"/> does the acting). It
/// keeps the activation's events until the clock says the history is due (each phase, month or year:
/// <see cref="Persistence.HistoryCadence"/>); then it writes all it holds as one atomic journal entry and reports when
/// that is durable. An organisation of a run with no store is hosted by <see cref="UnstoredOrganisationActor"/>, which
/// carries none of the persistence machinery.
/// </summary>
/// <remarks>
/// Recovery is by deterministic re-execution: a resumed run computes every activation again from the scenario and
/// seed, and an organisation whose journal already holds an activation's events checks that it computed the same
/// bytes instead of writing them twice (<see cref="ResumedHistory"/>). A journal that disagrees with the code stops the
/// run, naming the first event that differs.
/// </remarks>
public sealed class OrganisationActor : UntypedPersistentActor, IActivationRecorder
{
    private readonly OrganisationShell _shell;
    // Only a resumed run has a stored history to check against: new runs never create one.
    private ResumedHistory? _stored;
    private readonly RunIdentity _run;
    private readonly ImmutableHashSet<string> _tags;
    private readonly HeldEvents _held = new();
    // The phase now started closes a stretch of the history's cadence: what is held is written once it has acted.
    private bool _writeHistory;

    /// <param name="tracer">Follows letters for traces; null leaves letters exactly as without telemetry.</param>
    public OrganisationActor(Organisation organisation, EconomyIndex economy, RunIdentity run, ILetterTracer? tracer, InjectedFault? fault)
    {
        _shell = new OrganisationShell(organisation, economy, tracer, fault);
        _run = run;
        _tags = [run.RunId];
        PersistenceId = RunJournal.PersistenceId(run.RunId, organisation.Profile);
    }

    public static Props Props(Organisation organisation, EconomyIndex economy, RunIdentity run) => Props(organisation, economy, run, null);

    /// <summary>The organisation's actor: this one where its history is stored, the lighter unstored one where it is not.</summary>
    public static Props Props(Organisation organisation, EconomyIndex economy, RunIdentity run, ILetterTracer? tracer, InjectedFault? fault = null) =>
        Props(() => organisation, economy, run, tracer, fault, null);

    /// <param name="create">Makes the organisation's state as its actor is made, on the thread that will act for it, so
    /// that the state lies in memory that thread's core wrote first (a relayed run's clock makes every actor on one
    /// lane's thread).</param>
    /// <param name="turn">The lane's share of each phase, for an organisation of a run relayed over lanes, which is never stored.</param>
    internal static Props Props(Func<Organisation> create, EconomyIndex economy, RunIdentity run, ILetterTracer? tracer, InjectedFault? fault, LaneTurn? turn) =>
        run.Persist
            ? ActorConstructor<OrganisationActor>.Props(() => new OrganisationActor(create(), economy, run, tracer, fault))
            : UnstoredOrganisationActor.Props(create, economy, tracer, fault, turn);

    public override string PersistenceId { get; }

    public override Recovery Recovery => _run.Recovery;

    protected override void OnRecover(object message)
    {
        if (message is EventsRecorded entry)
            (_stored ??= new(_shell.Code)).Recovered(entry);
    }

    protected override void OnCommand(object message)
    {
        // Known before acting: the completion it answers with depends on it.
        if (message is PhaseStarted started) _writeHistory = started.WriteHistory;
        if (_shell.TryTake(message, Sender, this, out var completed))
        {
            if (completed is not null) Completed(completed);
            return;
        }
        if (message is HistoryWriteDue due)
        {
            if (_held.Count > 0) WriteHeldEvents(due.Phase);
            else Sender.Tell(new HistoryDurable(due.Phase));
        }
        else
            Unhandled(message);
    }

    private void Completed(PhaseCompleted completed)
    {
        if (_held.Count == 0)
            _shell.Clock.Tell(completed);
        else if (_writeHistory)
        {
            WriteHeldEvents(completed.Phase);
            _shell.Clock.Tell(completed with { Events = UnwrittenEvents.Writing });
        }
        else
            _shell.Clock.Tell(completed with { Events = UnwrittenEvents.Held });
    }

    void IActivationRecorder.Hashed(long index, ReadOnlySpan<byte> json, HistoryEvent e)
    {
        if (_stored is not null && _stored.Holds(index)) _stored.Check(index, json, _shell.Calendar[e.Phase]);
        else _held.Hold(json);
    }

    void IActivationRecorder.Recorded(long first, long end) => _stored?.CheckActivation(first, end);

    /// <summary>
    /// Writes every held event as one entry. The organisation goes on acting while it is written (the clock bounds how
    /// far the history may trail); the journal still grows by whole entries, in order, as Akka.Persistence sends an
    /// actor's next write only when its previous one is done.
    /// </summary>
    private void WriteHeldEvents(int phase)
    {
        var entry = _held.Take(phase);
        var clock = _shell.Clock;
        var durable = new HistoryDurable(phase);
        PersistAsync(new Tagged(entry, _tags), _ => clock.Tell(durable));
    }

    /// <summary>A history that cannot be written stops the run with the organisation and the cause named.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Context.Parent.Tell(new OrganisationStopped(_shell.Code, $"its history could not be written: {cause.GetBaseException().Message}", cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Context.Parent.Tell(new OrganisationStopped(_shell.Code, $"the store rejected its history: {cause.GetBaseException().Message}", cause));
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new OrganisationStopped(_shell.Code, $"its stored history could not be read: {reason.GetBaseException().Message}", reason));
        base.OnRecoveryFailure(reason, message);
    }

    protected override void PostStop()
    {
        _shell.Dispose();
        base.PostStop();
    }
}

/// <summary>The run an actor belongs to and whether its history is kept.</summary>
/// <param name="NewHistory">Nothing is stored under this run id yet, so there is no journal to read back.</param>
public sealed record RunIdentity(string RunId, bool Persist, bool NewHistory = false)
{
    public Recovery Recovery => NewHistory ? Recovery.None : Recovery.Default;
}
