using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Engine.Benchmarking;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;
using Microsoft.Data.Sqlite;
using Spectre.Console;

namespace EconomySim.Cli;

/// <summary>What a bench run measures, chosen with --quick, --only and the size options.</summary>
public sealed record BenchPlan(
    string ScenarioFile,
    int Years,
    IReadOnlyList<int> Scales,
    int Replications,
    int Pairs,
    int PingPongMessages,
    IReadOnlySet<string> Parts,
    bool Quick)
{
    public const string Engine = "engine";
    public const string PingPong = "ping-pong";
    public const string ScalesPart = "scales";
    public const string ReplicationsPart = "replications";
    public const string Persistence = "persistence";
    public static readonly string[] AllParts = [Engine, PingPong, Persistence, ScalesPart, ReplicationsPart];
}

/// <summary>One headline figure with its target, if it has one.</summary>
/// <param name="Passed">Whether the target holds; null for a figure that is only reported.</param>
public sealed record BenchFigure(string Key, string What, double Value, string Unit, string? Target, bool? Passed);

/// <summary>The targets of issue 6 as pure functions of the measurements, so a table and its verdicts cannot disagree.</summary>
public static class BenchTargets
{
    public const double EngineOverSequential = 1.25;
    /// <summary>Growing no faster than linearly, with a fifth to spare: scale 10 at most 12 times scale 1.</summary>
    public const double LinearSlack = 1.2;
    public const long PeakMemoryBytes = 4L << 30;
    public const double ReplicationSeconds = 180;
    public const int ReplicationRuns = 100;
    public const double PersistedTenYearsSeconds = 10;
    public const double PersistingOverBulk = 0.5;

    /// <summary>The target is for ten years; other lengths are judged pro rata.</summary>
    public static BenchFigure PersistedRun(int years, int pairs, double seconds)
    {
        var bound = PersistedTenYearsSeconds * years / 10;
        return new("persisted_seconds", $"run persisted to SQLite, {(years == 1 ? "1 year" : $"{years} years")}, warm, median of {pairs}", Math.Round(seconds, 3), "s",
            $"<= {bound.ToString("0.##", CultureInfo.InvariantCulture)}", seconds <= bound);
    }

    /// <summary>
    /// Events persisted per second against events bulk-inserted per second: the bulk insert's time over the time that
    /// persisting adds to the same run unpersisted.
    /// </summary>
    public static BenchFigure PersistingRate(double persistedSeconds, double unpersistedSeconds, double bulkSeconds)
    {
        // Two cores can make persisting look free in one pair; a thousandth of a second keeps the rate finite.
        var rate = bulkSeconds / Math.Max(persistedSeconds - unpersistedSeconds, 0.001);
        return new("persisting_over_bulk_insert", "rate of persisting events / rate of bulk-inserting the same journal rows", Math.Round(rate, 3), "ratio",
            $">= {PersistingOverBulk.ToString(CultureInfo.InvariantCulture)}", rate >= PersistingOverBulk);
    }

    public static BenchFigure EngineRatio(double engineSeconds, double sequentialSeconds)
    {
        var ratio = engineSeconds / sequentialSeconds;
        return new("engine_over_sequential", "actor engine time / sequential reference time", Math.Round(ratio, 3), "ratio",
            $"<= {EngineOverSequential.ToString(CultureInfo.InvariantCulture)}", ratio <= EngineOverSequential);
    }

    public static BenchFigure ScaleTime(int scale, int baseScale, double seconds, double baseSeconds)
    {
        var ratio = seconds / baseSeconds;
        var bound = LinearSlack * scale / baseScale;
        return new($"time_scale_{scale}_over_scale_{baseScale}", $"time at scale {scale} / time at scale {baseScale}", Math.Round(ratio, 2), "ratio",
            $"<= {bound.ToString("0.##", CultureInfo.InvariantCulture)}", ratio <= bound);
    }

    public static BenchFigure ScaleMemory(int scale, int baseScale, long bytes, long baseBytes)
    {
        var ratio = (double)bytes / baseBytes;
        var bound = LinearSlack * scale / baseScale;
        return new($"memory_scale_{scale}_over_scale_{baseScale}", $"peak memory at scale {scale} / at scale {baseScale}", Math.Round(ratio, 2), "ratio",
            $"<= {bound.ToString("0.##", CultureInfo.InvariantCulture)}", ratio <= bound);
    }

    public static BenchFigure PeakMemory(int scale, long bytes) =>
        new($"peak_memory_scale_{scale}", $"peak working set at scale {scale}", Math.Round(bytes / (double)(1L << 30), 3), "GiB",
            "<= 4", bytes <= PeakMemoryBytes);

    /// <summary>The target is for 100 runs; fewer runs are judged pro rata (a smoke run, not the figure itself).</summary>
    public static BenchFigure Replications(int runs, double seconds)
    {
        var bound = ReplicationSeconds * runs / ReplicationRuns;
        return new("replications_seconds", $"{runs} replication{(runs == 1 ? "" : "s")}, wall time", Math.Round(seconds, 2), "s",
            $"<= {bound.ToString("0.##", CultureInfo.InvariantCulture)}", seconds <= bound);
    }
}

/// <summary>
/// <c>economysim bench</c>: the headline performance figures against their targets. Each scale runs in a fresh child
/// process of this same executable (the hidden <c>bench-scale</c> command) so that its peak memory is its own.
/// </summary>
public static class BenchCommand
{
    /// <summary>Runs as `economysim run` starts them: new, with nothing stored to read back.</summary>
    private static readonly RunOptions NewRun = new() { NewHistory = true };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario to measure", DefaultValueFactory = _ => "configs/england.yaml" };
        var quick = new Option<bool>("--quick") { Description = "A smoke run for CI: 1 year, scales 1 and 2, 4 replications, one pair of timed runs" };
        var only = new Option<string[]>("--only")
        {
            Description = $"Measure only these parts: {string.Join(", ", BenchPlan.AllParts)} (comma-separated or repeated)",
            AllowMultipleArgumentsPerToken = true,
        };
        var years = CliApp.IntOption("--years", "Simulated years of every run (default 10; 1 with --quick)", null, 1, 50);
        var scales = new Option<string?>("--scales") { Description = "Scales to run, each in its own process (default 1,10,100; 1,2 with --quick)" };
        var replications = CliApp.IntOption("--replications", "Runs in the replications figure (default 100; 4 with --quick)", null, 1, 10_000);
        var pairs = CliApp.IntOption("--pairs", "Timed rounds of alternated runs: engine and sequential reference; persisted, no store and bulk insert (default 3; 1 with --quick)", null, 1, 100);
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var markdown = new Option<bool>("--markdown") { Description = "Print the figures as a Markdown table (the README's)" };
        var from = new Option<string?>("--from") { Description = "Measure nothing: show the figures of a report saved from --json" };
        var command = new Command("bench", "Measure the engine against its performance targets (takes minutes; --quick for a smoke run)")
        {
            scenario, quick, only, years, scales, replications, pairs, json, markdown, from,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(json) && parse.GetValue(markdown)) throw new UsageException("--json and --markdown: choose one");
            if (parse.GetValue(from) is { } saved)
            {
                var loaded = Load(saved);
                await Print(loaded, parse.GetValue(json), parse.GetValue(markdown), stdout);
                return ExitCodes.Success;
            }
            var isQuick = parse.GetValue(quick);
            var parts = ParseParts(parse.GetValue(only));
            var scaleList = ParseScales(parse.GetValue(scales));
            var file = parse.GetValue(scenario)!;
            if (!File.Exists(file))
                throw new UsageException($"--scenario: '{file}' does not exist; name a scenario file (run from the repository folder for the default configs/england.yaml)");
            var plan = new BenchPlan(
                file,
                parse.GetResult(years) is null ? (isQuick ? 1 : 10) : parse.GetValue(years),
                scaleList ?? (isQuick ? [1, 2] : [1, 10, 100]),
                parse.GetResult(replications) is null ? (isQuick ? 4 : BenchTargets.ReplicationRuns) : parse.GetValue(replications),
                parse.GetResult(pairs) is null ? (isQuick ? 1 : 3) : parse.GetValue(pairs),
                isQuick ? 200_000 : 4_000_000,
                parts,
                isQuick);
            var report = await MeasureAsync(plan, stderr, parse.GetValue(CliApp.Verbose), cancellation);
            await Print(report, parse.GetValue(json), parse.GetValue(markdown), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task Print(JsonObject report, bool json, bool markdown, TextWriter stdout)
    {
        if (json) await stdout.WriteLineAsync(report.ToJsonString(Indented));
        else if (markdown) await stdout.WriteAsync(Markdown(report));
        else Table(report, RunCommand.ConsoleFor(stdout));
    }

    /// <summary>A report saved from --json, checked enough that showing it cannot fail half-way.</summary>
    private static JsonObject Load(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"--from: '{path}' does not exist; name a file saved from 'economysim bench --json'");
        try
        {
            var report = JsonNode.Parse(File.ReadAllText(path))?.AsObject();
            if (report?["figures"] is JsonArray figures && report["machine"] is JsonObject && report["scenario"] is JsonValue && report["years"] is JsonValue
                && report["passed"] is JsonValue && figures.All(f => f?["what"] is JsonValue && f["value"] is JsonValue && f["unit"] is JsonValue))
                return report;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new UsageException($"--from: {path} is not JSON from 'economysim bench --json': {e.Message}");
        }
        throw new UsageException($"--from: {path} is not a report from 'economysim bench --json' (it lacks machine, scenario, years, figures or passed)");
    }

    /// <summary>The child process behind each scale: one run, then its own time, peak memory and allocations as JSON.</summary>
    public static Command ScaleProbe(TextWriter stdout)
    {
        var file = CliApp.ScenarioFileArgument();
        var scale = CliApp.IntOption("--scale", "Scale", 1, 1, 1000);
        var years = CliApp.IntOption("--years", "Simulated years", 10, 1, 50);
        var command = new Command("bench-scale", "One run measured in its own process, for bench") { file, scale, years };
        command.Hidden = true;
        command.SetAction(async (parse, cancellation) =>
        {
            var economy = EconomyGenerator.Build(ScenarioLoader.Load(parse.GetValue(file)!), parse.GetValue(years), parse.GetValue(scale));
            RunResult result;
            await using (var session = await EngineSession.StartAsync(HistoryStore.None, parse.GetValue(CliApp.Verbose), cancellation))
                result = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-scale-{parse.GetValue(scale)}", NewRun, cancellation);
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["scale"] = parse.GetValue(scale),
                ["organisations"] = result.Organisations,
                ["letters"] = result.Messages,
                ["wall_seconds"] = result.WallSeconds,
                ["peak_working_set_bytes"] = self.PeakWorkingSet64,
                ["allocated_bytes"] = GC.GetTotalAllocatedBytes(precise: false),
                ["gc_collections"] = GC.CollectionCount(0),
                ["digest"] = result.Digest,
            }));
            return ExitCodes.Success;
        });
        return command;
    }

    private static List<int>? ParseScales(string? text)
    {
        if (text is null) return null;
        var scales = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || k < 1 || k > 1000)
                throw new UsageException($"--scales: '{part}' is not a scale; allowed: whole numbers from 1 to 1000, comma-separated, e.g. 1,10,100");
            if (!scales.Contains(k)) scales.Add(k);
        }
        scales.Sort();
        return scales;
    }

    private static HashSet<string> ParseParts(string[]? given)
    {
        if (given is null || given.Length == 0) return [.. BenchPlan.AllParts];
        var parts = new HashSet<string>();
        foreach (var part in given.SelectMany(g => g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!BenchPlan.AllParts.Contains(part))
                throw new UsageException($"--only: '{part}' is not a part of the bench; allowed: {string.Join(", ", BenchPlan.AllParts)}");
            parts.Add(part);
        }
        return parts;
    }

    public static async Task<JsonObject> MeasureAsync(BenchPlan plan, TextWriter log, bool verbose, CancellationToken cancellation)
    {
        var scenario = ScenarioLoader.Load(plan.ScenarioFile);
        var economy = EconomyGenerator.Build(scenario, plan.Years);
        var organisations = new EconomyIndex(economy).Count;
        var figures = new List<BenchFigure>();
        var report = new JsonObject
        {
            ["machine"] = Machine(),
            ["scenario"] = scenario.Path,
            ["scenario_sha256"] = scenario.Sha256,
            ["code_version"] = CodeVersion.Current,
            ["years"] = plan.Years,
            ["quick"] = plan.Quick,
            ["organisations"] = organisations,
        };
        await using (var session = await EngineSession.StartAsync(HistoryStore.None, verbose, cancellation))
        {
            double? engineLettersPerSecond = null;
            if (plan.Parts.Contains(BenchPlan.Engine) || plan.Parts.Contains(BenchPlan.PingPong))
            {
                var pairs = plan.Parts.Contains(BenchPlan.Engine) ? plan.Pairs : 1;
                var timed = await EngineAgainstSequentialAsync(session, economy, pairs, log, cancellation);
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
                        ["digest"] = timed.Digest,
                    };
                    figures.Add(new("engine_seconds", $"actor engine, warm, median of {pairs}", Math.Round(timed.EngineSeconds, 3), "s", null, null));
                    figures.Add(new("sequential_seconds", $"sequential reference, warm, median of {pairs}", Math.Round(timed.SequentialSeconds, 3), "s", null, null));
                    figures.Add(BenchTargets.EngineRatio(timed.EngineSeconds, timed.SequentialSeconds));
                }
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
            }
            if (plan.Parts.Contains(BenchPlan.Persistence))
            {
                var timed = await PersistenceAsync(economy, plan.Pairs, verbose, log, cancellation);
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
                var persisted = Median(timed.Persisted);
                var unpersisted = Median(timed.Unpersisted);
                var bulk = Median(timed.Bulk);
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
        }
        if (plan.Parts.Contains(BenchPlan.ScalesPart))
        {
            var measured = new JsonArray();
            var scales = new List<(int Scale, double Seconds, long Peak)>();
            foreach (var k in plan.Scales)
            {
                log.WriteLine($"bench: scale {k}, {YearsText(plan.Years)}, in its own process");
                var child = await ScaleInChildAsync(plan, k, verbose, cancellation);
                measured.Add(child);
                var seconds = child["wall_seconds"]!.GetValue<double>();
                var peak = child["peak_working_set_bytes"]!.GetValue<long>();
                scales.Add((k, seconds, peak));
                figures.Add(new($"time_scale_{k}", $"scale {k} ({child["organisations"]!.GetValue<int>():N0} organisations), {YearsText(plan.Years)}, fresh process", Math.Round(seconds, 2), "s", null, null));
                figures.Add(BenchTargets.PeakMemory(k, peak));
            }
            report["scales"] = measured;
            var first = scales[0];
            foreach (var s in scales.Skip(1))
            {
                figures.Add(BenchTargets.ScaleTime(s.Scale, first.Scale, s.Seconds, first.Seconds));
                figures.Add(BenchTargets.ScaleMemory(s.Scale, first.Scale, s.Peak, first.Peak));
            }
        }
        report["load_average_after"] = LoadAverage();
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

    private sealed record Timed(double EngineSeconds, double SequentialSeconds, double[] EngineEach, double[] SequentialEach, long Letters, string Digest);

    /// <summary>
    /// Warm runs in alternated pairs (engine, then sequential), medians of each: a pair's two runs see nearly the same
    /// background load. The first pair only warms the code up and is not counted.
    /// </summary>
    private static async Task<Timed> EngineAgainstSequentialAsync(EngineSession session, EconomyDefinition economy, int pairs, TextWriter log,
        CancellationToken cancellation)
    {
        var engine = new double[pairs];
        var sequential = new double[pairs];
        long letters = 0;
        var digest = "";
        for (var i = -1; i < pairs; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            log.WriteLine(i < 0 ? "bench: warming up the engine and the sequential reference" : $"bench: engine and sequential reference, pair {i + 1} of {pairs}");
            Collect();
            var run = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-engine-{i + 1}", NewRun, cancellation);
            Collect();
            var watch = Stopwatch.StartNew();
            var reference = SequentialRun.Run(economy, 1);
            watch.Stop();
            if (reference.Digest != run.Digest)
                throw new InvalidOperationException($"The engine's digest {run.Digest} differs from the sequential reference's {reference.Digest}.");
            if (i < 0) continue;
            engine[i] = run.WallSeconds;
            sequential[i] = watch.Elapsed.TotalSeconds;
            letters = run.Messages;
            digest = run.Digest;
        }
        return new Timed(Median(engine), Median(sequential), engine, sequential, letters, digest);
    }

    private sealed record PersistenceTimed(double[] Persisted, double[] Unpersisted, double[] Bulk, long Events, int Rows, string Digest);

    /// <summary>
    /// Warm runs in alternated rounds of three: the run persisted to a new SQLite file (each in an actor system of its own, as
    /// `economysim run` has), the same run with no store, and a bulk insert of the rows that run's journal wrote into
    /// another new file. The first round only warms the code up. Each round's files are removed before the next, so
    /// no run pays for the write-back of an earlier one.
    /// </summary>
    private static async Task<PersistenceTimed> PersistenceAsync(EconomyDefinition economy, int rounds, bool verbose, TextWriter log,
        CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("economysim-bench-").FullName;
        var persisted = new double[rounds];
        var unpersisted = new double[rounds];
        var bulk = new double[rounds];
        long events = 0;
        var rows = 0;
        var digest = "";
        try
        {
            for (var i = -1; i < rounds; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                log.WriteLine(i < 0 ? "bench: warming up the persisted run, the same run with no store and the bulk insert" : $"bench: persisted run, no store, bulk insert, round {i + 1} of {rounds}");
                var store = Path.Combine(folder, "run.db");
                Collect();
                RunResult stored;
                await using (var session = await EngineSession.StartAsync(HistoryStore.Sqlite(store), verbose, cancellation))
                    stored = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-persisted-{i + 1}", NewRun, cancellation, persist: true);
                Collect();
                RunResult plain;
                await using (var session = await EngineSession.StartAsync(HistoryStore.None, verbose, cancellation))
                    plain = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-unpersisted-{i + 1}", NewRun, cancellation);
                if (stored.Digest != plain.Digest)
                    throw new InvalidOperationException($"The persisted run's digest {stored.Digest} differs from the unpersisted run's {plain.Digest}.");
                SqliteConnection.ClearAllPools();
                var journal = JournalRows.Read(store);
                Collect();
                var inserted = journal.InsertInto(Path.Combine(folder, "bulk.db"));
                foreach (var file in Directory.EnumerateFiles(folder)) File.Delete(file);
                if (i < 0) continue;
                persisted[i] = stored.WallSeconds;
                unpersisted[i] = plain.WallSeconds;
                bulk[i] = inserted.TotalSeconds;
                events = stored.Events;
                rows = journal.Count;
                digest = stored.Digest;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return new PersistenceTimed(persisted, unpersisted, bulk, events, rows, digest);
    }

    private static async Task<PingPongResult> PingPongAsync(EngineSession session, int pairs, int messages, TextWriter log, CancellationToken cancellation)
    {
        log.WriteLine($"bench: Akka.NET ping-pong, {pairs:N0} pairs");
        var bounces = Math.Max(1, messages / pairs);
        await PingPong.RunAsync(session.System, pairs, Math.Max(1, bounces / 10), cancellation);
        Collect();
        return await PingPong.RunAsync(session.System, pairs, bounces, cancellation);
    }

    private static async Task<(int Runs, double Seconds)> ReplicationsAsync(EngineSession session, ScenarioDocument scenario, BenchPlan plan, TextWriter log,
        CancellationToken cancellation)
    {
        log.WriteLine($"bench: {plan.Replications} replications of {scenario.Name}, {YearsText(plan.Years)}, {Environment.ProcessorCount} at once");
        var experiment = new ExperimentDocument(scenario.Path, "bench", "replications timed by economysim bench", scenario, plan.Replications, 1, plan.Years,
            [new ExperimentVariant(scenario.Name, "", scenario)], []);
        Collect();
        var runs = await ExperimentRunner.RunAsync(session.System, experiment, cancellationToken: cancellation);
        return (runs.Runs.Count, runs.WallSeconds);
    }

    private static async Task<JsonObject> ScaleInChildAsync(BenchPlan plan, int scale, bool verbose, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Under `dotnet economysim.dll` the process is the host; the child needs the program named again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        foreach (var a in new[] { "bench-scale", plan.ScenarioFile, "--scale", scale.ToString(CultureInfo.InvariantCulture), "--years", plan.Years.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        if (verbose) start.ArgumentList.Add("--verbose");
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the scale's child process did not start");
        try
        {
            var stdout = child.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = child.StandardError.ReadToEndAsync(cancellation);
            await child.WaitForExitAsync(cancellation);
            if (child.ExitCode != 0)
                throw new InvalidOperationException($"scale {scale} failed (exit code {child.ExitCode}): {(await stderr).Trim()}");
            return JsonNode.Parse(await stdout)!.AsObject();
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Each timed run starts from a collected heap, so one run's garbage is not charged to the next.</summary>
    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static string YearsText(int years) => years == 1 ? "1 year" : $"{years} years";

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static JsonObject Machine() => new()
    {
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount,
        ["memory_gib"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30), 1),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["gc"] = GCSettings.IsServerGC ? "server" : "workstation",
        ["load_average_before"] = LoadAverage(),
    };

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
            foreach (var line in File.ReadLines(cpuinfo))
                if (line.StartsWith("model name", StringComparison.Ordinal)) return line[(line.IndexOf(':') + 1)..].Trim();
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>The 1-minute load average where the system tells it: the figures mean little on a busy machine.</summary>
    private static JsonNode? LoadAverage()
    {
        const string loadavg = "/proc/loadavg";
        if (!File.Exists(loadavg)) return null;
        var first = File.ReadAllText(loadavg).Split(' ')[0];
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
    }

    private static IEnumerable<JsonObject> Figures(JsonObject report) => report["figures"]!.AsArray().Select(f => f!.AsObject());

    private static string Verdict(JsonObject figure) => figure["passed"] is { } passed ? passed.GetValue<bool>() ? "yes" : "NO" : "";

    private static string Value(JsonObject figure)
    {
        var value = figure["value"]!.GetValue<double>();
        var unit = figure["unit"]!.GetValue<string>();
        var text = unit is "msg/s" or "events/s" ? value.ToString("#,##0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
        return unit == "ratio" ? text : $"{text} {unit}";
    }

    public static string Markdown(JsonObject report)
    {
        var machine = report["machine"]!.AsObject();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report["scenario"]}, {YearsText(report["years"]!.GetValue<int>())}, no store; {machine["cpu"]}, {machine["cores"]} cores, {machine["memory_gib"]} GiB, {machine["runtime"]}, {machine["gc"]} GC; load average {machine["load_average_before"]} before, {report["load_average_after"]} after.");
        text.AppendLine();
        text.AppendLine("| figure | value | target | met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var f in Figures(report))
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f["what"]} | {Value(f)} | {f["target"]?.GetValue<string>() ?? "reported"} | {Verdict(f)} |");
        return text.ToString();
    }

    private static void Table(JsonObject report, IAnsiConsole console)
    {
        var machine = report["machine"]!.AsObject();
        console.MarkupLine(Markup.Escape($"{report["scenario"]}, {YearsText(report["years"]!.GetValue<int>())}, no store; {machine["cpu"]}, {machine["cores"]} cores, {machine["runtime"]}, load average {machine["load_average_before"]} before, {report["load_average_after"]} after"));
        var table = new Table().Border(TableBorder.Simple).AddColumn("figure").AddColumn(new TableColumn("value").RightAligned()).AddColumn("target").AddColumn("met");
        foreach (var f in Figures(report))
        {
            var verdict = Verdict(f);
            table.AddRow(Markup.Escape(f["what"]!.GetValue<string>()), Markup.Escape(Value(f)), Markup.Escape(f["target"]?.GetValue<string>() ?? "reported"),
                verdict == "NO" ? "[red]NO[/]" : verdict == "yes" ? "[green]yes[/]" : "");
        }
        console.Write(table);
        console.MarkupLine(report["passed"]!.GetValue<bool>() ? "[green]every target met[/]" : "[red]a target was missed[/]");
    }
}
