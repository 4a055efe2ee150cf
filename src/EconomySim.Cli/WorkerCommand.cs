using System.CommandLine;
using Akka.Actor;
using EconomySim.Cluster;
using EconomySim.Engine.Persistence;

namespace EconomySim.Cli;

/// <summary><c>economysim worker --seed-node HOST:PORT</c>: a node that runs experiments' replications for the cluster.</summary>
public static class WorkerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var seed = SeedNodeOption("--seed-node", "Address of a node of the cluster, HOST:PORT; repeat it to name several, any of which lets this node join (name this node's own --listen address first to start a cluster)");
        seed.Required = true;
        var listen = ListenOption();
        var joinWait = JoinWaitOption("to join the cluster");
        var parallel = CliApp.IntOption("--parallel", "Replications at once on this node (default: the cores at hand)", null, 1, 256);
        var store = CliApp.StoreOption("none");
        store.Description = "The store the experiments' histories go to, the same as the experiments': postgres:CONNECTION-STRING, or none (the default)";
        var command = new Command("worker", "Join a cluster and run the replications of experiments started with 'experiment --cluster'") { seed, listen, joinWait, parallel, store };
        command.SetAction(async (parse, cancellation) =>
        {
            var historyStore = parse.GetValue(store)!;
            if (historyStore.Kind == StoreKind.Sqlite)
                throw new UsageException($"--store: a worker needs a store every node can reach: postgres:CONNECTION-STRING or none, not {historyStore.Display}");
            var node = Node(parse, ClusterHosting.WorkerRole, SeedNodes(parse, seed)!, listen, joinWait);
            var verbose = parse.GetValue(CliApp.Verbose);
            await using var session = await EngineSession.StartAsync(historyStore, verbose, cancellation, b => b.WithEconomySimCluster(node));
            var system = session.System;
            var cluster = Akka.Cluster.Cluster.Get(system);
            var log = TextWriter.Synchronized(stdout);
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.RegisterOnMemberUp(() => up.TrySetResult());
            Action<WorkerNews> tell = news =>
            {
                log.WriteLine(news.Text);
                log.Flush();
            };
            OrganisationSharding.StartRegion(system, historyStore.Display, tell);
            system.ActorOf(ReplicationWorker.Props(parse.GetResult(parallel) is null ? Environment.ProcessorCount : parse.GetValue(parallel), historyStore.Persists,
                historyStore.Display, tell), ClusterHosting.WorkerName);
            var joined = await Task.WhenAny(up.Task, system.WhenTerminated, Task.Delay(node.JoinWait, cancellation));
            if (joined != up.Task)
            {
                cancellation.ThrowIfCancellationRequested();
                throw new UsageException($"--seed-node: could not join the cluster through {node.Seeds} within {node.JoinWait.TotalSeconds:0} s (--join-wait); is a node listening there?");
            }
            var self = cluster.SelfAddress;
            log.WriteLine($"worker up at {self.Host}:{self.Port}, in the cluster of {node.Seeds}");
            log.Flush();
            await Task.WhenAny(system.WhenTerminated, Task.Delay(Timeout.Infinite, cancellation));
            if (cancellation.IsCancellationRequested)
            {
                // Leaving (rather than vanishing) lets the coordinators hand this worker's replications out at once.
                await cluster.LeaveAsync(CancellationToken.None);
                return ExitCodes.Cancelled;
            }
            // Under keep-majority a node is removed when it can no longer reach more than half of the cluster's nodes.
            await stderr.WriteLineAsync($"economysim worker: this node was removed from the cluster: it could not reach more than half of its nodes, so it stopped rather than run as a second cluster; " +
                $"start it again with --seed-node naming nodes still up (a node restarted with only its own address starts a new cluster of its own)");
            return ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>The nodes an option named, or null when it was not given (a repeatable option reads as empty then).</summary>
    public static NodeAddress[]? SeedNodes(ParseResult parse, Option<NodeAddress[]> option) => parse.GetValue(option) is { Length: > 0 } nodes ? nodes : null;

    /// <summary>One or more nodes to join the cluster through, each HOST:PORT; the option is repeated to name several.</summary>
    public static Option<NodeAddress[]> SeedNodeOption(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            try
            {
                return result.Tokens.Count == 0 ? [NodeAddress.Parse(name, "")] : result.Tokens.Select(t => NodeAddress.Parse(name, t.Value)).ToArray();
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };

    /// <summary>
    /// How long a node waits to join its cluster (and a command to find a worker there) before it gives up, in seconds.
    /// </summary>
    /// <param name="what">What the node waits for, for the option's description.</param>
    private static Option<int> JoinWaitOption(string what)
    {
        var option = CliApp.IntOption("--join-wait", $"Seconds to wait {what} before giving up in one line",
            (int)ClusterHosting.DefaultJoinWait.TotalSeconds, 1, MaxJoinWaitSeconds);
        option.HelpName = "SECONDS";
        return option;
    }

    /// <summary>
    /// The node options of a command that may work on a --cluster (run, experiment, calibrate): where it listens, and how
    /// long it waits to join the cluster and find a worker there.
    /// </summary>
    public static (Option<NodeAddress> Listen, Option<int> JoinWait) CoordinatorOptions()
    {
        var listen = ListenOption();
        listen.Description = "With --cluster: the address this process listens on, HOST:PORT (default 127.0.0.1:0, a free port)";
        return (listen, JoinWaitOption("to join the --cluster and find a worker there"));
    }

    /// <summary>An hour: a node that has not joined by then is not going to, and says so.</summary>
    private const int MaxJoinWaitSeconds = 3600;

    /// <summary>This node as the options describe it.</summary>
    public static ClusterNodeOptions Node(ParseResult parse, string role, IReadOnlyList<NodeAddress> seeds, Option<NodeAddress> listen, Option<int> joinWait)
    {
        var at = parse.GetValue(listen)!;
        return new ClusterNodeOptions(role, at.Host, at.Port, seeds) { JoinWait = TimeSpan.FromSeconds(parse.GetValue(joinWait)) };
    }

    /// <summary>
    /// Refuses --listen and --join-wait given to a command that works on no cluster, rather than ignoring them: a user
    /// who named one meant the command to use a cluster and left out --cluster.
    /// </summary>
    public static void RefuseNodeOptionsWithoutCluster(ParseResult parse, Option<NodeAddress> listen, Option<int> joinWait)
    {
        foreach (var option in new Option[] { listen, joinWait })
            if (parse.GetResult(option) is { Implicit: false })
                throw new UsageException($"{option.Name}: only with --cluster HOST:PORT, which names the cluster this node joins");
    }

    public static Option<NodeAddress> ListenOption() => new("--listen")
    {
        Description = "Address this node listens on, HOST:PORT (default 127.0.0.1:0, a free port; name another host for other machines to reach it)",
        DefaultValueFactory = _ => new NodeAddress("127.0.0.1", 0),
        CustomParser = result =>
        {
            try
            {
                return NodeAddress.Parse("--listen", result.Tokens.Count > 0 ? result.Tokens[0].Value : "", anyPort: true);
            }
            catch (ArgumentException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };
}
