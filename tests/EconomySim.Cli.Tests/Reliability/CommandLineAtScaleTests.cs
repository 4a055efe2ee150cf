using CsCheck;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// Generated command lines, run ids and export paths through the real economysim process: each ends with exit 0, or 2
/// (bad input) or 3 (store unusable) and one line without a stack trace; no password is ever shown; an export that is
/// refused leaves its target exactly as it was.
/// </summary>
public sealed class CommandLineAtScaleTests : IClassFixture<CommandLineAtScaleTests.StoredRun>
{
    private const string Password = "hunter2-secret";
    private readonly StoredRun _stored;

    public CommandLineAtScaleTests(StoredRun stored) => _stored = stored;

    /// <summary>A store holding one completed run, and a folder with an export already in it.</summary>
    public sealed class StoredRun : IDisposable
    {
        public string Dir { get; } = Directory.CreateTempSubdirectory("economysim-cli-fuzz-").FullName;
        public string Store => "sqlite:" + Path.Combine(Dir, "runs.db");
        public string Existing => Path.Combine(Dir, "existing");

        public StoredRun()
        {
            Faults.Digest(Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--store", Store, "--run-id", "kept-run", "--json"));
            var export = Cli.Run("export", "kept-run", "--store", Store, "--out", Existing);
            Assert.True(export.ExitCode == 0, export.Stderr);
        }

        public void Dispose() => Directory.Delete(Dir, recursive: true);
    }

    private static readonly string[] Commands = ["run", "validate", "runs", "show", "resume", "compare", "export", "experiment", "bogus", ""];

    // No --scale (a scaled-up economy is the benchmarks' business) and no experiment file among the values, so every
    // run the generator can make is small; no value writes outside the test's own folders.
    private static readonly string[] Options =
        ["--seed", "--years", "--store", "--run-id", "--json", "--out", "--format", "--force", "--metric", "--csv", "--replications", "--parallel", "-x", "--", "--help"];

    private string[] Values() =>
    [
        Cli.Config("greater-manchester.yaml"), Cli.Config("scenario.schema.json"), Cli.Config("README.md"), "/dev/null", "/proc/self/mem",
        "nope.yaml", "", " ", "-", "0", "1", "-1", "51", "1001", "99999999999999999999", "abc", "1e3", "0x1F", "NaN", "kept-run", "kept", "k",
        "KEPT-RUN", "kept-run\nsecond line", "run id with spaces", "./sub/dir", new string('a', 120), "ü∂ƒ", "\t", "%s%n", "'; DROP TABLE economysim_runs; --",
        "none", "sqlite", _stored.Store, "sqlite:" + Path.Combine(_stored.Dir, "other.db"), "sqlite:/proc/nope/x.db", "sqlite:", "bogus",
        $"postgres:Host=127.0.0.1;Port=1;Username=me;Password={Password};Timeout=1", $"postgres:Host=;Password={Password}", $"postgresql:Password={Password}",
        _stored.Existing, Path.Combine(_stored.Dir, "fresh-out"), Path.Combine(_stored.Dir, "runs.db"), "/proc/economysim-out", "/dev/null/out",
        "csv", "parquet", "xlsx", "waiting_list", "no_such_metric",
    ];

    private static readonly Gen<(int Command, (int Option, int Value, bool WithValue)[] Options, int[] Positionals)> Lines =
        Gen.Select(Gen.Int[0, Commands.Length - 1], Gen.Select(Gen.Int[0, Options.Length - 1], Gen.Int[0, 1000], Gen.Bool).Array[0, 4], Gen.Int[0, 1000].Array[0, 2]);

    [Fact]
    public void Generated_command_lines_end_in_a_result_or_one_clear_line_and_never_leave_half_an_export()
    {
        var values = Values();
        var before = Snapshot(_stored.Existing);
        var freshOut = Path.Combine(_stored.Dir, "fresh-out");
        List<string> Args((int Command, (int Option, int Value, bool WithValue)[] Options, int[] Positionals) line)
        {
            var args = new List<string>();
            if (Commands[line.Command].Length > 0) args.Add(Commands[line.Command]);
            args.AddRange(line.Positionals.Select(p => values[p % values.Length]));
            foreach (var (option, value, withValue) in line.Options)
            {
                args.Add(Options[option]);
                if (withValue) args.Add(values[value % values.Length]);
            }
            return args;
        }
        Lines.Sample(line =>
        {
            var args = Args(line);
            var result = Cli.Run(args);
            var shown = string.Join(" ", args.Select(a => $"[{a}]"));
            Assert.True(result.ExitCode is 0 or 2 or 3, $"exit {result.ExitCode} for {shown}:\n{result.Stderr}");
            Assert.DoesNotContain("   at ", result.Stderr);
            Assert.DoesNotContain(Password, result.Stdout + result.Stderr);
            if (result.ExitCode != 0)
                Assert.True(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, $"not one line for {shown}:\n{result.Stderr}");
            Assert.Equal(before, Snapshot(_stored.Existing));
            Assert.Empty(Directory.Exists(freshOut) ? Directory.GetFiles(freshOut, "*.partial") : []);
        }, iter: ReliabilityFigures.CommandLineCases, threads: 3, seed: "0000000000007", print: line => string.Join(" ", Args(line).Select(a => $"[{a}]")));
    }

    [Fact]
    public void An_export_never_overwrites_without_force_and_overwrites_whole_with_it()
    {
        var before = Snapshot(_stored.Existing);
        var refused = Cli.Run("export", "kept-run", "--store", _stored.Store, "--out", _stored.Existing);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("add --force to overwrite it", refused.Stderr);
        Assert.Equal(before, Snapshot(_stored.Existing));
        var forced = Cli.Run("export", "kept-run", "--store", _stored.Store, "--out", _stored.Existing, "--force");
        Assert.True(forced.ExitCode == 0, forced.Stderr);
        Assert.Equal(before, Snapshot(_stored.Existing));
    }

    // Regression: a case the generator found.
    [Fact]
    public void A_connection_string_given_where_a_file_belongs_is_refused_without_showing_its_password()
    {
        var result = Cli.Run("validate", $"postgresql:Password={Password}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Password=***", result.Stderr);
        Assert.DoesNotContain(Password, result.Stderr);
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
