using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EconomySim.Domain;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;
using Spectre.Console;

namespace EconomySim.Cli;

/// <summary>Commands that read stored runs for analysis: compare several, export one as a tidy table.</summary>
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
        var format = Tables.Report.FormatOption();
        format.Description += " (csv as --csv: one row per group)";
        var command = new Command("compare", "Put stored runs side by side per year: means with 95% intervals, and the first run or variant named less each other, paired where runs are replications") { runs, experiment, store, metric, json, csv, format, html, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var metrics = ParseMetrics(parse.GetValue(metric) ?? []);
            var htmlPath = parse.GetValue(html);
            if (htmlPath is not null) OutputTarget.CheckFile("--html", htmlPath, parse.GetValue(force));
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
            if (htmlPath is not null) await WriteReplacingAsync("--html", htmlPath, HtmlReport(comparison, compared, metrics));
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

    /// <summary>A report that opens anywhere with no network: charts are inline SVG drawn by ScottPlot.</summary>
    private static string HtmlReport(Comparison comparison, IReadOnlyList<ComparedRun> runs, IReadOnlyList<Metric> metrics)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>EconomySim comparison</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}.chart{display:inline-block;margin:8px}</style></head><body>");
        html.Append("<h1>EconomySim comparison</h1><p>Runs: ").Append(WebUtility.HtmlEncode(string.Join(", ", runs.Select(r => r.RunId)))).Append("</p>");
        foreach (var metric in metrics)
        {
            var info = MetricCatalogue.Info(metric);
            var plot = new ScottPlot.Plot();
            foreach (var group in comparison.Groups)
            {
                var rows = comparison.Rows.Where(r => r.Metric == info.Name).ToList();
                var index = comparison.Groups.ToList().IndexOf(group);
                var line = plot.Add.Scatter(rows.Select(r => (double)r.Year).ToArray(), rows.Select(r => (double)r.Groups[index].Mean / (info.Unit == "GBP" ? 1e6 : 1)).ToArray());
                line.LegendText = group;
            }
            plot.Title($"{info.Name} ({RunReport.UnitLabel(info.Unit)})");
            plot.ShowLegend();
            html.Append("<div class=\"chart\">").Append(plot.GetSvgXml(520, 300).Replace("<?xml version=\"1.0\" encoding=\"utf-8\" ?>", "")).Append("</div>");
        }
        html.Append("<h2>Table</h2><table><tr><th>outcome</th><th>year</th>");
        foreach (var g in comparison.Groups) html.Append("<th>").Append(WebUtility.HtmlEncode(g)).Append("</th>");
        html.Append("</tr>");
        foreach (var row in comparison.Rows)
        {
            html.Append("<tr><td>").Append(row.Metric).Append("</td><td>").Append(row.Year).Append("</td>");
            foreach (var e in row.Groups) html.Append("<td>").Append(WebUtility.HtmlEncode(Show(e, row.Unit))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }

    public static Command Export(TextWriter stdout, TextWriter stderr)
    {
        var run = StoreCommands.RunArgument();
        run.Arity = ArgumentArity.ZeroOrOne;
        var experiment = ExperimentResults.Option("Export as one table (experiment, variant, design_point, parameters, replication, seed, run_id, year, metric, value)");
        var store = CliApp.StoreOption();
        var format = new Option<string>("--format") { Description = "csv or parquet", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var output = new Option<string>("--out") { Description = "Folder to write into", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing export" };
        var command = new Command("export", "Write a stored run as a tidy long table (run, replication, year, tick, organisation, kind, metric, value), or a whole experiment with --experiment") { run, experiment, store, format, output, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var directory = parse.GetValue(output)!;
            OutputTarget.CheckFolder("--out", directory);
            var (id, name) = (parse.GetValue(run), parse.GetValue(experiment));
            if (id is null && name is null) throw new UsageException("export: name a stored run (RUN), or --experiment NAME for every replication of a stored experiment");
            if (id is not null && name is not null) throw new UsageException($"--experiment: name a run or an experiment, not both (run named: {id})");
            var historyStore = parse.GetValue(store)!.ForReading();
            var registry = await RunLedger.OpenExistingAsync(historyStore);
            StoreNotice.Opened(historyStore, stderr);
            var extension = parse.GetValue(format)!;
            var verbose = parse.GetValue(CliApp.Verbose);
            var all = await registry.ListAsync();
            // An experiment's name where a run is expected means the whole experiment, unless a run has that very id.
            if (name is null && all.Any(r => r.Experiment == id) && all.All(r => r.RunId != id)) name = id;
            if (name is not null)
            {
                var records = ExperimentResults.RunsOf(all, name, historyStore);
                var experimentPath = Target(directory, $"{name}.{extension}", parse.GetValue(force));
                var replications = await ExperimentResults.ReadAsync(records, historyStore, verbose, cancellation);
                var keys = ExperimentExport.ParameterKeys(replications);
                var rows = ExperimentExport.Rows(replications, keys);
                await WriteExportAsync(experimentPath, partial => extension == "csv" ? ExperimentExport.WriteCsv(rows, keys, partial) : ExperimentExport.WriteParquet(rows, keys, partial));
                await stdout.WriteLineAsync(experimentPath);
                return ExitCodes.Success;
            }
            var record = await registry.FindAsync(id!);
            var path = Target(directory, $"{record.RunId}.{extension}", parse.GetValue(force));
            var stored = await StoredRun.LoadAsync(record, historyStore, verbose, cancellation);
            var runRows = History.Export.Rows(stored.History, stored.Economy, record.Replication);
            await WriteExportAsync(path, partial => extension == "csv" ? History.Export.WriteCsv(runRows, partial) : History.Export.WriteParquet(runRows, partial));
            await stdout.WriteLineAsync(path);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Target(string directory, string file, bool force)
    {
        var path = Path.Combine(directory, file);
        if (Directory.Exists(path))
            throw new UsageException($"--out: '{path}' is a folder; the export is written as this file");
        if (File.Exists(path) && !force)
            throw new UsageException($"--out: '{path}' exists; add --force to overwrite it");
        return path;
    }

    /// <summary>Written beside the target and moved into place, so a failed export never leaves half a file.</summary>
    private static async Task WriteExportAsync(string path, Func<string, Task> write)
    {
        var partial = path + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await write(partial);
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (OutputTarget.IsWriteError(e))
        {
            if (File.Exists(partial)) File.Delete(partial);
            throw OutputTarget.WriteFailed("--out", path, e);
        }
    }
}
