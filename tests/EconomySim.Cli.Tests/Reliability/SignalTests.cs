using System.Collections.Concurrent;
using System.Diagnostics;
using EconomySim.Testing;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// SIGINT and SIGTERM at seeded random moments from the process's start to past its end. Every run either finished
/// (exit 0, completed) or stopped (exit 130, "cancelled", recorded interrupted) and resumes to the digest of the run
/// never interrupted. The run is paced, so it cannot finish before its months have passed: a run that exits 0 although
/// the signal came sooner ignored the signal (as SIGTERM during start-up once was). Only a signal that lands before the
/// runtime has started the program at all ends it the kernel's way (SIGTERM: exit 143), and then nothing is stored.
/// Trials run a few at a time; each one's moment is measured from its own process's start.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-signals-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] PacedRun = [.. Faults.ShortRun, "--pace", ReliabilityFigures.SignalRunPace];

    /// <summary>The paced run into a store of its own, never signalled: its digest, and how long it takes from process start to end.</summary>
    private static readonly Lazy<(string Digest, TimeSpan Took)> Uninterrupted = new(() =>
    {
        // Only the digest and the time are kept; the store goes once the run has ended.
        using var folder = new TemporaryFolder("economysim-signals-");
        var store = "sqlite:" + folder.File("alone.db");
        var clock = Stopwatch.StartNew();
        var digest = Faults.Digest(Cli.Run([.. PacedRun, "--store", store, "--json"]));
        return (digest, clock.Elapsed);
    });

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_at_any_moment_stops_the_run_resumably_or_lets_it_finish(string signal)
    {
        var trials = ReliabilityFigures.Soak("ECONOMYSIM_SOAK_SIGNALS", ReliabilityFigures.SignalTrials);
        var random = new Random(ReliabilityFigures.SignalSeed + signal.Length);
        // Moments spread over a little more than a whole run, so some land after it has finished.
        var span = Uninterrupted.Value.Took * 1.1;
        var moments = Enumerable.Range(0, trials).Select(_ => span * random.NextDouble()).ToArray();
        var outcomes = new ConcurrentBag<int>();
        Parallel.For(0, trials, new ParallelOptions { MaxDegreeOfParallelism = ReliabilityFigures.SignalTrialsAtOnce }, trial =>
            outcomes.Add(Trial(signal, trial, moments[trial])));
        // The moments covered the run: some stopped it, and not all before it began.
        Assert.Contains(130, outcomes);
    }

    private int Trial(string signal, int trial, TimeSpan moment)
    {
        var store = "sqlite:" + Path.Combine(_dir, $"{signal}-{trial}.db");
        var runId = $"signalled-{trial}";
        CliResult result;
        TimeSpan? sent = null;
        var clock = Stopwatch.StartNew();
        using (var process = Cli.Start([.. PacedRun, "--store", store, "--run-id", runId, "--json"]))
        {
            process.WaitForExit(moment);
            if (!process.HasExited)
            {
                Signal(process.Id, signal);
                sent = clock.Elapsed;
            }
            result = Cli.Finish(process);
        }
        var context = $"trial {trial}: SIG{signal} after {moment.TotalMilliseconds:0} ms (sent by {sent?.TotalMilliseconds:0} ms), exit {result.ExitCode}: {result.Stderr}";
        var stored = File.Exists(StoreProbe.PathOf(store)) ? Cli.Run("runs", "--store", store, "--json") : null;
        var record = stored?.Json.EnumerateArray().SingleOrDefault(r => r.GetProperty("run_id").GetString() == runId);
        switch (result.ExitCode)
        {
            case 0:
                // The run's paced months alone last longer than the moment its signal had been sent by: had it finished
                // before the signal, it could not have been that early, so it ignored the signal.
                Assert.True(sent is null || sent >= ReliabilityFigures.SignalRunShortest, context + " (the signal came before the run could have finished)");
                Assert.True(Uninterrupted.Value.Digest == Faults.Digest(result), context);
                break;
            case 130 when record is { } interrupted:
                Assert.True(interrupted.GetProperty("status").GetString() == "interrupted", context);
                Assert.True(result.Stderr.Contains($"cancelled; 'economysim resume {runId} --store {store}' carries it on", StringComparison.Ordinal), context);
                var resumed = Cli.Run("resume", runId, "--store", store, "--json");
                Assert.True(Uninterrupted.Value.Digest == Faults.Digest(resumed), context + "\nresume: " + resumed.Stderr);
                break;
            case 130 or 143 when record is null:
                // Stopped before the run was registered: nothing to resume, and nothing half-made in the store.
                Assert.True(result.ExitCode == 130 || signal == "TERM", context);
                break;
            default:
                Assert.Fail(context);
                break;
        }
        return result.ExitCode;
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
