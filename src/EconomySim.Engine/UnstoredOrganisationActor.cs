using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Organisations;

namespace EconomySim.Engine;

/// <summary>
/// An organisation of a run with no store: <see cref="OrganisationShell"/> does the acting, and this plain actor
/// answers the clock. With nothing to write or read back it needs none of a persistent actor's machinery, which every
/// message would otherwise pass through and every organisation would hold all run.
/// </summary>
public sealed class UnstoredOrganisationActor : UntypedActor
{
    private readonly OrganisationShell _shell;
    private readonly LaneTurn? _turn;

    internal UnstoredOrganisationActor(Organisation organisation, EconomyIndex economy, ILetterTracer? tracer, InjectedFault? fault, LaneTurn? turn)
    {
        _shell = new OrganisationShell(organisation, economy, tracer, fault);
        _turn = turn;
    }

    /// <param name="create">Makes the organisation's state, and the shell its hasher, as the actor is made.</param>
    internal static Props Props(Func<Organisation> create, EconomyIndex economy, ILetterTracer? tracer, InjectedFault? fault, LaneTurn? turn) =>
        ActorConstructor<UnstoredOrganisationActor>.Props(() => new UnstoredOrganisationActor(create(), economy, tracer, fault, turn));

    protected override void OnReceive(object message)
    {
        if (!_shell.TryTake(message, Sender, null, out var completed)) Unhandled(message);
        else if (completed is null) return;
        else if (_turn is not null) _turn.Completed(completed);
        else _shell.Clock.Tell(completed);
    }

    protected override void PostStop()
    {
        _shell.Dispose();
        base.PostStop();
    }
}
