using System.Diagnostics;

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
            var runId = $"killed-{trial}";
            var byYear = trial % 4 == 3;
            // A run written by year closes its first stored phase with the year's last.
            var point = byYear ? ReliabilityFigures.SmallRunCalendar.Count / 2 : points[trial];
            string store;
            for (var attempt = 1; ; attempt++)
            {
                store = "sqlite:" + Path.Combine(_dir, $"kill-{trial}-{attempt}.db");
                string[] run = byYear ? Faults.SmallRun : Faults.SmallRunWrittenEachPhase;
                var clock = Stopwatch.StartNew();
                TimeSpan before, killed;
                using (var process = Cli.Start([.. run, "--store", store, "--run-id", runId, "--pace", ReliabilityFigures.KillRunPace, "--json"]))
                {
                    before = StoreProbe.WaitFor(() => StoreProbe.PhasesClosed(store, runId) >= (byYear ? 1 : point), process, TimeSpan.FromMinutes(2), clock);
                    process.Kill(entireProcessTree: true);
                    killed = clock.Elapsed;
                    process.WaitForExit();
                }
                var status = Assert.Single(Cli.Run("runs", "--store", store, "--json").Json.EnumerateArray()).GetProperty("status").GetString();
                if (status == "interrupted") break;
                // The run ended before the kill landed. That is the machine's delay, not the program's, only if the run's
                // paced months after the kill point fit between the point (after `before`) and the kill (before `killed`):
                // then the trial is run again; a run that ended sooner did not keep its pace, or outlived its kill.
                Assert.Equal("completed", status);
                var shortest = ReliabilityFigures.ShortestRemaining(point);
                Assert.True(killed - before >= shortest, $"trial {trial}: the run completed within {(killed - before).TotalSeconds:0.00} s of closing phase {point}, sooner than its paced months ({shortest.TotalSeconds:0.00} s) allow");
                Assert.True(attempt < 3, $"trial {trial}: the kill landed after the run's end {attempt} times");
            }
            reached.Add(StoreProbe.PhasesClosed(store, runId));

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
