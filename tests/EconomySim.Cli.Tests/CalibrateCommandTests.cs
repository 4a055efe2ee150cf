using System.Globalization;
using EconomySim.Cli.Tests.Support;
using EconomySim.History;
using EconomySim.Testing;

namespace EconomySim.Cli.Tests;

/// <summary>
/// economysim calibrate through the command line, on targets the model generated itself: Greater Manchester's first
/// year run with its commissioner allocations set to a known value, its outcomes written as a target file, then that
/// value searched for over a range that holds it.
/// </summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private const double TrueAllocations = 5_600_000_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-calibrate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliResult Succeeds(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result;
    }

    /// <summary>The truth's run, and a target file of its first year's allocations and trust surplus.</summary>
    private string SyntheticTargets()
    {
        var truth = Path.Combine(_dir, "truth.yaml");
        File.WriteAllText(truth, $"extends: {Cli.Config("greater-manchester.yaml")}\nfunder:\n  commissioner_allocations_gbp: {TrueAllocations.ToString("0", CultureInfo.InvariantCulture)}\n");
        var outcomes = Succeeds("run", truth, "--store", "none", "--years", "1", "--json").Json.GetProperty("outcomes");
        string Value(string metric) => outcomes.GetProperty(metric).GetDecimal().ToString(CultureInfo.InvariantCulture);
        var targets = Path.Combine(_dir, "targets.yaml");
        File.WriteAllText(targets, $"""
            geography: Greater Manchester (the model's own run)
            series:
              - id: allocations
                metric: commissioner_allocations
                measures: Allocations to the area's commissioners, from a run with known allocations
                unit: GBP
                source: {"{"}publisher: EconomySim, series: synthetic, release: test{"}"}
                tolerance: {"{"}relative: 0.05{"}"}
                values: {"{"}2016: {Value("commissioner_allocations")}{"}"}
              - id: surplus
                metric: trust_surplus
                measures: Trusts' surplus, from the same run
                unit: GBP
                source: {"{"}publisher: EconomySim, series: synthetic, release: test{"}"}
                tolerance: {"{"}relative: 0.5{"}"}
                values: {"{"}2016: {Value("trust_surplus")}{"}"}
            """);
        return targets;
    }

    private string CalibrationFile() => CalibrationInputs.File(_dir);

    [Fact]
    public void History_matching_on_the_models_own_targets_keeps_the_true_value_and_writes_a_scenario_that_runs()
    {
        var targets = SyntheticTargets();
        var outDir = Path.Combine(_dir, "out");
        var result = Succeeds("calibrate", CalibrationFile(), "--targets", targets, "--waves", "3", "--points-per-wave", "12", "--seed", "5", "--out", outDir, "--json");

        Assert.Contains("wave 1 of 3: 12 point(s)", result.Stderr);
        Assert.Contains("wave 3 of 3", result.Stderr);
        var json = result.Json;
        var last = json.GetProperty("steps").EnumerateArray().Last();
        var lower = last.GetProperty("lower").GetProperty("funder.commissioner_allocations_gbp").GetDouble();
        var upper = last.GetProperty("upper").GetProperty("funder.commissioner_allocations_gbp").GetDouble();
        Assert.InRange(TrueAllocations, lower, upper);
        Assert.True(upper - lower < 1_000_000_000, $"the non-implausible range {lower}-{upper} is no narrower than half the prior's");
        var best = json.GetProperty("best").GetProperty("funder.commissioner_allocations_gbp").GetDouble();
        Assert.InRange(best, TrueAllocations * 0.95, TrueAllocations * 1.05);

        var sample = File.ReadAllLines(Path.Combine(outDir, "sample.csv"));
        Assert.StartsWith("point,weight,implausibility,funder.commissioner_allocations_gbp,allocations 2016,surplus 2016", sample[0]);
        Assert.Equal(json.GetProperty("sample_size").GetInt32() + 1, sample.Length);
        Assert.StartsWith("series,metric,year,target,target_sd,best", File.ReadAllLines(Path.Combine(outDir, "fit.csv"))[0]);

        var scenario = json.GetProperty("files").GetProperty("scenario").GetString()!;
        var text = File.ReadAllText(scenario);
        Assert.Contains($"#   targets: {targets}", text);
        Assert.Contains("#   code version: ", text);
        var run = Succeeds("run", scenario, "--store", "none", "--years", "1", "--json").Json;
        Assert.Equal(1, run.GetProperty("years").GetInt32());
        Assert.Equal((decimal)Math.Round(best, 2), run.GetProperty("outcomes").GetProperty("commissioner_allocations").GetDecimal());
    }

    [Fact]
    public void Abc_on_the_models_own_targets_puts_the_posterior_median_near_the_true_value()
    {
        var targets = SyntheticTargets();
        var result = Succeeds("calibrate", CalibrationFile(), "--targets", targets, "--method", "abc", "--waves", "2", "--points-per-wave", "10", "--out", Path.Combine(_dir, "abc"), "--json");
        Assert.Contains("generation 2 of 2", result.Stderr);
        var median = result.Json.GetProperty("best").GetProperty("funder.commissioner_allocations_gbp").GetDouble();
        Assert.InRange(median, TrueAllocations * 0.9, TrueAllocations * 1.1);
    }

    [Fact]
    public void A_history_matching_calibration_spread_over_a_clusters_workers_writes_the_single_process_sample_and_best_values()
    {
        var targets = SyntheticTargets();
        var file = CalibrationFile();
        var bound = TimeSpan.FromMinutes(3);
        var seedPort = FreePort.OnLoopback();
        using var first = ClusterProcess.Worker(seedPort, "none", listenPort: seedPort, parallel: 1, bound);
        using var second = ClusterProcess.Worker(seedPort, "none", listenPort: null, parallel: 1, bound);
        string[] Search(string outDir) => ["calibrate", file, "--targets", targets, "--waves", "2", "--points-per-wave", "5", "--seed", "3", "--out", Path.Combine(_dir, outDir), "--json"];

        using var coordinator = new ClusterProcess([.. Search("cluster"), "--cluster", $"127.0.0.1:{seedPort}"]);
        var finished = coordinator.Finish(bound);
        Assert.True(finished.ExitCode == 0, finished.Stderr);
        var single = Succeeds(Search("single"));

        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "single", "sample.csv")), File.ReadAllText(Path.Combine(_dir, "cluster", "sample.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(_dir, "single", "fit.csv")), File.ReadAllText(Path.Combine(_dir, "cluster", "fit.csv")));
        var clustered = finished.Json;
        Assert.Equal(single.Json.GetProperty("best").GetRawText(), clustered.GetProperty("best").GetRawText());
        Assert.Equal(single.Json.GetProperty("steps").GetRawText(), clustered.GetProperty("steps").GetRawText());
        // Both waves' runs went to the workers (ten runs of one replication), and each ran once.
        var started = first.Lines.Concat(second.Lines).Where(l => l.StartsWith("started gm-allocations-w", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, started.Count);
        Assert.Equal(10, started.Distinct().Count());
        Assert.Contains(started, l => l.StartsWith("started gm-allocations-w2b1-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--parallel 2", "--parallel: with --cluster each worker decides how many replications it runs at once (economysim worker --parallel N)")]
    [InlineData("--store sqlite", "--cluster: the workers need a store every node can reach: --store postgres:CONNECTION-STRING, or --store none; not sqlite:runs/economysim.db")]
    [InlineData("--dashboard", "--cluster: --dashboard, --prometheus, --otlp, --telemetry-console and --pace watch runs in this process, and with --cluster the replications run on the workers")]
    public void A_calibration_on_a_cluster_refuses_what_a_cluster_cannot_do_in_one_line_before_anything_runs(string flags, string message)
    {
        var result = Cli.Run(["calibrate", CalibrationFile(), "--targets", CalibrationInputs.AllocationsTarget(_dir), "--cluster", "127.0.0.1:4053", "--out", Path.Combine(_dir, "x"), .. flags.Split(' ')]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"economysim: {message}", result.Stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Fact]
    public void A_calibration_kept_in_a_store_registers_each_run_with_its_wave_and_point_so_runs_export_and_compare_read_it()
    {
        var store = $"sqlite:{Path.Combine(_dir, "runs.db")}";
        var targets = CalibrationInputs.AllocationsTarget(_dir);
        var result = Succeeds("calibrate", CalibrationFile(), "--targets", targets, "--waves", "2", "--points-per-wave", "3", "--store", store, "--out", Path.Combine(_dir, "kept"), "--json");

        var runs = Succeeds("runs", "--store", store, "--json").Json.EnumerateArray().ToList();
        Assert.Equal(6, runs.Count);
        Assert.All(runs, r =>
        {
            Assert.Equal("gm-allocations", r.GetProperty("experiment").GetString());
            Assert.Equal("completed", r.GetProperty("status").GetString());
        });
        Assert.Equal(["wave 1", "wave 1", "wave 1", "wave 2", "wave 2", "wave 2"], runs.Select(r => r.GetProperty("variant").GetString()).Order());
        foreach (var id in new[] { "gm-allocations-w1b1-base-p1-r1-1", "gm-allocations-w2b1-base-p3-r1-1" })
        {
            Assert.Contains(runs, r => r.GetProperty("run_id").GetString() == id);
            Cli.AssertStoredDigestVerified(id, store);
        }

        // One tidy table of the whole calibration: each run's wave, point and value of the parameter.
        var exported = Succeeds("export", "--experiment", "gm-allocations", "--store", store, "--out", Path.Combine(_dir, "export")).Stdout.Trim();
        var lines = File.ReadAllLines(exported);
        var header = lines[0].Split(',').ToList();
        var column = ExportColumns.ParameterColumn("funder.commissioner_allocations_gbp");
        Assert.Contains(column, header);
        var (variant, point, value) = (header.IndexOf("variant"), header.IndexOf("design_point"), header.IndexOf(column));
        var byRun = lines.Skip(1).Select(l => l.Split(',')).Select(c => (Variant: c[variant], Point: c[point], Value: double.Parse(c[value], CultureInfo.InvariantCulture))).Distinct().ToList();
        Assert.Equal(6, byRun.Count);
        // Wave 2's points lie in the box wave 1 kept, as the command reported it.
        var kept = result.Json.GetProperty("steps")[0];
        Assert.All(byRun.Where(r => r.Variant == "wave 2"), r => Assert.InRange(r.Value,
            kept.GetProperty("lower").GetProperty("funder.commissioner_allocations_gbp").GetDouble(), kept.GetProperty("upper").GetProperty("funder.commissioner_allocations_gbp").GetDouble()));
        Succeeds("compare", "--experiment", "gm-allocations", "--store", store, "--json");

        // The same name again in the same store is refused before anything runs or is written.
        var again = Cli.Run("calibrate", CalibrationFile(), "--targets", targets, "--store", store, "--out", Path.Combine(_dir, "again"));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"already holds runs of an experiment or calibration named 'gm-allocations'; rename it (experiment.name)", again.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "again")));
        Assert.Equal(6, Succeeds("runs", "--store", store, "--json").Json.GetArrayLength());
    }

    [Fact]
    public void Targets_outside_the_run_are_refused_naming_the_file()
    {
        var targets = Path.Combine(_dir, "late.yaml");
        File.WriteAllText(targets, """
            geography: Nowhere
            series:
              - id: waits
                metric: waiting_list
                measures: Waiting list
                unit: patient
                source: {publisher: NHS England, series: RTT, release: "2030"}
                tolerance: {relative: 0.1}
                values: {2030: 1000}
            """);
        var result = Cli.Run("calibrate", CalibrationFile(), "--targets", targets, "--out", Path.Combine(_dir, "x"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{targets}: no series with a tolerance has a year of the run (2016)", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
