namespace EconomySim.Cli.Tests.Reliability;

/// <summary>What the fault tests share: a run small enough to repeat many times, and how to read its digest.</summary>
public static class Faults
{
    /// <summary>Greater Manchester over two years (92 phases, 102 organisations, a year boundary): seconds per run.</summary>
    public static readonly string[] SmallRun = ["run", Cli.Config("greater-manchester.yaml"), "--years", "2", "--seed", "3"];

    /// <summary>
    /// The smallest shipped scenario (Cambridgeshire and Peterborough, 30 organisations) for one year (46 phases): for
    /// trials repeated by the hundred, where what is tried is the program's handling of the run, not the economy's size.
    /// </summary>
    public static readonly string[] ShortRun = ["run", Cli.Config("cambridgeshire-peterborough-flat-cash.yaml"), "--years", "1", "--seed", "3"];

    /// <summary>The small run with its history written phase by phase, for faults that must land while the store is growing.</summary>
    public static readonly string[] SmallRunWrittenEachPhase = [.. SmallRun, "--history-cadence", "phase"];

    public static string Digest(CliResult result)
    {
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Stderr}");
        return result.Json.GetProperty("digest").GetString()!;
    }

    /// <summary>One clear line on stderr, without a stack trace.</summary>
    public static void AssertOneClearLine(CliResult result)
    {
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{result.Stderr}");
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }
}
