using System.Globalization;
using Akka.Hosting;
using EconomySim.Engine;

namespace EconomySim.Cluster;

/// <summary>A node's address as a user writes it: HOST:PORT.</summary>
public sealed record NodeAddress(string Host, int Port)
{
    /// <summary>Throws <see cref="ArgumentException"/> with a message fit for the user, naming the option.</summary>
    /// <param name="anyPort">Accept port 0 (a free port picked when the node starts).</param>
    public static NodeAddress Parse(string option, string text, bool anyPort = false)
    {
        var value = text.Trim();
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
            throw new ArgumentException($"{option}: '{text}' is not HOST:PORT; e.g. 127.0.0.1:4053");
        var host = value[..colon];
        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port < (anyPort ? 0 : 1) || port > 65535)
            throw new ArgumentException($"{option}: '{value[(colon + 1)..]}' in '{text}' is not a port; allowed: {(anyPort ? 0 : 1)} to 65535");
        return new NodeAddress(host, port);
    }

    public string AkkaAddress => $"akka.tcp://{EngineHosting.ActorSystemName}@{Host}:{Port}";

    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>What a node of the cluster is: its role, where it listens, and the seed nodes it joins through.</summary>
/// <param name="Port">0 picks a free port.</param>
/// <param name="SeedNodes">
/// Nodes to join through, any one of which is enough. A node whose own address is the first of them starts the cluster
/// when none of the others answers, and joins the others' cluster when one does: so a first node restarted after it
/// died rejoins its cluster instead of starting a second one.
/// </param>
public sealed record ClusterNodeOptions(string Role, string Host, int Port, IReadOnlyList<NodeAddress> SeedNodes)
{
    /// <summary>The seed nodes as a user wrote them, for messages.</summary>
    public string Seeds => string.Join(", ", SeedNodes);

    /// <summary>
    /// How long the node waits to join the cluster and find what it needs there before giving up in one line: a node
    /// never waits in silence.
    /// </summary>
    public TimeSpan JoinWait { get; init; } = ClusterHosting.DefaultJoinWait;
}

/// <summary>
/// Akka.Cluster for the engine's actor system. Failure detection and the split-brain resolver are tuned so that a
/// worker that dies is downed, and its replication handed to another worker, within seconds rather than minutes.
/// </summary>
public static class ClusterHosting
{
    public const string WorkerRole = "worker";
    public const string CoordinatorRole = "coordinator";
    public const string WorkerName = "worker";
    public const string CoordinatorName = "experiment";

    /// <summary>
    /// How long a node (a worker, or a command that works on a cluster) waits to join the cluster unless told otherwise:
    /// long enough for a cluster whose first node is still starting, or whose seed is being restarted.
    /// </summary>
    public static readonly TimeSpan DefaultJoinWait = TimeSpan.FromSeconds(60);

    /// <summary>How every message that crosses nodes is written (inside <c>akka { }</c>): each protocol's marker bound to its serializer.</summary>
    public static string SerializationHocon { get; } =
        MessageSerializer.Hocon<ClusterSerializer>("economysim-cluster", ClusterSerializer.Catalogue) +
        MessageSerializer.Hocon<EngineMessageSerializer>("economysim-engine", EngineMessageSerializer.Catalogue);

    public static string Hocon(ClusterNodeOptions node) => $$"""
        akka {
          actor.provider = cluster
          {{SerializationHocon}}
          remote.dot-netty.tcp {
            hostname = "{{node.Host}}"
            port = {{node.Port}}
            # A replication's scenario and outcome table travel in one message each.
            maximum-frame-size = 8388608b
            send-buffer-size = 8388608b
            receive-buffer-size = 8388608b
          }
          cluster {
            roles = ["{{node.Role}}"]
            seed-nodes = [{{string.Join(", ", node.SeedNodes.Select(s => $"\"{s.AkkaAddress}\""))}}]
            downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
            # Keep-majority: when nodes stop hearing from one another, the side with more than half of the members
            # carries on and the other side stops, so two halves never both take work (and write to one store) as two
            # clusters. A node that is lost is one of several on one side, so with three nodes or more any one of them,
            # the first seed included, can die and the rest carry on. Keep-oldest would stop every node when the oldest
            # (usually the first seed) died; lease-majority needs a lease held outside the cluster.
            split-brain-resolver {
              active-strategy = keep-majority
              stable-after = 3s
            }
            failure-detector {
              heartbeat-interval = 1s
              acceptable-heartbeat-pause = 3s
            }
            run-coordinated-shutdown-when-down = on
            log-info = off
            sharding {
              role = "worker"
              # The shard coordinator's state is kept in memory shared by the nodes, not in the history store.
              state-store-mode = ddata
              remember-entities = off
              # An organisation's state lives only in its actor while a run lasts: it must neither be passivated for
              # being idle nor moved to another node.
              passivate-idle-entity-after = off
              rebalance-interval = 3650d
            }
          }
          coordinated-shutdown.phases.cluster-exiting.timeout = 5s
        }
        """;

    public static AkkaConfigurationBuilder WithEconomySimCluster(this AkkaConfigurationBuilder builder, ClusterNodeOptions node) =>
        builder.AddHocon(Hocon(node), HoconAddMode.Prepend);
}
