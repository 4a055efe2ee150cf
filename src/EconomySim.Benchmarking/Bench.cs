using System.Text.Json;
using System.Text.Json.Nodes;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;
using MathNet.Numerics.Statistics;

namespace EconomySim.Benchmarking;

/// <summary>
/// The headline performance figures against their targets, as one report. Each scale runs in a fresh child process of
/// the program that called (its hidden <c>bench-scale</c> command, <see cref="ScaleProbe"/>) so that its peak memory is
/// its own.
/// </summary>
public static partial class Bench
{
    /// <summary>Runs as `economysim run` starts them: new, with nothing stored to read back.</summary>
    internal static readonly RunOptions NewRun = new() { NewHistory = true };

    public static async Task<JsonObject> MeasureAsync(BenchPlan plan, StartSystem start, TextWriter log, bool verbose, CancellationToken cancellation)
    {
        var scenario = ScenarioLoader.Load(plan.ScenarioFile);
        var economy = EconomyGenerator.Build(scenario, plan.Years);
        var organisations = new EconomyIndex(economy).Count;
        var figures = new List<BenchFigure>();
        var report = new JsonObject
        {
            ["machine"] = MachineInfo.Describe(),
            ["scenario"] = scenario.Path,
            ["scenario_sha256"] = scenario.Sha256,
            ["code_version"] = CodeVersion.Current,
            ["years"] = plan.Years,
            ["quick"] = plan.Quick,
            ["organisations"] = organisations,
        };
        await using (var session = await start(HistoryStore.None, cancellation))
        {
            double? engineLettersPerSecond = null;
            Timed? warmTimed = null;
            if (plan.Parts.Contains(BenchPlan.Engine) || plan.Parts.Contains(BenchPlan.PingPong))
            {
                var pairs = plan.Parts.Contains(BenchPlan.Engine) ? plan.Pairs : 1;
                // Measured with the engine, each fresh run follows a warm round; on its own, the fresh runs follow one another.
                Func<int, Task<FreshRun>>? fresh = plan.Parts.Contains(BenchPlan.Engine) && plan.Parts.Contains(BenchPlan.FreshPart)
                    ? round => FreshRunAsync(plan, round, verbose, log, cancellation)
                    : null;
                var timed = warmTimed = await EngineAgainstSequentialAsync(session, economy, pairs, fresh, log, cancellation);
                engineLettersPerSecond = timed.Letters / timed.EngineSeconds;
                if (plan.Parts.Contains(BenchPlan.Engine))
                {
                    report["engine_vs_sequential"] = new JsonObject
                    {
                        ["pairs"] = pairs,
                        ["engine_seconds"] = Math.Round(timed.EngineSeconds, 3),
                        ["sequential_seconds"] = Math.Round(timed.SequentialSeconds, 3),
                        ["engine_seconds_each"] = new JsonArray([.. timed.EngineEach.Select(s => (JsonNode)Math.Round(s, 3))]),
                        ["sequential_seconds_each"] = new JsonArray([.. timed.SequentialEach.Select(s => (JsonNode)Math.Round(s, 3))]),
                        ["engine_over_sequential_each"] = new JsonArray([.. timed.EngineOverSequentialEach.Select(r => (JsonNode)Math.Round(r, 3))]),
                        ["engine_processor_seconds"] = Math.Round(timed.EngineProcessorSeconds, 3),
                        ["sequential_processor_seconds"] = Math.Round(timed.SequentialProcessorSeconds, 3),
                        ["engine_collector_pause_seconds_each"] = new JsonArray([.. timed.EngineCosts.Select(c => (JsonNode)Math.Round(c.PauseSeconds, 4))]),
                        ["sequential_collector_pause_seconds_each"] = new JsonArray([.. timed.SequentialCosts.Select(c => (JsonNode)Math.Round(c.PauseSeconds, 4))]),
                        ["engine_allocated_bytes_each"] = new JsonArray([.. timed.EngineCosts.Select(c => (JsonNode)c.AllocatedBytes)]),
                        ["sequential_allocated_bytes_each"] = new JsonArray([.. timed.SequentialCosts.Select(c => (JsonNode)c.AllocatedBytes)]),
                        ["two_references_seconds_each"] = new JsonArray([.. timed.TwoReferencesEach.Select(s => (JsonNode)Math.Round(s, 3))]),
                        ["digest"] = timed.Digest,
                    };
                    if (timed.CoreRoundTripEach is { } roundTrips)
                        report["engine_vs_sequential"]!["core_round_trip_nanoseconds_each"] = new JsonArray([.. roundTrips.Select(s => (JsonNode)Math.Round(s))]);
                    figures.Add(new("engine_seconds", $"actor engine, warm, median of {pairs}", Math.Round(timed.EngineSeconds, 3), "s", null, null));
                    figures.Add(new("sequential_seconds", $"sequential reference, warm, median of {pairs}", Math.Round(timed.SequentialSeconds, 3), "s", null, null));
                    figures.Add(BenchTargets.EngineRatio(timed.EngineOverSequential));
                    figures.Add(new("engine_median_over_sequential_median", "actor engine's median time / sequential reference's median time, the rounds unpaired",
                        Math.Round(timed.EngineSeconds / timed.SequentialSeconds, 3), "ratio", null, null));
                    figures.Add(new("engine_processor_over_sequential", "actor engine processor time / sequential reference processor time (all threads, the collector's included)",
                        Math.Round(timed.EngineProcessorSeconds / timed.SequentialProcessorSeconds, 3), "ratio", null, null));
                    figures.Add(new("engine_cores_busy", "cores the actor engine kept busy (its processor time / its wall time)",
                        Math.Round(timed.EngineProcessorSeconds / timed.EngineSeconds, 2), "cores", null, null));
                    figures.Add(new("engine_collector_pauses", $"the collector's pauses in the actor engine's run, median of {pairs}",
                        Math.Round(timed.EnginePauseSeconds, 3), "s", null, null));
                    figures.Add(new("sequential_collector_pauses", $"the collector's pauses in the sequential reference's run, median of {pairs}",
                        Math.Round(timed.SequentialPauseSeconds, 3), "s", null, null));
                    figures.Add(new("sequential_allocated", $"bytes the sequential reference's run allocated, median of {pairs}",
                        Math.Round(timed.SequentialAllocatedBytes / 1e6, 1), "MB", null, null));
                    figures.Add(new("engine_allocated", $"bytes the actor engine's run allocated, median of {pairs}",
                        Math.Round(timed.EngineAllocatedBytes / 1e6, 1), "MB", null, null));
                    figures.Add(new("engine_allocated_over_sequential", "bytes the actor engine's run allocated / bytes the sequential reference's allocated",
                        Math.Round(timed.EngineAllocatedBytes / timed.SequentialAllocatedBytes, 3), "ratio", null, null));
                    figures.Add(new("two_references_seconds", $"two sequential references at once, one a thread, warm, median of {pairs}",
                        Math.Round(timed.TwoReferencesSeconds, 3), "s", null, null));
                    figures.Add(new("two_thread_speedup", "cores' worth of work two threads got: twice one reference's time / the time of two at once, median of the rounds",
                        Math.Round(timed.TwoThreadSpeedup, 2), "cores", null, null));
                    if (timed.CoreRoundTripEach is { } eachRoundTrip)
                    {
                        figures.Add(new("core_round_trip", "a cache line's round trip from one core to the other and back, just before each engine run, median of the rounds",
                            Math.Round(eachRoundTrip.Median()), "ns", null, null));
                        figures.AddRange(BenchTargets.EngineRatioByCoreDistance(timed.EngineOverSequentialEach, eachRoundTrip));
                    }
                }
            }
            if (plan.Parts.Contains(BenchPlan.FreshPart))
            {
                var fresh = warmTimed?.FreshEach;
                if (fresh is null)
                {
                    fresh = new FreshRun[plan.Pairs];
                    for (var i = 0; i < plan.Pairs; i++) fresh[i] = await FreshRunAsync(plan, i, verbose, log, cancellation);
                }
                report["fresh_run"] = new JsonObject
                {
                    ["runs"] = plan.Pairs,
                    ["simulation_seconds_each"] = new JsonArray([.. fresh.Select(f => (JsonNode)Math.Round(f.Simulation, 3))]),
                    ["process_seconds_each"] = new JsonArray([.. fresh.Select(f => (JsonNode)Math.Round(f.Process, 3))]),
                    ["digest"] = fresh[^1].Digest,
                };
                var simulation = fresh.Select(f => f.Simulation).Median();
                // Which engine a researcher's fresh run meets depends on the build: said beside the figure.
                var native = NativeRun.IsBeside();
                var madeBy = native ? "made by the native engine" : "no native engine built";
                report["fresh_run"]!["native_engine"] = native;
                figures.Add(new("fresh_simulation_seconds", $"fresh `economysim run` ({madeBy}), simulation wall time, median of {plan.Pairs}", Math.Round(simulation, 3), "s", null, null));
                if (warmTimed?.FreshEach is not null)
                {
                    // Each fresh run against the warm engine of its own round, as the engine is set against the reference.
                    var ratios = warmTimed.FreshEach.Zip(warmTimed.EngineEach, (f, warm) => f.Simulation / warm).ToArray();
                    report["fresh_run"]!["over_warm_engine_each"] = new JsonArray([.. ratios.Select(r => (JsonNode)Math.Round(r, 3))]);
                    figures.Add(BenchTargets.FreshOverWarmEngine(ratios.Median()));
                }
                figures.Add(BenchTargets.FreshProcess(plan.Years, fresh.Select(f => f.Process).Median()));
            }
            if (plan.Parts.Contains(BenchPlan.PingPong))
            {
                var actors = Math.Max(2, organisations);
                var pingPong = await PingPongAsync(session, actors / 2, plan.PingPongMessages, log, cancellation);
                var ratio = engineLettersPerSecond!.Value / pingPong.MessagesPerSecond;
                report["ping_pong"] = new JsonObject
                {
                    ["pairs"] = pingPong.Pairs,
                    ["messages"] = pingPong.Messages,
                    ["seconds"] = Math.Round(pingPong.WallSeconds, 3),
                    ["messages_per_second"] = Math.Round(pingPong.MessagesPerSecond),
                    ["engine_letters_per_second"] = Math.Round(engineLettersPerSecond.Value),
                    ["ratio"] = Math.Round(ratio, 4),
                };
                figures.Add(new("engine_letters_per_second", "engine letters per second (warm run)", Math.Round(engineLettersPerSecond.Value), "msg/s", null, null));
                figures.Add(new("ping_pong_messages_per_second", $"Akka.NET ping-pong, {pingPong.Pairs:N0} pairs", Math.Round(pingPong.MessagesPerSecond), "msg/s", null, null));
                figures.Add(new("engine_over_ping_pong", "engine letters/s / ping-pong messages/s", Math.Round(ratio, 4), "ratio", null, null));
                if (plan.Parts.Contains(BenchPlan.Engine) && warmTimed is { } w)
                {
                    // A relayed run sends each activation one actor message, its start; the lanes' wakes and batches of
                    // completions, a few per lane and phase, are left out.
                    var messages = w.Activations;
                    report["ping_pong"]!["engine_messages"] = messages;
                    figures.Add(BenchTargets.EngineFloor(messages, pingPong.MessagesPerSecond, w.SequentialSeconds, w.TwoReferencesSeconds));
                }
            }
            if (plan.Parts.Contains(BenchPlan.Persistence))
            {
                var timed = await PersistenceAsync(economy, plan.Pairs, start, log, cancellation);
                report["persistence"] = new JsonObject
                {
                    ["rounds"] = plan.Pairs,
                    ["events"] = timed.Events,
                    ["journal_rows"] = timed.Rows,
                    ["persisted_seconds_each"] = new JsonArray([.. timed.Persisted.Select(s => (JsonNode)Math.Round(s, 3))]),
                    ["unpersisted_seconds_each"] = new JsonArray([.. timed.Unpersisted.Select(s => (JsonNode)Math.Round(s, 3))]),
                    ["bulk_insert_seconds_each"] = new JsonArray([.. timed.Bulk.Select(s => (JsonNode)Math.Round(s, 3))]),
                    ["digest"] = timed.Digest,
                };
                var persisted = timed.Persisted.Median();
                var unpersisted = timed.Unpersisted.Median();
                var bulk = timed.Bulk.Median();
                figures.Add(BenchTargets.PersistedRun(plan.Years, plan.Pairs, persisted));
                figures.Add(new("unpersisted_seconds", $"the same run, no store, warm, median of {plan.Pairs}", Math.Round(unpersisted, 3), "s", null, null));
                figures.Add(new("bulk_insert_seconds", $"bulk insert of its {timed.Rows:N0} journal rows, median of {plan.Pairs}", Math.Round(bulk, 3), "s", null, null));
                figures.Add(new("persisted_events_per_second", "events persisted per second (events / what persisting adds)",
                    Math.Round(timed.Events / Math.Max(persisted - unpersisted, 0.001)), "events/s", null, null));
                figures.Add(BenchTargets.PersistingRate(persisted, unpersisted, bulk));
            }
            if (plan.Parts.Contains(BenchPlan.ReplicationsPart))
            {
                var (runs, seconds) = await ReplicationsAsync(session, scenario, plan, log, cancellation);
                report["replications"] = new JsonObject { ["runs"] = runs, ["parallel"] = Environment.ProcessorCount, ["wall_seconds"] = Math.Round(seconds, 2) };
                figures.Add(BenchTargets.Replications(runs, seconds));
            }
            if (plan.Parts.Contains(BenchPlan.DesignsPart))
            {
                var design = await DesignAsync(session, plan, log, cancellation);
                report["design"] = new JsonObject
                {
                    ["file"] = plan.DesignFile,
                    ["runs"] = design.Runs,
                    ["points"] = design.Points,
                    ["replications"] = design.Replications,
                    ["parallel"] = Environment.ProcessorCount,
                    ["wall_seconds"] = Math.Round(design.Seconds, 2),
                    ["money_conserved"] = design.Conserved,
                };
                figures.Add(BenchTargets.DesignRate(design.Runs, design.Seconds));
                figures.Add(BenchTargets.DesignTime(design.Runs, design.Seconds));
            }
        }
        if (plan.Parts.Contains(BenchPlan.ScalesPart))
        {
            var measured = new JsonArray();
            var scales = new List<(int Scale, double Seconds, long Peak, double Paused)>();
            foreach (var k in plan.Scales)
            {
                // The smallest scale is every ratio's denominator, and a fresh process of a second or two varies by a
                // third from one run to the next (1.04 to 1.83 s over recent benches): it is measured as
                // many times as the warm runs are, and its medians are used. The larger scales run for tens of seconds
                // or minutes, where that noise is a few per cent, and are measured once.
                var times = k == plan.Scales[0] ? plan.Pairs : 1;
                var children = new List<JsonObject>();
                for (var i = 0; i < times; i++)
                {
                    log.WriteLine($"bench: scale {k}, {BenchPlan.YearsText(plan.Years)}, in its own process{(times > 1 ? $", {i + 1} of {times}" : "")}");
                    children.Add(await ScaleInChildAsync(plan, k, verbose, cancellation));
                }
                var child = MedianScaleRun(children);
                measured.Add(child);
                var seconds = child["wall_seconds"]!.GetValue<double>();
                var peak = child["peak_working_set_bytes"]!.GetValue<long>();
                var paused = child["gc_pause_seconds"]!.GetValue<double>();
                scales.Add((k, seconds, peak, paused));
                figures.Add(new($"time_scale_{k}", $"scale {k} ({child["organisations"]!.GetValue<int>():N0} organisations), {BenchPlan.YearsText(plan.Years)}, fresh process{(times > 1 ? $", median of {times}" : "")}", Math.Round(seconds, 2), "s", null, null));
                figures.Add(BenchTargets.CollectorPauses(k, paused, seconds));
                figures.Add(new($"compilation_scale_{k}",
                    $"the just-in-time compiler's time in scale {k}'s run, every thread ({child["jit_methods"]!.GetValue<long>():N0} methods compiled)",
                    Math.Round(child["jit_seconds"]!.GetValue<double>(), 2), "s", null, null));
                figures.Add(BenchTargets.PeakMemory(k, peak));
            }
            report["scales"] = measured;
            var first = scales[0];
            foreach (var s in scales.Skip(1))
            {
                figures.Add(BenchTargets.ScaleTime(s.Scale, first.Scale, s.Seconds, first.Seconds));
                figures.Add(BenchTargets.ScaleTimeOutsideCollector(s.Scale, first.Scale, s.Seconds - s.Paused, first.Seconds - first.Paused));
                figures.Add(BenchTargets.ScaleMemory(s.Scale, first.Scale, s.Peak, first.Peak));
            }
        }
        report["load_average_after"] = MachineInfo.LoadAverage();
        report["figures"] = JsonSerializer.SerializeToNode(figures.Select(f => new Dictionary<string, object?>
        {
            ["key"] = f.Key,
            ["what"] = f.What,
            ["value"] = f.Value,
            ["unit"] = f.Unit,
            ["target"] = f.Target,
            ["passed"] = f.Passed,
        }));
        report["passed"] = figures.All(f => f.Passed != false);
        return report;
    }

    /// <summary>
    /// One scale's runs as one entry: the median time and median peak working set, every run's time and peak beside them,
    /// and the other counts of the run whose time is the median (the lower of the two middle ones for an even count).
    /// All the runs must reach one digest.
    /// </summary>
    private static JsonObject MedianScaleRun(List<JsonObject> runs)
    {
        var digests = runs.Select(r => r["digest"]!.GetValue<string>()).Distinct().ToArray();
        if (digests.Length != 1) throw new InvalidOperationException($"Runs of one scale reached {digests.Length} digests: {string.Join(", ", digests)}.");
        var seconds = runs.Select(r => r["wall_seconds"]!.GetValue<double>()).ToArray();
        var peaks = runs.Select(r => r["peak_working_set_bytes"]!.GetValue<long>()).ToArray();
        var median = (JsonObject)runs.OrderBy(r => r["wall_seconds"]!.GetValue<double>()).ElementAt((runs.Count - 1) / 2).DeepClone();
        median["wall_seconds"] = seconds.Median();
        median["peak_working_set_bytes"] = (long)peaks.Select(p => (double)p).Median();
        median["wall_seconds_each"] = new JsonArray([.. seconds.Select(x => JsonValue.Create(x))]);
        median["peak_working_set_bytes_each"] = new JsonArray([.. peaks.Select(x => JsonValue.Create(x))]);
        return median;
    }

    /// <summary>Each timed run starts from a collected heap, so one run's garbage is not charged to the next.</summary>
    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
