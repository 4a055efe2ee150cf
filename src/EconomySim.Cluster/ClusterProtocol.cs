namespace EconomySim.Cluster;

// The protocol between an experiment's coordinator and the workers of a cluster. Every message crosses nodes, so every
// one is a record of plain values that ClusterSerializer writes as JSON.

/// <summary>Marks the messages that cross nodes, so the serializer binding names one type.</summary>
public interface IClusterMessage;

/// <summary>
/// Worker to coordinator: how many more replications it can take. <paramref name="Received"/> counts every assignment
/// the worker had received when it wrote this, so the coordinator can subtract assignments still on their way and
/// a repeated request never gives a worker more than it asked for.
/// </summary>
public sealed record WorkWanted(string CodeVersion, string Store, int Free, long Received) : IClusterMessage;

/// <summary>Coordinator to worker: there are replications to run; ask for them.</summary>
public sealed record WorkAvailable : IClusterMessage
{
    public static readonly WorkAvailable Instance = new();
}

/// <summary>
/// Coordinator to worker: run this replication. The scenario travels as the registry keeps it (the text of every file),
/// so the worker needs no copy of the experiment's files. <paramref name="Attempt"/> tells a rerun apart from the run
/// the coordinator gave up on.
/// </summary>
public sealed record ReplicationAssigned(string Experiment, string Variant, int Replication, long Seed, string RunId, int Years,
    string ScenarioFile, string ScenarioSources, int Attempt) : IClusterMessage;

/// <summary>Worker to coordinator: a replication finished; its figures and its outcome table (per month, every metric).</summary>
public sealed record ReplicationDone(string RunId, int Attempt, string Scenario, string Digest, int Organisations, long Messages, long Events,
    double WallSeconds, int Phases, int PhasesConserved, int StartYear, int Years, long[] Ticks) : IClusterMessage;

/// <summary>Worker to coordinator: a replication stopped (the reason names the organisation and phase).</summary>
public sealed record ReplicationFailed(string RunId, int Attempt, string Reason) : IClusterMessage;
