namespace EconomySim.History;

/// <summary>A store or registry problem to tell the user about in one line (unreachable, locked, corrupt, too new).</summary>
public sealed class StoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A run id that matches no run, or more than one.</summary>
public sealed class RunNotFoundException(string message) : Exception(message);

/// <summary>
/// A claim on a run that another process made first: the id was registered, or the interrupted run was taken up for
/// resuming, between this process reading the registry and writing to it.
/// </summary>
public sealed class RunClaimedException(string runId, string message) : Exception(message)
{
    public string RunId { get; } = runId;
}
