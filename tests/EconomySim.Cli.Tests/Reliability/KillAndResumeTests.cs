namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// A run killed outright (SIGKILL: no clean-up, no flush) at many points of its calendar, chosen by a seeded generator,
/// then resumed: every time, the resumed run ends with the digest of the run never interrupted, and the store's own
/// history recomputes to it. Most runs write their history phase by phase, so a kill can follow any phase; every fourth
/// writes it by year, the default, and is killed once its first year is stored, while the second is being computed.
/// </summary>
public sealed class KillAndResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Lazy<string> Uninterrupted = new(() =>
        Faults.Digest(Cli.Run([.. Faults.SmallRun, "--store", "none", "--json"])));

    [Fact]
    public void A_run_killed_at_any_phase_resumes_to_the_digest_of_the_uninterrupted_run()
    {
        var trials = ReliabilityFigures.Soak("ECONOMYSIM_SOAK_KILLS", ReliabilityFigures.KillTrials);
        var points = ReliabilityFigures.KillPoints(trials);
        var reached = new List<long>();
        for (var trial = 0; trial < trials; trial++)
        {
            var store = "sqlite:" + Path.Combine(_dir, $"kill-{trial}.db");
            var runId = $"killed-{trial}";
            var byYear = trial % 4 == 3;
            string[] run = byYear ? Faults.SmallRun : Faults.SmallRunWrittenEachPhase;
            using (var process = Cli.Start([.. run, "--store", store, "--run-id", runId, "--pace", ReliabilityFigures.KillRunPace, "--json"]))
            {
                StoreProbe.WaitFor(() => StoreProbe.PhasesClosed(store, runId) >= (byYear ? 1 : points[trial]), process, TimeSpan.FromMinutes(2));
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
            reached.Add(StoreProbe.PhasesClosed(store, runId));

            var listed = Cli.Run("runs", "--store", store, "--json");
            Assert.Equal("interrupted", Assert.Single(listed.Json.EnumerateArray()).GetProperty("status").GetString());
            var resumed = Cli.Run("resume", runId, "--store", store, "--json");
            Assert.True(Uninterrupted.Value == Faults.Digest(resumed), $"trial {trial}: killed after phase {(byYear ? "the first year" : points[trial])} (store held {reached[^1]} closed phases), resumed to a different digest");
            // resume itself checks the stored history against what it recomputes; reading it back as `show` does is
            // checked on every fourth trial, to keep the suite's time in bounds.
            if (trial % 4 != 0) continue;
            Cli.AssertStoredDigestVerified(runId, store, $"trial {trial}: ");
        }
        // The kills landed across the calendar, not all in one place.
        Assert.True(reached.Distinct().Count() >= trials / 2, $"kills landed at only {reached.Distinct().Count()} distinct phases: {string.Join(", ", reached)}");
    }
}
