using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace EconomySim.Engine;

/// <summary>
/// The mailbox of an organisation actor. Akka's default mailbox gives every actor a concurrent queue whose first segment
/// holds 32 envelopes, about a kilobyte an actor before any message arrives; an organisation never holds more than a
/// few messages (the start of a phase, a request for its history), and England at scale 100 has 165,501 of them.
/// </summary>
public sealed class OrganisationMailbox(Settings settings, Config config)
    : MailboxType(settings, config), IProducesMessageQueue<OrganisationMessageQueue>
{
    /// <summary>The mailbox's configuration path, for <see cref="Props.WithMailbox"/>.</summary>
    public const string Id = "economysim-organisation-mailbox";

    /// <summary>The configuration that names the mailbox; the engine's hosting adds it to every actor system it builds.</summary>
    public static string Hocon => $$"""{{Id}}.mailbox-type = "{{typeof(OrganisationMailbox).FullName}}, {{typeof(OrganisationMailbox).Assembly.GetName().Name}}" """;

    private static readonly object s_configuring = new();

    /// <summary>
    /// Props on this mailbox for <paramref name="system"/>, naming it in the system's configuration first if the system
    /// was built without the engine's hosting (a test kit's, a caller's own).
    /// </summary>
    public static Props On(ActorSystem system, Props props)
    {
        if (!system.Settings.Config.HasPath(Id))
            lock (s_configuring)
                if (!system.Settings.Config.HasPath(Id))
                    system.Settings.InjectTopLevelFallback(ConfigurationFactory.ParseString(Hocon));
        return props.WithMailbox(Id);
    }

    /// <summary>
    /// An organisation's props on this mailbox where the run keeps no history; a stored organisation is a persistent
    /// actor, whose stash needs a double-ended mailbox, and keeps Akka's.
    /// </summary>
    public static Props ForOrganisation(ActorSystem system, Props props, RunIdentity run) => run.Persist ? props : On(system, props);

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new OrganisationMessageQueue();
}

/// <summary>
/// A queue that holds its first envelope in place and makes room for more only when a second arrives, under a lock that
/// is almost never contended: one clock writes to an organisation, and only the organisation reads.
/// </summary>
public sealed class OrganisationMessageQueue : IMessageQueue, IUnboundedMessageQueueSemantics
{
    private Envelope _first;
    private Queue<Envelope>? _rest;
    private int _count;

    public bool HasMessages => Volatile.Read(ref _count) > 0;

    public int Count => Volatile.Read(ref _count);

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        // Locking the queue itself spares each organisation a lock object: nothing outside this class takes it.
        lock (this)
        {
            if (_count == 0) _first = envelope;
            else (_rest ??= new Queue<Envelope>(2)).Enqueue(envelope);
            Volatile.Write(ref _count, _count + 1);
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (this)
        {
            if (_count == 0)
            {
                envelope = default;
                return false;
            }
            envelope = _first;
            _first = _count > 1 ? _rest!.Dequeue() : default;
            Volatile.Write(ref _count, _count - 1);
            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope)) deadletters.Enqueue(owner, envelope);
    }
}
