using System.Diagnostics;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// SIGINT and SIGTERM at seeded random moments from the process's start to its end. Every run either
/// finished (exit 0, completed) or stopped (exit 130, "cancelled", recorded interrupted) and resumes to the digest of
/// the run never interrupted. Only a signal that lands before the runtime has started the program at all ends it the
/// kernel's way (SIGTERM: exit 143), and then nothing at all has been stored.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-signals-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Lazy<(string Digest, TimeSpan Took)> Uninterrupted = new(() =>
    {
        var clock = Stopwatch.StartNew();
        var digest = Faults.Digest(Cli.Run([.. Faults.SmallRun, "--store", "none", "--json"]));
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
        var outcomes = new List<int>();
        for (var trial = 0; trial < trials; trial++)
        {
            var store = "sqlite:" + Path.Combine(_dir, $"{signal}-{trial}.db");
            var runId = $"signalled-{trial}";
            var moment = span * random.NextDouble();
            CliResult result;
            using (var process = Cli.Start([.. Faults.SmallRun, "--store", store, "--run-id", runId, "--json"]))
            {
                process.WaitForExit(moment);
                if (!process.HasExited) Signal(process.Id, signal);
                result = Cli.Finish(process);
            }
            outcomes.Add(result.ExitCode);
            var context = $"trial {trial}: SIG{signal} after {moment.TotalMilliseconds:0} ms, exit {result.ExitCode}: {result.Stderr}";
            var stored = File.Exists(StoreProbe.PathOf(store)) ? Cli.Run("runs", "--store", store, "--json") : null;
            var record = stored?.Json.EnumerateArray().SingleOrDefault(r => r.GetProperty("run_id").GetString() == runId);
            switch (result.ExitCode)
            {
                case 0:
                    Assert.True(Uninterrupted.Value.Digest == Faults.Digest(result), context);
                    break;
                case 130 when record is { } interrupted:
                    Assert.True(interrupted.GetProperty("status").GetString() == "interrupted", context);
                    Assert.True(result.Stderr.Contains($"cancelled; 'economysim resume {runId}' carries it on", StringComparison.Ordinal), context);
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
        }
        // The moments covered the run: some stopped it, and not all before it began.
        Assert.Contains(130, outcomes);
    }

    private static void Signal(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
