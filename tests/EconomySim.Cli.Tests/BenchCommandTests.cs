using System.Globalization;
using System.Text.Json;
using EconomySim.Benchmarking;

namespace EconomySim.Cli.Tests;

/// <summary>
/// The bench command's shape and sanity on a smoke-sized run. Timing targets are never asserted here (they are measured
/// on an idle machine); what is checked is that every figure is there, plausible, and judged by its own target.
/// </summary>
public class BenchCommandTests
{
    private static readonly string England = Cli.Config("england.yaml");

    [Fact]
    public void A_quick_bench_reports_every_headline_figure_with_its_target_as_json()
    {
        var result = Cli.Run("bench", "--quick", "--json", "--scenario", England, "--design", Cli.Config("experiments/sensitivity-greater-manchester.yaml"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = result.Json;
        Assert.True(json.GetProperty("machine").GetProperty("cores").GetInt32() > 0);
        Assert.Equal(1, json.GetProperty("years").GetInt32());
        Assert.True(json.GetProperty("quick").GetBoolean());

        var timed = json.GetProperty("engine_vs_sequential");
        Assert.True(timed.GetProperty("engine_seconds").GetDouble() > 0);
        Assert.True(timed.GetProperty("sequential_seconds").GetDouble() > 0);
        Assert.True(timed.GetProperty("engine_processor_seconds").GetDouble() > 0);
        Assert.True(timed.GetProperty("sequential_processor_seconds").GetDouble() > 0);

        // A fresh `economysim run` is the same run as the warm one: its default seed is the bench's.
        var fresh = json.GetProperty("fresh_run");
        Assert.Equal(timed.GetProperty("digest").GetString(), fresh.GetProperty("digest").GetString());
        // A Release build has the native engine, which makes the fresh run; a Debug build has none.
#if DEBUG
        Assert.False(fresh.GetProperty("native_engine").GetBoolean());
#else
        Assert.True(fresh.GetProperty("native_engine").GetBoolean());
#endif
        var simulation = fresh.GetProperty("simulation_seconds_each").EnumerateArray().Select(s => s.GetDouble()).ToList();
        var process = fresh.GetProperty("process_seconds_each").EnumerateArray().Select(s => s.GetDouble()).ToList();
        Assert.Single(simulation);
        Assert.All(simulation.Zip(process), p => Assert.InRange(p.Item1, 0.001, p.Item2));
        // Each fresh run is set against the warm engine of its own round.
        var engineEach = timed.GetProperty("engine_seconds_each").EnumerateArray().Select(s => s.GetDouble()).ToList();
        var overWarm = fresh.GetProperty("over_warm_engine_each").EnumerateArray().Select(s => s.GetDouble()).ToList();
        // Both times are reported to the millisecond, the ratio from the unrounded times.
        var expected = simulation[0] / engineEach[0];
        Assert.InRange(overWarm.Single(), expected * 0.98, expected * 1.02);

        var pingPong = json.GetProperty("ping_pong");
        Assert.Equal(828, pingPong.GetProperty("pairs").GetInt32());
        Assert.True(pingPong.GetProperty("messages").GetInt64() >= 100_000);
        Assert.True(pingPong.GetProperty("messages_per_second").GetDouble() > 0);
        Assert.True(pingPong.GetProperty("engine_letters_per_second").GetDouble() > 0);
        // The engine's actor messages counted are the starts of every activation, letters riding in them: every
        // organisation acts at least once, and there are fewer messages than letters.
        var letters = json.GetProperty("scales")[0].GetProperty("letters").GetInt64();
        var engineMessages = pingPong.GetProperty("engine_messages").GetInt64();
        Assert.InRange(engineMessages, 1656, letters);

        // Each scale ran in its own process; scale 1 there is the very run timed in-process, so the digests agree.
        var scales = json.GetProperty("scales").EnumerateArray().ToList();
        Assert.Equal([1, 2], scales.Select(s => s.GetProperty("scale").GetInt32()));
        Assert.Equal(timed.GetProperty("digest").GetString(), scales[0].GetProperty("digest").GetString());
        Assert.Equal(1656, scales[0].GetProperty("organisations").GetInt32());
        Assert.InRange(scales[1].GetProperty("organisations").GetInt32(), 3000, 3400);
        Assert.True(scales[1].GetProperty("letters").GetInt64() > scales[0].GetProperty("letters").GetInt64());
        foreach (var s in scales)
        {
            Assert.InRange(s.GetProperty("peak_working_set_bytes").GetInt64(), 20L << 20, 64L << 30);
            Assert.True(s.GetProperty("allocated_bytes").GetInt64() > 0);
            // A collection of a generation collects the younger ones too, so each count is at most the younger one's.
            Assert.InRange(s.GetProperty("gc_collections_gen2").GetInt32(), 0, s.GetProperty("gc_collections_gen1").GetInt32());
            Assert.InRange(s.GetProperty("gc_collections_gen1").GetInt32(), 0, s.GetProperty("gc_collections").GetInt32());
            Assert.True(s.GetProperty("gc_pause_seconds").GetDouble() >= 0);
            Assert.True(s.GetProperty("wall_seconds").GetDouble() > 0);
        }

        Assert.Equal(4, json.GetProperty("replications").GetProperty("runs").GetInt32());

        // Many small runs: the first points of the shipped Sobol design, each run with the design's replications.
        var design = json.GetProperty("design");
        Assert.Equal(8, design.GetProperty("runs").GetInt32());
        Assert.Equal(4, design.GetProperty("points").GetInt32());
        Assert.True(design.GetProperty("money_conserved").GetBoolean());

        // The persisted run is the same run as the one timed against the reference, and its journal holds its events.
        var persistence = json.GetProperty("persistence");
        Assert.Equal(timed.GetProperty("digest").GetString(), persistence.GetProperty("digest").GetString());
        Assert.InRange(persistence.GetProperty("journal_rows").GetInt64(), 1656L, persistence.GetProperty("events").GetInt64());
        foreach (var each in new[] { "persisted_seconds_each", "unpersisted_seconds_each", "bulk_insert_seconds_each" })
            Assert.All(persistence.GetProperty(each).EnumerateArray(), s => Assert.True(s.GetDouble() > 0, each));

        var figures = json.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
        foreach (var key in new[] { "engine_over_sequential", "engine_median_over_sequential_median", "engine_over_sequential_floor", "engine_processor_over_sequential", "engine_cores_busy", "engine_collector_pauses", "sequential_collector_pauses", "sequential_allocated", "engine_allocated", "engine_allocated_over_sequential", "two_references_seconds", "two_thread_speedup", "core_round_trip", "fresh_simulation_seconds", "fresh_over_warm_engine", "fresh_process_seconds", "engine_over_ping_pong", "time_scale_1", "time_scale_2", "peak_memory_scale_1",
                     "peak_memory_scale_2", "time_scale_2_over_scale_1", "memory_scale_2_over_scale_1", "replications_seconds",
                     "collector_pauses_scale_1", "collector_pauses_scale_2", "compilation_scale_1", "compilation_scale_2", "time_outside_collector_scale_2_over_scale_1",
                     "persisted_seconds", "unpersisted_seconds", "bulk_insert_seconds", "persisted_events_per_second", "persisting_over_bulk_insert",
                     "design_runs_per_second", "design_seconds" })
            Assert.True(figures.ContainsKey(key), $"missing figure {key}");
        Assert.Equal("<= 0.7", figures["engine_over_sequential"].GetProperty("target").GetString());
        Assert.Equal("<= 1.3", figures["fresh_over_warm_engine"].GetProperty("target").GetString());
        Assert.Equal("<= 3", figures["fresh_process_seconds"].GetProperty("target").GetString());
        Assert.Equal("<= 2.1", figures["time_scale_2_over_scale_1"].GetProperty("target").GetString());
        Assert.Equal("<= 2", figures["peak_memory_scale_1"].GetProperty("target").GetString());
        Assert.Equal("<= 4.32", figures["replications_seconds"].GetProperty("target").GetString());
        Assert.Equal("<= 1", figures["persisted_seconds"].GetProperty("target").GetString());
        Assert.Equal(">= 0.5", figures["persisting_over_bulk_insert"].GetProperty("target").GetString());
        Assert.Equal(JsonValueKind.Null, figures["engine_over_ping_pong"].GetProperty("passed").ValueKind);
        // The floor is half the time two references took at once plus the engine's messages at the ping-pong's rate, over
        // the reference's time; the two-thread speedup is twice one reference's time over two at once's.
        var twoReferences = Assert.Single(timed.GetProperty("two_references_seconds_each").EnumerateArray()).GetDouble();
        var sequential = timed.GetProperty("sequential_seconds").GetDouble();
        var floor = (twoReferences / 2 + engineMessages / pingPong.GetProperty("messages_per_second").GetDouble()) / sequential;
        // The times are reported to the millisecond and the figures rounded (the floor to three places, the speedup to
        // two), so a figure recomputed here from the reported times differs from the reported one by what those
        // roundings allow, and by no more: at a quick bench's tenth of a second that is more than a fixed hundredth.
        const double HalfMillisecond = 0.0005;
        var floorSlack = 0.0005 + (HalfMillisecond / 2 + floor * HalfMillisecond) / sequential + 1e-9;
        Assert.Equal(floor, figures["engine_over_sequential_floor"].GetProperty("value").GetDouble(), floorSlack);
        var speedup = 2 * sequential / twoReferences;
        var speedupSlack = 0.005 + 2 * HalfMillisecond / twoReferences + speedup * HalfMillisecond / twoReferences + 1e-9;
        Assert.Equal(speedup, figures["two_thread_speedup"].GetProperty("value").GetDouble(), speedupSlack);
        Assert.InRange(figures["two_thread_speedup"].GetProperty("value").GetDouble(), 0.5, 2.5);
        // The engine's ratio is each round's, paired; with one timed round it is that round's, as are the medians'.
        var roundRatio = Assert.Single(timed.GetProperty("engine_over_sequential_each").EnumerateArray()).GetDouble();
        Assert.Equal(roundRatio, figures["engine_over_sequential"].GetProperty("value").GetDouble(), 0.0005 + 1e-9);
        Assert.Equal(roundRatio, figures["engine_median_over_sequential_median"].GetProperty("value").GetDouble(), 0.0005 + 1e-9);
        // A line's round trip between cores is the figure, read in the one timed round: no round trip is free.
        var roundTrip = Assert.Single(timed.GetProperty("core_round_trip_nanoseconds_each").EnumerateArray()).GetDouble();
        Assert.True(roundTrip > 0);
        Assert.Equal(roundTrip, figures["core_round_trip"].GetProperty("value").GetDouble());
        // The one round is near or far apart, and the ratio over the rounds at its distance is its own.
        var distance = roundTrip >= BenchTargets.FarApartRoundTripNanoseconds ? "far" : "near";
        var other = distance == "far" ? "near" : "far";
        Assert.Equal(roundRatio, figures[$"engine_over_sequential_cores_{distance}"].GetProperty("value").GetDouble(), 0.0005 + 1e-9);
        Assert.False(figures.ContainsKey($"engine_over_sequential_cores_{other}"));
        // The engine does all the reference's work and sends its messages besides: it allocates more, never less.
        Assert.InRange(figures["engine_allocated_over_sequential"].GetProperty("value").GetDouble(), 1.0, 3.0);
        Assert.True(figures["engine_allocated"].GetProperty("value").GetDouble() >= figures["sequential_allocated"].GetProperty("value").GetDouble());
        Assert.True(figures["sequential_allocated"].GetProperty("value").GetDouble() > 0);

        // Every verdict is its figure's value against its target, and the whole passes only if every target does.
        foreach (var f in figures.Values.Where(f => f.GetProperty("target").ValueKind == JsonValueKind.String))
        {
            var target = f.GetProperty("target").GetString()!;
            var bound = double.Parse(target[">= ".Length..], CultureInfo.InvariantCulture);
            var value = f.GetProperty("value").GetDouble();
            Assert.Equal(target.StartsWith(">= ", StringComparison.Ordinal) ? value >= bound : value <= bound, f.GetProperty("passed").GetBoolean());
        }
        Assert.Equal(figures.Values.All(f => f.GetProperty("passed").ValueKind != JsonValueKind.False), json.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void The_smallest_scale_is_run_once_a_round_and_its_medians_divide_the_larger_scales()
    {
        var result = Cli.Run("bench", "--quick", "--only", "scales", "--pairs", "3", "--scales", "1,2", "--json", "--scenario", England);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var scales = result.Json.GetProperty("scales").EnumerateArray().ToList();
        var smallest = scales[0];
        var seconds = smallest.GetProperty("wall_seconds_each").EnumerateArray().Select(s => s.GetDouble()).Order().ToArray();
        var peaks = smallest.GetProperty("peak_working_set_bytes_each").EnumerateArray().Select(p => p.GetInt64()).Order().ToArray();
        Assert.Equal(3, seconds.Length);
        Assert.Equal(seconds[1], smallest.GetProperty("wall_seconds").GetDouble());
        Assert.Equal(peaks[1], smallest.GetProperty("peak_working_set_bytes").GetInt64());
        Assert.Single(scales[1].GetProperty("wall_seconds_each").EnumerateArray());

        var figures = result.Json.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
        Assert.Equal(Math.Round(scales[1].GetProperty("wall_seconds").GetDouble() / seconds[1], 2), figures["time_scale_2_over_scale_1"].GetProperty("value").GetDouble());
        Assert.Equal(Math.Round((double)scales[1].GetProperty("peak_working_set_bytes").GetInt64() / peaks[1], 2),
            figures["memory_scale_2_over_scale_1"].GetProperty("value").GetDouble());
        // The collector's pauses are the median run's, and come out of both times for the ratio beside the plain one.
        var paused = scales.Select(s => s.GetProperty("gc_pause_seconds").GetDouble()).ToArray();
        Assert.Equal(Math.Round(paused[0], 2), figures["collector_pauses_scale_1"].GetProperty("value").GetDouble());
        Assert.Equal(Math.Round((scales[1].GetProperty("wall_seconds").GetDouble() - paused[1]) / (seconds[1] - paused[0]), 2),
            figures["time_outside_collector_scale_2_over_scale_1"].GetProperty("value").GetDouble());
        // A scale's run is a fresh process's first: the compiler meets the run's methods in it, and its time is the median run's.
        Assert.All(scales, s => Assert.True(s.GetProperty("jit_methods").GetInt64() > 0));
        Assert.Equal(Math.Round(smallest.GetProperty("jit_seconds").GetDouble(), 2), figures["compilation_scale_1"].GetProperty("value").GetDouble());
    }

    [Fact]
    public void A_saved_report_is_shown_again_without_measuring_and_a_file_that_is_not_one_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("economysim-bench-").FullName;
        try
        {
            var measured = Cli.Run("bench", "--quick", "--only", "replications", "--replications", "1", "--json", "--scenario", England);
            Assert.True(measured.ExitCode == 0, measured.Stderr);
            var saved = Path.Combine(folder, "bench.json");
            File.WriteAllText(saved, measured.Stdout);
            var shown = Cli.Run("bench", "--from", saved, "--markdown");
            Assert.True(shown.ExitCode == 0, shown.Stderr);
            var seconds = measured.Json.GetProperty("replications").GetProperty("wall_seconds").GetDouble();
            Assert.Contains($"| 1 replication, wall time | {seconds.ToString("0.###", CultureInfo.InvariantCulture)} s | <= 1.08 |", shown.Stdout);
            Assert.Equal("", shown.Stderr);

            var notReport = Path.Combine(folder, "other.json");
            File.WriteAllText(notReport, "{\"digest\": \"abc\"}");
            var refused = Cli.Run("bench", "--from", notReport);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains($"--from: {notReport} is not a report from 'economysim bench --json'", refused.Stderr);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void On_a_machine_of_one_core_the_engine_is_benched_without_a_round_trip_between_cores()
    {
        var result = Cli.Run(["bench", "--quick", "--only", "engine", "--json", "--scenario", England], new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" });
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var report = JsonDocument.Parse(result.Stdout);
        var keys = report.RootElement.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("key").GetString()).ToList();
        Assert.Contains("engine_over_sequential", keys);
        Assert.DoesNotContain("core_round_trip", keys);
        Assert.DoesNotContain(keys, key => key!.StartsWith("engine_over_sequential_cores_", StringComparison.Ordinal));
        Assert.False(report.RootElement.GetProperty("engine_vs_sequential").TryGetProperty("core_round_trip_nanoseconds_each", out _));
    }

    [Fact]
    public void Only_measures_the_parts_named_and_markdown_prints_the_readme_table()
    {
        var result = Cli.Run("bench", "--quick", "--only", "ping-pong", "--markdown", "--scenario", England);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("| figure | value | target | met |", lines);
        Assert.Contains(lines, l => l.StartsWith("| Akka.NET ping-pong, 828 pairs |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| engine letters/s / ping-pong messages/s |", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("scale", StringComparison.Ordinal) || l.Contains("replications", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--only", "everything", "--only: 'everything' is not a part of the bench; allowed: engine, fresh, ping-pong, persistence, scales, replications")]
    [InlineData("--scales", "1,0", "--scales: '0' is not a scale; allowed: whole numbers from 1 to 1000")]
    [InlineData("--scenario", "missing.yaml", "--scenario: 'missing.yaml' does not exist")]
    public void A_bad_bench_option_is_named_with_what_is_allowed_and_exits_two(string option, string value, string message)
    {
        var result = Cli.Run("bench", "--quick", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }
}
