namespace EconomySim.Application;

/// <summary>Bad input found by a command after parsing: one line for the user, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A kept run stopped because the user asked: recorded interrupted, and resumable.</summary>
public sealed class RunCancelledException(string runId, Exception inner) : OperationCanceledException($"run '{runId}' cancelled", inner)
{
    public string RunId { get; } = runId;
}
