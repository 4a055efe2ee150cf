namespace EconomySim.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The run started but could not complete: an organisation failed or money was not conserved.</summary>
    public const int RunFailed = 1;
    /// <summary>Bad input: a scenario file, a flag, a value. Nothing was run.</summary>
    public const int BadInput = 2;
    /// <summary>The history store cannot be used: unreachable, locked, corrupt, or written by a newer version.</summary>
    public const int StoreUnavailable = 3;
    /// <summary>A defect in the program itself.</summary>
    public const int InternalError = 70;
    public const int Cancelled = 130;
}

/// <summary>Bad input found by a command after parsing: one line for the user, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A kept run stopped because the user asked: recorded interrupted, and resumable.</summary>
public sealed class RunCancelledException(string runId, Exception inner) : OperationCanceledException($"run '{runId}' cancelled", inner)
{
    public string RunId { get; } = runId;
}
