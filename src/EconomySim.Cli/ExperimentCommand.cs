using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using EconomySim.Cli.Tables;
using EconomySim.Cluster;
using EconomySim.Domain;
using EconomySim.Designs;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;
using EconomySim.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EconomySim.Cli;

/// <summary><c>economysim experiment FILE</c>: variants times replications, a comparison table, and the expectations checked.</summary>
public static class ExperimentCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Experiment file (YAML), e.g. configs/experiments/pbr-vs-block.yaml" };
        var replications = CliApp.IntOption("--replications", "Replications per variant and design point (default: the file's; 1 only with a design)", null, 1, ExperimentLoader.MaxReplications);
        var parallel = CliApp.IntOption("--parallel", "Runs at once (default: the cores at hand)", null, 1, 256);
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the comparison instead of tables" };
        var store = CliApp.StoreOption();
        var cluster = WorkerCommand.SeedNodeOption("--cluster", "Spread the replications over the workers of the cluster that this node (HOST:PORT; repeat to name several) belongs to");
        var (listen, joinWait) = WorkerCommand.CoordinatorOptions();
        var cadence = CliApp.HistoryCadenceOption();
        var ignoreMemory = MemoryBudget.IgnoreOption();
        var format = Report.FormatOption();
        var command = new Command("experiment", "Run an experiment's variants with common random numbers and check its expectations") { file, replications, parallel, store, cadence, json, format, cluster, listen, joinWait, ignoreMemory };
        var telemetry = new TelemetryOptions();
        foreach (var option in telemetry.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetResult(replications) is null ? null : parse.GetValue(replications));
            // Without a design, variants are compared by paired replications, which takes two at least.
            if (experiment.Design is null && experiment.Replications < 2)
                throw new UsageException("--replications: an experiment without a design needs at least 2 replications (1 is allowed with a `design:`)");
            var asJson = parse.GetValue(json);
            var historyStore = parse.GetValue(store)!;
            telemetry.Validate(parse, asJson);
            var seedNode = WorkerCommand.SeedNodes(parse, cluster);
            var historyCadence = parse.GetValue(cadence);
            if (seedNode is not null) RefuseWhatAClusterCannotDo(parse, historyStore, parallel, telemetry, historyCadence);
            else
            {
                WorkerCommand.RefuseNodeOptionsWithoutCluster(parse, listen, joinWait);
                // The runs in memory together are the largest variant's, as many as run at once.
                var largest = experiment.Variants.Select(v => EconomySize.Of(v.Scenario, experiment.Scale)).MaxBy(s => s.EstimatedBytes)!;
                var atOnce = Math.Min(parse.GetResult(parallel) is null ? Environment.ProcessorCount : parse.GetValue(parallel), experiment.RunCount);
                MemoryBudget.Check(largest, atOnce, experiment.Path, parse.GetValue(ignoreMemory));
            }
            // Listeners before the registry: a port already in use is refused before any replication is registered.
            var settings = telemetry.Settings(parse);
            await using var session = settings.Any ? await TelemetryOptions.StartAsync(settings, stderr, cancellation) : null;
            StoreNotice.BeforeWriting(historyStore, parse.GetResult(store) is { Implicit: false }, stderr);
            // Each replication is watched as a run of its own, labelled with its variant, so the dashboard and
            // Grafana's variant comparison show the variants side by side as they run.
            var pace = parse.GetValue(telemetry.Pace);
            Func<ReplicationStart, RunOptions>? watch = session is null && pace == TimeSpan.Zero && historyCadence == HistoryCadence.Year ? null : start => new RunOptions
            {
                Observer = session?.Observe(RunLabels.For(start.RunId, start.Economy, start.Variant)),
                MonthPace = pace,
                HistoryCadence = historyCadence,
            };
            var verbose = parse.GetValue(CliApp.Verbose);
            var log = TextWriter.Synchronized(stderr);
            // On a cluster the replications are registered once a worker is found; here, before they start.
            var outcome = seedNode is not null
                ? await ExperimentLifecycle.RunOnClusterAsync(experiment, historyStore, historyCadence,
                    WorkerCommand.Node(parse, ClusterHosting.CoordinatorRole, seedNode, listen, joinWait),
                    verbose, message => log.WriteLine($"economysim experiment: {message}"), cancellation)
                : await (await ExperimentLifecycle.RegisterAsync(experiment, historyStore, historyCadence)).RunAsync(parse.GetResult(parallel) is null ? null : parse.GetValue(parallel), verbose, TerminalProgress.On(asJson ? null : stderr), watch, cancellation);
            var (runs, results) = (outcome.Runs, outcome.Expectations);
            if (asJson) await stdout.WriteLineAsync(Json(runs, results));
            else Table(runs, results, Report.For(stdout, stderr, parse.GetValue(format)));
            var failed = outcome.Failed;
            foreach (var f in failed)
                await stderr.WriteLineAsync($"{experiment.Path}:{f.Expectation.Line}: expectation failed: {f.Expectation} ({Tested(f)})");
            if (session is not null) await telemetry.LingerAsync(parse, session, stderr, cancellation);
            return failed.Count == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>What `validate` says about an experiment file: its variants and runs, without running them.</summary>
    public static async Task<int> ValidateAsync(string path, bool asJson, TextWriter stdout)
    {
        var experiment = ExperimentLoader.Load(path);
        if (asJson)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new
            {
                file = path,
                valid = true,
                experiment = experiment.Name,
                scenario = experiment.Base.Path,
                variants = experiment.Variants.Select(v => v.Name).ToList(),
                replications = experiment.Replications,
                runs = experiment.RunCount,
                design = DesignSummary(experiment),
                expectations = experiment.Expectations.Select(e => e.ToString()).ToList(),
            }));
        }
        else
        {
            await stdout.WriteLineAsync($"{path}: valid experiment '{experiment.Name}' on {experiment.Base.Path}: {experiment.Variants.Count} variants ({string.Join(", ", experiment.Variants.Select(v => v.Name))}){Points(experiment)} x {experiment.Replications} replications, {experiment.Expectations.Count} expectation(s)");
        }
        return ExitCodes.Success;
    }

    /// <summary>What `experiment --cluster` (and `calibrate --cluster`) cannot do, refused in one line before anything starts.</summary>
    internal static void RefuseWhatAClusterCannotDo(ParseResult parse, HistoryStore store, Option<int> parallel, TelemetryOptions telemetry, HistoryCadence cadence)
    {
        if (cadence != HistoryCadence.Year)
            throw new UsageException($"--history-cadence: with --cluster the workers write each replication's history once a simulated year; {cadence.Name()} is for replications run in this process");
        if (store.Kind == StoreKind.Sqlite)
            throw new UsageException($"--cluster: the workers need a store every node can reach: --store postgres:CONNECTION-STRING, or --store none; not {store.Display}");
        if (parse.GetResult(parallel) is not null)
            throw new UsageException("--parallel: with --cluster each worker decides how many replications it runs at once (economysim worker --parallel N)");
        if (telemetry.Settings(parse).Any || parse.GetValue(telemetry.Pace) != TimeSpan.Zero)
            throw new UsageException("--cluster: --dashboard, --prometheus, --otlp, --telemetry-console and --pace watch runs in this process, and with --cluster the replications run on the workers");
    }

    private static void Table(ExperimentRuns runs, IReadOnlyList<ExpectationResult> results, Report report)
    {
        var e = runs.Experiment;
        report.Line($"{e.Name}  {e.Path}  on {e.Base.Path}");
        report.Line($"{e.Variants.Count} variants{Points(e)} x {e.Replications} replications (seeds {e.Seed} to {e.SeedOf(e.Replications - 1)}, common to every variant{(e.Points.Count > 0 ? " and point" : "")}), {runs.Runs.Count} runs in {runs.WallSeconds:F1} s");

        // Means with 95% CIs of every metric an expectation names, under every variant.
        var measures = e.Expectations.Where(x => x.Kind != ExpectationKind.MoneyConserved)
            .Select(x => (x.Metric, x.Per, Years: x.Kind == ExpectationKind.Change ? new int?[] { x.From, x.To } : [x.Year])).SelectMany(x => x.Years.Select(y => (x.Metric, x.Per, Year: y))).Distinct().ToList();
        var columns = new List<TextColumn> { TextColumn.Key("outcome"), TextColumn.Key("unit"), TextColumn.Key("year") };
        columns.AddRange(e.Variants.Select(v => TextColumn.Figure($"{v.Name} mean ± 95% CI")));
        var means = new TextTable(columns);
        foreach (var (metric, per, year) in measures)
        {
            var info = per is null ? MetricCatalogue.Find(metric) : null;
            var row = new List<TextCell> { per is null ? metric : $"{metric} per {per}", info is null ? "" : MetricDisplay.Unit(info), year?.ToString(CultureInfo.InvariantCulture) ?? "run" };
            foreach (var v in e.Variants)
            {
                var estimate = Statistics.Describe(runs.Of(v.Name).Select(r => ExperimentAnalysis.Value(r.Result.Outcomes, metric, per, year)).ToList());
                row.Add(info is null ? $"{F(estimate.Mean)} ± {F(estimate.HalfWidth)}" : $"{MetricDisplay.Text(info, estimate.Mean)} ± {MetricDisplay.Text(info, estimate.HalfWidth)}");
            }
            means.AddRow(row);
        }
        if (measures.Count > 0) report.Table(means);

        if (results.Count == 0)
        {
            // A heading over an empty table reads as a failure to compute; say instead where the outcomes are read.
            report.Line(e.Points.Count > 0
                ? $"Nothing tested: {e.Path} states no expectations; 'economysim analyse {e.Name}' says how much each parameter moves each outcome."
                : $"Nothing tested: {e.Path} states no expectations; 'economysim compare' or 'economysim export --experiment {e.Name}' reads the outcomes.");
            return;
        }
        var table = new TextTable(TextColumn.Prose("expectation"), TextColumn.Prose("tested"), TextColumn.Figure("estimate"), TextColumn.Prose("interval"), TextColumn.Text("result"));
        foreach (var r in results)
            for (var c = 0; c < r.Contrasts.Count; c++)
            {
                var (label, estimate, _, _) = r.Contrasts[c];
                table.AddRow(c == 0 ? r.Expectation.ToString() : "", label, F(estimate.Mean), Interval(r, r.Contrasts[c]), c > 0 ? "" : r.Passed ? "passed" : "FAILED");
            }
        report.Line("Expectations, in the units of the outcomes' raw values (pounds, fractions, counts); a difference a - b is the first variant named less the second, paired by seed:");
        report.Table(table);
        if (results.Any(r => r.Expectation.Kind == ExpectationKind.Equivalence))
            report.Line("An equivalence passes when the paired difference's 90% interval lies within ± the margin (two one-sided tests at 5%).");
    }

    /// <summary>What a clause tested, for its failure message: each quantity with its interval, and an equivalence's margin.</summary>
    private static string Tested(ExpectationResult r) =>
        string.Join("; ", r.Contrasts.Select(c => $"{c.Label} {F(c.Estimate.Mean)}, {Interval(r, c)}"));

    private static string Interval(ExpectationResult r, Contrast c) => r.Expectation.Kind switch
    {
        ExpectationKind.MoneyConserved => $"of {c.Estimate.Count} runs",
        ExpectationKind.Equivalence => $"90% CI {F(c.Lower90!.Value)} to {F(c.Upper90!.Value)}, margin ±{F(r.Margin!.Value)}",
        _ => $"95% CI {F(c.Estimate.Lower)} to {F(c.Estimate.Upper)}",
    };

    private static string Json(ExperimentRuns runs, IReadOnlyList<ExpectationResult> results)
    {
        var e = runs.Experiment;
        static object Est(Estimate x) => new { n = x.Count, mean = x.Mean, sd = x.StandardDeviation, ci_lower = x.Lower, ci_upper = x.Upper };
        return JsonSerializer.Serialize(new
        {
            experiment = e.Name,
            file = e.Path,
            scenario = e.Base.Path,
            replications = e.Replications,
            seeds = Enumerable.Range(0, e.Replications).Select(e.SeedOf).ToList(),
            design = DesignSummary(e),
            wall_seconds = Math.Round(runs.WallSeconds, 3),
            runs = runs.Runs.Select(r => new
            {
                run_id = r.RunId, variant = r.Variant, replication = r.Replication + 1, seed = r.Seed, digest = r.Result.Digest, money_conserved = r.Result.PhasesConserved == r.Result.Phases,
                design_point = r.Point is null ? (int?)null : r.Point.Index + 1,
                parameters = r.Point is null ? null : e.Space?.Parameters.Select((p, i) => (p.Key, Value: r.Point.Values[i])).ToDictionary(p => p.Key, p => p.Value),
                // Every replication's outcomes, named as `run --json` names them, so any other statistic needs no second run.
                outcomes_by_year = r.Result.Outcomes.Years.Select(y => new Dictionary<string, object> { ["year"] = y.Year, ["values"] = RunReport.Values(y) }).ToList(),
            }).ToList(),
            expectations = results.Select(r => new
            {
                clause = r.Expectation.ToString(),
                kind = KindName(r.Expectation.Kind),
                line = r.Expectation.Line,
                metric = r.Expectation.Kind == ExpectationKind.MoneyConserved ? null : r.Expectation.Metric,
                per = r.Expectation.Per,
                year = r.Expectation.Year,
                from = r.Expectation.From,
                to = r.Expectation.To,
                direction = r.Expectation.Direction == ExpectedDirection.Lower ? "lower" : "higher",
                variant = r.Expectation.Variant.Length == 0 ? null : r.Expectation.Variant,
                than = r.Expectation.Than,
                variants = r.Expectation.Variants,
                parameter = r.Expectation.Parameter,
                margin = r.Margin,
                estimates = r.Variants.Select(v => new { variant = v.Variant, estimate = Est(v.Estimate) }).ToList(),
                tested = r.Contrasts.Select(c => new { label = c.Label, estimate = Est(c.Estimate), ci90_lower = c.Lower90, ci90_upper = c.Upper90 }).ToList(),
                difference = Est(r.Difference),
                passed = r.Passed,
            }).ToList(),
            passed = results.All(r => r.Passed),
        });
    }

    private static string KindName(ExpectationKind kind) => kind switch
    {
        ExpectationKind.Equivalence => "within",
        ExpectationKind.Order => "ordered",
        ExpectationKind.Trend => "trend",
        ExpectationKind.Change => "change",
        ExpectationKind.MoneyConserved => "money_conserved",
        _ => "direction",
    };

    /// <summary>" x 9 design points (grid over 2 parameters)", or nothing without a design.</summary>
    private static string Points(ExperimentDocument e) => e is { Design: { } d, Space: { } space }
        ? $" x {e.Points.Count} design points ({DesignSampler.MethodName(d.Method)} over {space.Dimension} parameters)" : "";

    /// <summary>The design and every point's values by key, so a run's id (…-pN-…) can be matched to its values.</summary>
    private static object? DesignSummary(ExperimentDocument e) => e is { Design: { } d, Space: { } space }
        ? new
        {
            method = DesignSampler.MethodName(d.Method),
            samples = d.Samples,
            seed = d.Seed,
            parameters = space.Parameters.Select(p => new { key = p.Key, distribution = StoredParameter.Of(p).Distribution, low = StoredParameter.Of(p).Low, high = StoredParameter.Of(p).High, source = p.Source }).ToList(),
            points = e.Points.Select(p => new { point = p.Index + 1, values = RunRecord.ParametersOf(e, p) }).ToList(),
        }
        : null;

    private static string F(double value) => Math.Abs(value) >= 1000
        ? value.ToString("#,##0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
