namespace EconomySim.Application;

/// <summary>Bad input found by a command after parsing: one line for the user, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A kept run stopped because the user asked: recorded interrupted, and resumable.</summary>
/// <param name="resumeCommand">What the user types to carry it on (naming its store when that is not the default).</param>
public sealed class RunCancelledException(string runId, string resumeCommand, Exception inner) : OperationCanceledException($"run '{runId}' cancelled", inner)
{
    public string RunId { get; } = runId;

    public string ResumeCommand { get; } = resumeCommand;
}
