namespace EconomySim.Application;

/// <summary>Bad input found by a command after parsing: one line for the user, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
