using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EconomySim.Domain;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;
using Spectre.Console;

namespace EconomySim.Cli;

/// <summary>Commands that read stored runs for analysis: compare several side by side.</summary>
public static class AnalysisCommands
{
    public static Command Compare(TextWriter stdout, TextWriter stderr)
    {
        var runs = new Argument<string[]>("RUN") { Description = "Two or more run ids (or unique prefixes), or an experiment's name", Arity = new ArgumentArity(0, 1000) };
        var experiment = ExperimentResults.Option("Compare the variants of");
        var store = CliApp.StoreOption();
        var metric = new Option<string[]>("--metric") { Description = "Only these metrics (repeatable); default: the headline outcomes", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON" };
        var csv = new Option<bool>("--csv") { Description = "Print the comparison as CSV" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report with charts to FILE" };
        var force = new Option<bool>("--force") { Description = "Overwrite the --html file if it exists" };
        var expect = new Option<string?>("--expect") { Description = "An experiment file whose expectations the --html report checks against the runs" };
        var format = Tables.Report.FormatOption();
        format.Description += " (csv as --csv: one row per group)";
        var command = new Command("compare", "Put stored runs side by side per year: means with 95% intervals, and the first run or variant named less each other, paired where runs are replications") { runs, experiment, store, metric, json, csv, format, html, force, expect };
        command.SetAction(async (parse, cancellation) =>
        {
            var metrics = ParseMetrics(parse.GetValue(metric) ?? []);
            var htmlPath = parse.GetValue(html);
            if (htmlPath is not null) OutputTarget.CheckFile("--html", htmlPath, parse.GetValue(force));
            var expectations = parse.GetValue(expect) is { } expectFile
                ? htmlPath is not null ? ExperimentLoader.Load(expectFile) : throw new UsageException("--expect: the expectations are checked in the report; add --html FILE")
                : null;
            var historyStore = parse.GetValue(store)!.ForReading();
            var registry = await RunLedger.OpenExistingAsync(historyStore);
            StoreNotice.Opened(historyStore, stderr);
            var records = new List<RunRecord>();
            var ids = parse.GetValue(runs) ?? [];
            var all = await registry.ListAsync();
            var experimentName = ExperimentNamed(parse.GetValue(experiment), ids, all);
            if (experimentName is not null) records.AddRange(ExperimentResults.RunsOf(all, experimentName, historyStore));
            else foreach (var id in ids) records.Add(await registry.FindAsync(id));
            var incomplete = records.FirstOrDefault(r => r.Status != RunStatus.Completed);
            if (incomplete is not null)
                throw new UsageException($"run '{incomplete.RunId}' is {RunRegistry.StatusText(incomplete.Status)}; only completed runs can be compared");
            var compared = new List<ComparedRun>();
            await using (var session = await EngineSession.StartAsync(historyStore, parse.GetValue(CliApp.Verbose), cancellation))
            {
                foreach (var record in records)
                {
                    var (_, economy) = StoredScenario.Rebuild(record);
                    var history = await StoredHistory.ReadPhasesAsync(session.System, record.RunId);
                    // Within one experiment the variant names the group; runs named one by one may come from several.
                    var group = experimentName is not null ? ExperimentResults.GroupOf(record) : record.Variant is null ? record.RunId : $"{record.Experiment}/{record.Variant}";
                    compared.Add(new ComparedRun(record.RunId, group, record.Seed, history.Outcomes(economy)));
                }
            }
            var comparison = Comparisons.Compare(compared, metrics);
            if (htmlPath is not null) await WriteReplacingAsync("--html", htmlPath, ComparisonReport.Html(compared, metrics, expectations));
            if (parse.GetValue(json)) await stdout.WriteLineAsync(Json(comparison));
            else if (parse.GetValue(csv) || parse.GetValue(format) == Tables.OutputFormat.Csv) await stdout.WriteAsync(Csv(comparison));
            else ComparisonTable.Write(comparison, Tables.Report.For(stdout, stderr, parse.GetValue(format)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The experiment a comparison is of: <c>--experiment NAME</c>, or a lone name that is a stored experiment's. Null when
    /// runs are named; refused when neither enough runs nor an experiment are.
    /// </summary>
    private static string? ExperimentNamed(string? option, string[] ids, IReadOnlyList<RunRecord> all)
    {
        if (option is not null)
        {
            if (ids.Length > 0 && !(ids.Length == 1 && ids[0] == option))
                throw new UsageException($"--experiment: name runs or an experiment, not both (runs named: {string.Join(", ", ids)})");
            return option;
        }
        if (ids.Length == 1 && all.Any(r => r.Experiment == ids[0])) return ids[0];
        if (ids.Length >= 2) return null;
        var experiments = ExperimentResults.Names(all);
        throw new UsageException((ids.Length == 1 ? $"compare: '{ids[0]}' is not a stored experiment's name, and a comparison of runs needs two or more run ids" : "compare: name two or more run ids")
            + $", or --experiment NAME to compare every replication of a stored experiment's variants{(experiments.Count > 0 ? $" (experiments in the store: {string.Join(", ", experiments)})" : "")}");
    }

    /// <summary>Written beside the target and moved into place, so a failed write never leaves half a report.</summary>
    private static async Task WriteReplacingAsync(string option, string path, string text)
    {
        var partial = path + ".partial";
        try
        {
            await File.WriteAllTextAsync(partial, text, Encoding.UTF8);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (OutputTarget.IsWriteError(e))
        {
            File.Delete(partial);
            throw OutputTarget.WriteFailed(option, path, e);
        }
    }

    private static IReadOnlyList<Metric> ParseMetrics(string[] names)
    {
        if (names.Length == 0) return RunReport.Headline;
        var byName = MetricCatalogue.All.ToDictionary(m => m.Name, m => m.Metric);
        return names.Select(n => byName.TryGetValue(n, out var m) ? m
            : throw new UsageException($"--metric: '{n}' is not a metric; allowed: {string.Join(", ", byName.Keys)}")).ToList();
    }

    private static string Show(Estimate e, string unit)
    {
        string F(double v) => unit == "GBP" ? (v / 1_000_000).ToString("#,##0.0", CultureInfo.InvariantCulture) : v.ToString("#,##0.##", CultureInfo.InvariantCulture);
        return e.Count > 1 ? $"{F(e.Mean)} [{F(e.Lower)}, {F(e.Upper)}]" : F(e.Mean);
    }

    private static string Json(Comparison comparison) => JsonSerializer.Serialize(new
    {
        groups = comparison.Groups,
        rows = comparison.Rows.Select(r => new
        {
            metric = r.Metric, unit = r.Unit, year = r.Year,
            groups = r.Groups.Select(e => new { mean = e.Mean, low = e.Lower, high = e.Upper, n = e.Count }),
            differences_from_first = r.DifferencesFromFirst.Select(d => d is null ? null : new { mean = d.Mean, low = d.Lower, high = d.Upper, n = d.Count }),
        }),
    });

    private static string Csv(Comparison comparison)
    {
        var text = new StringBuilder("metric,unit,year,group,mean,low,high,n,difference_from_first,difference_low,difference_high\n");
        foreach (var row in comparison.Rows)
            for (var g = 0; g < comparison.Groups.Count; g++)
            {
                var e = row.Groups[g];
                var d = row.DifferencesFromFirst[g];
                text.AppendLine(string.Join(',', row.Metric, row.Unit, row.Year, Quote(comparison.Groups[g]),
                    N(e.Mean), N(e.Lower), N(e.Upper), e.Count, N(d?.Mean), N(d?.Lower), N(d?.Upper)));
            }
        return text.ToString();
        static string N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
