using System.Diagnostics;
using System.Text.Json;

namespace EconomySim.Cli.Tests;

/// <summary>Two completed one-year runs in an SQLite store, made once for the tests that write their outputs.</summary>
public sealed class TwoStoredRuns : IDisposable
{
    public TwoStoredRuns()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("economysim-outputs-").FullName;
        Store = "sqlite:" + Path.Combine(Directory, "runs.db");
        Ids = [Run(1), Run(2)];
    }

    public string Directory { get; }
    public string Store { get; }
    public string[] Ids { get; }

    private string Run(int seed)
    {
        var result = Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--store", Store, "--json");
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("run_id").GetString()!;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

/// <summary>
/// What a user can point the program at, and make as large or as strange as they like, is refused in one line with exit
/// code 2, at once, before anything is written: alias bombs, named pipes, a bad ECONOMYSIM_STORE, output paths that
/// cannot be written. Each refused command is measured as the kernel counts it (peak resident memory, wall time): the
/// reliability table's row for these inputs counts the cases of <see cref="MeasuredCases"/>.
/// </summary>
public sealed class BoundedInputCliTests(TwoStoredRuns runs, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TwoStoredRuns>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-bounded-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void AssertOneLine(CliResult result, int exitCode, params string[] mustContain)
    {
        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}: {result.Stderr}");
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        foreach (var text in mustContain) Assert.Contains(text, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("internal error", result.Stderr);
    }

    /// <summary>What a refusal may cost at most, whatever the input: it must come long before the input's size would show.</summary>
    public static readonly long MaxRefusalBytes = 1L << 30;
    public static readonly TimeSpan MaxRefusalTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The bound on a refusal's wall time: processor time is what a refusal costs whatever else the machine runs, and
    /// this catches one that waits rather than works.
    /// </summary>
    public static readonly TimeSpan MaxRefusalWallTime = TimeSpan.FromSeconds(60);

    /// <summary>The refused commands whose memory and time the suite measures.</summary>
    public static int MeasuredCases => AliasBombCommands.Count + OversizedEconomies.Count + NamedPipes.Count + BadStoreVariables.Count + LongArguments.Count;

    private void AssertRefusedWithinBounds(MeasuredResult measured, int exitCode, params string[] mustContain)
    {
        output.WriteLine($"refused in {measured.Elapsed.TotalSeconds:0.00} s ({measured.ProcessorTime.TotalSeconds:0.00} s of processor time), peak resident memory {measured.PeakResidentBytes / (1024.0 * 1024):0} MiB");
        AssertOneLine(measured.Result, exitCode, mustContain);
        Assert.True(measured.PeakResidentBytes < MaxRefusalBytes, $"peak resident memory {measured.PeakResidentBytes / (1024 * 1024)} MiB");
        Assert.True(measured.ProcessorTime < MaxRefusalTime, $"took {measured.ProcessorTime} of processor time");
        Assert.True(measured.Elapsed < MaxRefusalWallTime, $"took {measured.Elapsed}");
    }

    private static string[] Command(string command, string file) => command == "run" ? [command, file, "--store", "none"] : [command, file];

    public static TheoryData<string> AliasBombCommands => new() { "validate", "run" };

    [Theory]
    [MemberData(nameof(AliasBombCommands))]
    public void An_alias_bomb_is_refused_naming_the_file_and_the_budget_within_a_gibibyte_and_ten_seconds(string command)
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x]" };
        foreach (var (name, previous) in "bcdefghi".Zip("abcdefgh"))
            lines.Add($"{name}: &{name} [{string.Join(", ", Enumerable.Repeat("*" + previous, 9))}]");
        var path = Path.Combine(_dir, "bomb.yaml");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        // A heap limit of 1 GiB besides: growth past it crashes the process at once rather than filling the machine.
        var result = Cli.RunMeasured(Command(command, path), HeapLimit);
        AssertRefusedWithinBounds(result, 2, $"{path}:", "its YAML aliases (*name) expand to more than 1,000,000 values");
    }

    private static readonly Dictionary<string, string> HeapLimit = new() { ["DOTNET_GCHeapHardLimit"] = "0x40000000" };

    public static TheoryData<string, string> OversizedEconomies => new() { { "run", "scale" }, { "run", "federations" }, { "validate", "federations" } };

    [Theory]
    [MemberData(nameof(OversizedEconomies))]
    public void An_economy_too_large_for_the_machine_is_refused_with_its_estimate_within_a_gibibyte_and_ten_seconds(string command, string how)
    {
        var file = Cli.Config("england.yaml");
        string[] extra = ["--scale", "1000"];
        if (how == "federations")
        {
            file = Path.Combine(_dir, "federations.yaml");
            File.WriteAllText(file, $"extends: {Cli.Config("england.yaml")}\norganisations:\n  gp_federations: 1_000_000\n");
            extra = [];
        }
        var result = Cli.RunMeasured([.. Command(command, file), .. extra], HeapLimit);
        AssertRefusedWithinBounds(result, 2, $"{file}", "organisations needs about", "GiB of memory", "this machine has available", "--ignore-memory-estimate");
    }

    public static TheoryData<string, bool> NamedPipes => new() { { "validate", false }, { "run", false }, { "validate", true } };

    [Theory]
    [MemberData(nameof(NamedPipes))]
    public void A_named_pipe_is_refused_at_once_as_a_scenario_or_an_extends_target(string command, bool viaExtends)
    {
        if (!OperatingSystem.IsLinux()) return;
        var pipe = Path.Combine(_dir, "pipe.yaml");
        using (var mkfifo = Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        var file = pipe;
        if (viaExtends)
        {
            file = Path.Combine(_dir, "child.yaml");
            File.WriteAllText(file, "extends: pipe.yaml\n");
        }
        var result = Cli.RunMeasured(Command(command, file));
        AssertRefusedWithinBounds(result, 2, viaExtends ? $"{file}:1:10: extends: " : $"{pipe}: ", "is a named pipe (FIFO), not a regular file");
    }

    public static TheoryData<string, string> BadStoreVariables
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var command in new[] { "runs", "show some-run", "run GM --years 1", "export some-run --out exported" })
                foreach (var value in new[] { "bogus:Password=hunter2", "postgres:Username=me;Password=hunter2", "sqlite:" })
                    cases.Add(command, value);
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(BadStoreVariables))]
    public void A_bad_store_variable_is_refused_in_one_line_naming_it_with_its_password_hidden(string command, string value)
    {
        var args = command.Split(' ').Select(a => a == "GM" ? Cli.Config("greater-manchester.yaml") : a);
        var measured = Cli.RunMeasured(args, new Dictionary<string, string> { ["ECONOMYSIM_STORE"] = value });
        AssertRefusedWithinBounds(measured, 2, "ECONOMYSIM_STORE: '", "(the variable sets the default for --store)");
        Assert.DoesNotContain("hunter2", measured.Result.Stderr);
        if (value.Contains("Password", StringComparison.Ordinal)) Assert.Contains("Password=***", measured.Result.Stderr);
    }

    [Fact]
    public void A_bad_store_variable_with_the_store_given_by_flag_is_not_used()
    {
        var result = Cli.Run(["runs", "--store", runs.Store], new Dictionary<string, string> { ["ECONOMYSIM_STORE"] = "bogus" });
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(runs.Ids[0], result.Stdout);
    }

    public static TheoryData<int, string> LongArguments => new()
    {
        { 2, "show {long}" },
        { 2, "compare a b --metric {long}" },
        { 2, "run GM --seed {long}" },
        { 2, "validate /tmp/{long}" },
        { 3, "runs --store sqlite:/tmp/{long}" },
    };

    [Theory]
    [MemberData(nameof(LongArguments))]
    public void A_very_long_argument_is_quoted_only_at_its_start(int exitCode, string command)
    {
        var value = new string('x', 20_000);
        var args = command.Split(' ').Select(a => a == "GM" ? Cli.Config("greater-manchester.yaml") : a.Replace("{long}", value, StringComparison.Ordinal)).ToArray();
        if (args[0] is "show" or "compare") args = [.. args, "--store", runs.Store];
        var result = Cli.RunMeasured(args);
        AssertRefusedWithinBounds(result, exitCode, new string('x', 80) + "...");
        Assert.DoesNotContain(new string('x', 300), result.Result.Stderr);
    }

    [Fact]
    public void A_file_name_that_looks_like_a_connection_string_still_says_file_not_found()
    {
        var result = Cli.Run("validate", "Host=db;Username=me;Password=hunter2");
        AssertOneLine(result, 2, "Host=db;Username=me;Password=***: file not found");
        Assert.DoesNotContain("hunter2", result.Stderr);
    }

    [Theory]
    [InlineData("/proc/economysim-export", "no file can be created in '/proc'")]
    [InlineData("/proc", "no file can be created in '/proc'")]
    [InlineData("/etc/hostname/exports", "'/etc/hostname' is a file, not a folder")]
    public void Export_to_a_folder_that_cannot_be_written_is_refused_before_reading_the_run(string folder, string why)
    {
        if (!OperatingSystem.IsLinux()) return;
        var result = Cli.Run("export", runs.Ids[0], "--out", folder, "--store", runs.Store);
        AssertOneLine(result, 2, $"--out: '{folder}' cannot be", why);
    }

    [Fact]
    public void Export_over_a_folder_of_the_export_file_name_is_refused_even_with_force()
    {
        var target = Path.Combine(_dir, "exports");
        Directory.CreateDirectory(Path.Combine(target, $"{runs.Ids[0]}.csv"));
        var result = Cli.Run("export", runs.Ids[0], "--out", target, "--force", "--store", runs.Store);
        AssertOneLine(result, 2, $"{runs.Ids[0]}.csv' is a folder");
    }

    [Theory]
    [InlineData("/proc/economysim-report.html", "no file can be created in '/proc'")]
    [InlineData("/proc/version", "no file can be created in '/proc'")]
    [InlineData("{dir}", "is a folder; name a file")]
    [InlineData("{dir}/absent/report.html", "the folder")]
    public void A_comparison_report_that_cannot_be_written_is_refused_before_anything_is_done(string target, string why)
    {
        if (!OperatingSystem.IsLinux()) return;
        target = target.Replace("{dir}", _dir, StringComparison.Ordinal);
        var result = Cli.Run("compare", runs.Ids[0], runs.Ids[1], "--html", target, "--force", "--store", runs.Store);
        AssertOneLine(result, 2, $"--html: '{target}' ", why);
        Assert.Equal("", result.Stdout);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_comparison_report_is_still_written_where_it_can_be()
    {
        var target = Path.Combine(_dir, "report.html");
        var result = Cli.Run("compare", runs.Ids[0], runs.Ids[1], "--html", target, "--store", runs.Store);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("<!doctype html>", File.ReadAllText(target));
        Assert.Equal([target], Directory.GetFileSystemEntries(_dir));
    }
}
