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
        var parallel = CliApp.IntOption("--parallel", "Replications at once on this node (default: the cores at hand)", null, 1, 256);
        var store = CliApp.StoreOption("none");
        store.Description = "The store the experiments' histories go to, the same as the experiments': postgres:CONNECTION-STRING, or none (the default)";
        var command = new Command("worker", "Join a cluster and run the replications of experiments started with 'experiment --cluster'") { seed, listen, parallel, store };
        command.SetAction(async (parse, cancellation) =>
        {
            var historyStore = parse.GetValue(store)!;
            if (historyStore.Kind == StoreKind.Sqlite)
                throw new UsageException($"--store: a worker needs a store every node can reach: postgres:CONNECTION-STRING or none, not {historyStore.Display}");
            var at = parse.GetValue(listen)!;
            var node = new ClusterNodeOptions(ClusterHosting.WorkerRole, at.Host, at.Port, SeedNodes(parse, seed)!);
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
            var joined = await Task.WhenAny(up.Task, system.WhenTerminated, Task.Delay(ClusterHosting.JoinWait, cancellation));
            if (joined != up.Task)
            {
                cancellation.ThrowIfCancellationRequested();
                throw new UsageException($"--seed-node: could not join the cluster through {node.Seeds} within {ClusterHosting.JoinWait.TotalSeconds:0} s; is a node listening there?");
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
