using Akka.Actor;
using EconomySim.Engine.Persistence;

namespace EconomySim.Benchmarking;

/// <summary>An actor system hosted as the command line hosts its runs, stopped when disposed.</summary>
public sealed class HostedSystem(ActorSystem system, IAsyncDisposable lifetime) : IAsyncDisposable
{
    public ActorSystem System { get; } = system;

    public ValueTask DisposeAsync() => lifetime.DisposeAsync();
}

/// <summary>Starts an actor system configured for one history store, so the bench measures the engine as it is run.</summary>
public delegate Task<HostedSystem> StartSystem(HistoryStore store, CancellationToken cancellation);
