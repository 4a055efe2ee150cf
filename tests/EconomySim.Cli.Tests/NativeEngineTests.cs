namespace EconomySim.Cli.Tests;

/// <summary>
/// A Release build compiles the engine to native code beside the command, which hands it the runs that keep no history
/// (a Debug build has none, and makes every run itself). Either way a run's history and report are the engine's.
/// </summary>
public class NativeEngineTests
{
    private static readonly string GreaterManchester = Cli.Config("greater-manchester.yaml");
    private const string MadeNatively = "the run was made by the native engine";

    [Fact]
    public void A_run_that_keeps_no_history_is_made_by_the_native_engine_and_reports_what_the_stored_run_reports()
    {
        var unstored = Cli.Run("run", GreaterManchester, "--years", "2", "--seed", "5", "--store", "none", "--run-id", "same", "--json", "--verbose");
        var stored = Cli.Run("run", GreaterManchester, "--years", "2", "--seed", "5", "--run-id", "same", "--json");
        Assert.True(unstored.ExitCode == 0, unstored.Stderr);
        Assert.True(stored.ExitCode == 0, stored.Stderr);
#if DEBUG
        Assert.DoesNotContain(MadeNatively, unstored.Stderr);
#else
        Assert.Contains(MadeNatively, unstored.Stderr);
#endif
        Assert.DoesNotContain(MadeNatively, stored.Stderr);
        foreach (var field in new[] { "run_id", "scenario", "scenario_file", "scenario_sha256", "seed", "start_year", "years", "organisations", "phases",
                     "messages", "events", "digest", "code_version", "money_conserved", "outcomes", "outcomes_by_year" })
            Assert.Equal(stored.Json.GetProperty(field).GetRawText(), unstored.Json.GetProperty(field).GetRawText());
        Assert.Equal("none", unstored.Json.GetProperty("store").GetString());
    }

    [Fact]
    public void The_native_engine_gives_the_same_table_as_the_command_s_own_engine()
    {
        var unstored = Cli.Run("run", GreaterManchester, "--years", "2", "--seed", "9", "--store", "none", "--run-id", "table");
        var stored = Cli.Run("run", GreaterManchester, "--years", "2", "--seed", "9", "--run-id", "table");
        Assert.True(unstored.ExitCode == 0 && stored.ExitCode == 0, unstored.Stderr + stored.Stderr);
        // Everything after the line with the wall time and the store's name: digest, money and the outcome table.
        Assert.Equal(stored.Stdout.Split('\n')[2..], unstored.Stdout.Split('\n')[2..]);
    }

    [Fact]
    public void A_run_with_an_injected_fault_is_made_in_the_command_s_own_process_and_fails_as_it_always_did()
    {
        var failed = Cli.Run(["run", GreaterManchester, "--years", "2", "--seed", "3", "--store", "none", "--json", "--verbose"],
            new Dictionary<string, string> { ["ECONOMYSIM_INJECT_FAULT"] = "TRA-001@11" });
        Assert.Equal(1, failed.ExitCode);
        Assert.DoesNotContain(MadeNatively, failed.Stderr);
        Assert.Contains("TRA-001", failed.Stderr);
        Assert.Contains("tick 2, phase 11", failed.Stderr);
        // With --verbose, Akka's own log of the failure is on standard output; the report never is.
        Assert.DoesNotContain("\"digest\"", failed.Stdout);
    }

#if !DEBUG
    [Fact]
    public async Task A_native_engine_whose_command_is_killed_stops_with_it()
    {
        // England at twenty times its size: over ten seconds of native run, which would go on alone that long.
        using var command = Cli.Watch(["run", Cli.Config("england.yaml"), "--scale", "20", "--store", "none", "--json"]);
        var native = await UntilAsync(() => Processes().Where(p => p.Parent == command.Process.Id && p.State != 'Z').Select(p => (int?)p.Id).FirstOrDefault(),
            TimeSpan.FromSeconds(60));
        command.Process.Kill(entireProcessTree: false);
        // Gone, or a zombie its new parent has yet to reap: it runs no more.
        await UntilAsync(() => Processes().Any(p => p.Id == native && p.State != 'Z') ? null : native, TimeSpan.FromSeconds(3));
    }

    /// <summary>Every process's id, parent and state, from /proc/PID/stat (after the parenthesised name: state, then parent).</summary>
    private static List<(int Id, int Parent, char State)> Processes()
    {
        var found = new List<(int, int, char)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                found.Add((pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), fields[0][0]));
            }
            catch (IOException)
            {
                // It ended while the list was read.
            }
        }
        return found;
    }

    /// <summary>Polls until <paramref name="probe"/> gives a value; fails when none comes within <paramref name="timeout"/>.</summary>
    private static async Task<int> UntilAsync(Func<int?> probe, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, $"nothing came within {timeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
#endif
}
