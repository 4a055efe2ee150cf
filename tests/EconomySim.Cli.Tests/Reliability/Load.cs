namespace EconomySim.Cli.Tests.Reliability;

/// <summary>Several runs at once into one store, each compared with the same run alone.</summary>
public static class Load
{
    private static readonly Lazy<string[]> Alone = new(() =>
    {
        var processes = Seeds().Select(seed => Cli.Start([.. Faults.SmallRun[..^2], "--seed", seed, "--store", "none", "--json"])).ToList();
        return processes.Select(p => Faults.Digest(Cli.Finish(p))).ToArray();
    });

    private static IEnumerable<string> Seeds() => Enumerable.Range(1, ReliabilityFigures.ConcurrentRuns).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Starts every run at once as its own process into the store, waits for all, and checks each digest and the store's copy of it.</summary>
    public static void AllCompleteWithTheirDigestsAlone(string store, string prefix)
    {
        var processes = Seeds().Select(seed => Cli.Start([.. Faults.SmallRun[..^2], "--seed", seed, "--store", store, "--run-id", $"{prefix}-{seed}", "--json"])).ToList();
        var digests = processes.Select(p =>
        {
            using (p) return Faults.Digest(Cli.Finish(p));
        }).ToArray();
        Assert.Equal(Alone.Value, digests);
        var runs = Cli.Run("runs", "--store", store, "--json");
        Assert.True(runs.ExitCode == 0, runs.Stderr);
        var kept = runs.Json.EnumerateArray().Where(r => r.GetProperty("run_id").GetString()!.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        Assert.Equal(ReliabilityFigures.ConcurrentRuns, kept.Count);
        Assert.All(kept, r => Assert.Equal("completed", r.GetProperty("status").GetString()));
        // Read back all at once too: readers of one store started together must not trip over each other.
        var shows = Seeds().Select(seed => Cli.Start("show", $"{prefix}-{seed}", "--store", store, "--json")).ToList();
        foreach (var show in shows.Select(Cli.Finish))
            Assert.True(show.ExitCode == 0 && show.Json.GetProperty("digest_verified").GetBoolean(), show.Stdout + show.Stderr);
    }
}

public sealed class SqliteLoadTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Eight_runs_at_once_into_one_sqlite_store_all_complete_with_the_digests_they_have_alone()
    {
        Load.AllCompleteWithTheirDigestsAlone("sqlite:" + Path.Combine(_dir, "shared.db"), "crowd");
    }
}
