using Akka.Actor;
using EconomySim.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EconomySim.Cluster.Tests;

/// <summary>
/// A cluster node hosted as the command line hosts a worker (the engine's configuration with the cluster's on top), on a
/// free port of 127.0.0.1 and by default a cluster of its own, so that bindings are resolved exactly as in production.
/// </summary>
public sealed class ProductionNode : IAsyncLifetime
{
    private IHost? _host;
    private int? _seedPort;

    public int Port { get; } = EconomySim.Testing.FreePort.OnLoopback();

    /// <summary>A node that joins the cluster of another rather than starting its own.</summary>
    public static ProductionNode Joining(ProductionNode seed) => new() { _seedPort = seed.Port };

    public ActorSystem System => _host?.Services.GetRequiredService<ActorSystem>() ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>An actor on this node, for the messages that carry an actor reference.</summary>
    public IActorRef Clock { get; private set; } = ActorRefs.Nobody;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        var node = new ClusterNodeOptions(ClusterHosting.WorkerRole, "127.0.0.1", Port, [new NodeAddress("127.0.0.1", _seedPort ?? Port)]);
        builder.Services.AddEconomySimEngine(new EngineOptions(), b => b.WithEconomySimCluster(node));
        _host = builder.Build();
        await _host.StartAsync();
        Clock = System.ActorOf(Props.Empty, "clock");
    }

    public async Task DisposeAsync()
    {
        if (_host is null) return;
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>Two production nodes in one cluster, for messages that cross the network.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public TwoNodes() => Receiver = ProductionNode.Joining(Sender);

    public ProductionNode Sender { get; } = new();

    public ProductionNode Receiver { get; }

    public async Task InitializeAsync()
    {
        await Sender.InitializeAsync();
        await Receiver.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Sender.DisposeAsync();
    }
}
