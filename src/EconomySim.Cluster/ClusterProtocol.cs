using Akka.Actor;
using EconomySim.Engine;

namespace EconomySim.Cluster;

// The cluster's protocol: what an experiment's coordinator and the workers of a cluster say to one another, what the
// clock of a sharded run says to the organisation entities, and what the cluster's actors tell themselves. Every message
// carries IClusterMessage, by which ClusterSerializer finds it and writes it as JSON: a new message needs nothing but its
// record with the marker.

/// <summary>Marks the cluster's messages, so that a serializer binding names one type and covers them all.</summary>
public interface IClusterMessage;

/// <summary>
/// Worker to coordinator: how many more replications it can take. <paramref name="Received"/> counts every assignment
/// the worker had received when it wrote this, so the coordinator can subtract assignments still on their way and
/// a repeated request never gives a worker more than it asked for.
/// </summary>
public sealed record WorkWanted(string CodeVersion, string Store, int Free, long Received) : IClusterMessage;

/// <summary>
/// Any node to a worker, before giving it a sharded run's organisations: which code it runs and which store it writes
/// to (a replication's coordinator learns the same from <see cref="WorkWanted"/>).
/// </summary>
public sealed record WorkerCheckRequested : IClusterMessage
{
    public static readonly WorkerCheckRequested Instance = new();
}

/// <summary>Worker to the node that asked: the code it runs and the store it writes to (display form: no password).</summary>
public sealed record WorkerChecked(string CodeVersion, string Store) : IClusterMessage;

/// <summary>To a worker that cannot take some work: why it is given none, for its operator's log.</summary>
public sealed record WorkRefused(string Reason) : IClusterMessage;

/// <summary>Coordinator to worker: there are replications to run; ask for them.</summary>
public sealed record WorkAvailable : IClusterMessage
{
    public static readonly WorkAvailable Instance = new();
}

/// <summary>
/// Coordinator to worker: run this replication. The scenario travels as the registry keeps it (the text of every file,
/// with a design point's values already set as overrides), so the worker needs no copy of the experiment's files.
/// <paramref name="Attempt"/> tells a rerun apart from the run the coordinator gave up on.
/// </summary>
/// <param name="Point">The design point's index (from 0), or null without a design.</param>
/// <param name="Values">The design point's parameter values, in the order of the experiment's parameters.</param>
public sealed record ReplicationAssigned(string Experiment, string Variant, int Replication, long Seed, string RunId, int Years,
    string ScenarioFile, string ScenarioSources, int Attempt, int? Point = null, double[]? Values = null, int Scale = 1) : IClusterMessage;

/// <summary>Worker to coordinator: a replication finished; its figures and its outcome table (per month, every metric).</summary>
public sealed record ReplicationDone(string RunId, int Attempt, string Scenario, string Digest, int Organisations, long Messages, long Events,
    double WallSeconds, int Phases, int PhasesConserved, int StartYear, int Years, long[] Ticks) : IClusterMessage;

/// <summary>Worker to coordinator: a replication stopped (the reason names the organisation and phase).</summary>
public sealed record ReplicationFailed(string RunId, int Attempt, string Reason) : IClusterMessage;

/// <summary>
/// Clock to a sharded organisation, first of all: which organisation of which run it is. The scenario travels as the
/// registry keeps it, so any node can build the economy, and the seed gives the organisation its own random stream.
/// </summary>
/// <param name="NewHistory">Nothing is stored under the run id yet, so the organisation need not read its journal back.</param>
public sealed record OrganisationPlaced(string RunId, long Seed, int Index, string ScenarioFile, string ScenarioSources, int Years, int Scale,
    bool Persist, bool NewHistory, string Store, IActorRef Clock) : IClusterMessage;

/// <summary>Clock to a sharded organisation after the run: stop and let go of the run's state.</summary>
public sealed record OrganisationReleased : IClusterMessage
{
    public static readonly OrganisationReleased Instance = new();
}

/// <summary>A worker to itself: a replication's run has ended, with its result or why it failed.</summary>
internal sealed record RunEnded(ReplicationAssigned Assignment, IActorRef Coordinator, RunResult? Result, string? Failure) : IClusterMessage;

/// <summary>To the store probe: answer once the journal is open.</summary>
internal sealed record StoreReady : IClusterMessage;
