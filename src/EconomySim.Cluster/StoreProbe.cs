using Akka.Actor;
using Akka.Persistence;
using EconomySim.History;

namespace EconomySim.Cluster;

/// <summary>Opens a store's journal before the workers use it.</summary>
public static class StoreWarmup
{
    public static async Task PrepareAsync(ActorSystem system, string store, CancellationToken cancellation)
    {
        var probe = system.ActorOf(Props.Create(() => new StoreProbe()), "store-probe");
        try
        {
            // Commands wait until recovery has read the (empty) journal, which first makes sure the tables exist.
            var asked = probe.Ask<bool>(new StoreReady(), TimeSpan.FromSeconds(60), cancellation);
            var stopped = probe.WatchAsync(cancellation);
            if (await Task.WhenAny(asked, stopped) != asked || !await asked)
                throw new StoreException($"the journal in {store} could not be opened (--verbose shows why)");
        }
        catch (AskTimeoutException)
        {
            throw new StoreException($"the journal in {store} did not open within 60 s");
        }
        finally
        {
            await probe.GracefulStop(TimeSpan.FromSeconds(10));
        }
    }
}

/// <summary>
/// Opens the store's journal and snapshot tables once, from the coordinator, before any worker writes: workers
/// starting together would otherwise all create the tables at the same moment, and PostgreSQL lets only one win.
/// </summary>
internal sealed class StoreProbe : UntypedPersistentActor
{
    public override string PersistenceId => "economysim|store|probe";

    protected override void OnRecover(object message)
    {
    }

    protected override void OnCommand(object message)
    {
        if (message is StoreReady) Sender.Tell(true);
    }
}
