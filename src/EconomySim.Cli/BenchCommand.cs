using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EconomySim.Benchmarking;
using Spectre.Console;

namespace EconomySim.Cli;

/// <summary>
/// <c>economysim bench</c>: the headline performance figures against their targets, measured by
/// <see cref="Bench"/>; this command reads the options and prints the report as a table, JSON or Markdown.
/// </summary>
public static class BenchCommand
{
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
        var pairs = CliApp.IntOption("--pairs", "Timed rounds of alternated runs: engine and sequential reference; persisted, no store and bulk insert; also the fresh runs, and the runs of the smallest scale (default 5; 1 with --quick)", null, 1, 100);
        var design = new Option<string?>("--design") { Description = $"Experiment file with a design for the designs figure (default {BenchPlan.DefaultDesignFile})" };
        var designRuns = CliApp.IntOption("--design-runs", $"Runs in the designs figure (default {BenchTargets.DesignRuns:N0}; 8 with --quick)", null, 1, 1_000_000);
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table" };
        var markdown = new Option<bool>("--markdown") { Description = "Print the figures as a Markdown table (the README's)" };
        var from = new Option<string?>("--from") { Description = "Measure nothing: show the figures of a report saved from --json" };
        var command = new Command("bench", "Measure the engine against its performance targets (takes minutes; --quick for a smoke run)")
        {
            scenario, quick, only, years, scales, replications, pairs, design, designRuns, json, markdown, from,
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
            var verbose = parse.GetValue(CliApp.Verbose);
            var plan = BenchPlan.For(file, isQuick, parts,
                parse.GetResult(years) is null ? null : parse.GetValue(years),
                scaleList,
                parse.GetResult(replications) is null ? null : parse.GetValue(replications),
                parse.GetResult(pairs) is null ? null : parse.GetValue(pairs),
                parse.GetValue(design),
                parse.GetResult(designRuns) is null ? null : parse.GetValue(designRuns));
            if (plan.Parts.Contains(BenchPlan.DesignsPart) && !File.Exists(plan.DesignFile))
                throw new UsageException($"--design: '{plan.DesignFile}' does not exist; name an experiment file with a design (run from the repository folder for the default)");
            var report = await Bench.MeasureAsync(plan, Hosting(verbose), stderr, verbose, cancellation);
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
            var measured = await Benchmarking.ScaleProbe.MeasureAsync(parse.GetValue(file)!, parse.GetValue(scale), parse.GetValue(years),
                Hosting(parse.GetValue(CliApp.Verbose)), cancellation);
            await stdout.WriteLineAsync(JsonSerializer.Serialize(measured));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The bench's actor systems are hosted as every command's are.</summary>
    private static StartSystem Hosting(bool verbose) => async (store, cancellation) =>
    {
        var session = await EngineSession.StartAsync(store, verbose, cancellation);
        return new HostedSystem(session.System, session);
    };

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
        text.AppendLine(CultureInfo.InvariantCulture, $"{report["scenario"]}, {BenchPlan.YearsText(report["years"]!.GetValue<int>())}, no store; {machine["cpu"]}, {machine["cores"]} cores, {machine["memory_gib"]} GiB, {machine["runtime"]}, {machine["gc"]} GC; load average {machine["load_average_before"]} before, {report["load_average_after"]} after.");
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
        console.MarkupLine(Markup.Escape($"{report["scenario"]}, {BenchPlan.YearsText(report["years"]!.GetValue<int>())}, no store; {machine["cpu"]}, {machine["cores"]} cores, {machine["runtime"]}, load average {machine["load_average_before"]} before, {report["load_average_after"]} after"));
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
