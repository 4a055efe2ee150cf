using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EconomySim.Domain.Runs;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Targets;

namespace EconomySim.Cli;

/// <summary>economysim fit: a run's yearly outcomes against published targets.</summary>
public static class FitCommand
{
    /// <summary>Relative to the current folder: the CLI has no other way to find the repository's configs, as with bench's default scenario.</summary>
    public const string DefaultTargets = "configs/targets/england.yaml";

    /// <summary>What was fitted: a stored run, or a scenario run here with no store.</summary>
    private sealed record Subject(string RunId, string? ScenarioFile, long Seed, RunOutcomes Outcomes);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var subject = new Argument<string>("RUN|FILE") { Description = "A stored run id (or a unique prefix of one), or a scenario file ending .yaml or .yml, which is run first with no store, as 'run --store none' would" };
        var targets = new Option<string>("--targets")
        {
            Description = $"Targets file (YAML, see configs/targets/targets.schema.json); default {DefaultTargets}, relative to the current folder (run from the repository folder)",
            DefaultValueFactory = _ => DefaultTargets,
            HelpName = "FILE",
        };
        var years = new Option<string?>("--years") { Description = "Compare only the years FROM-TO (or one YEAR), years of the run; default: every year of the run", HelpName = "FROM-TO" };
        var store = CliApp.StoreOption();
        store.Description = "For a RUN: the store that keeps it: sqlite (the default), sqlite:PATH, postgres:CONNECTION-STRING (or the ECONOMYSIM_STORE variable)";
        var json = new Option<bool>("--json") { Description = "Print the fit as one JSON object (rows, series, summary)" };
        var seed = CliApp.SeedOption();
        seed.Description = "For a FILE: the seed of the run (default 1, as 'run')";
        var ignoreMemory = MemoryBudget.IgnoreOption();
        var format = Tables.Report.FormatOption();
        var command = new Command("fit", "Compare a run's yearly outcomes with published targets, per series and year") { subject, targets, years, store, json, format, seed, ignoreMemory };
        command.SetAction(async (parse, cancellation) =>
        {
            YearSpan? span = null;
            if (parse.GetValue(years) is { } text)
                span = YearSpan.Parse(text) ?? throw new UsageException(
                    $"--years: '{text}' is not a span of years; allowed: FROM-TO (e.g. 2016-2019) or one YEAR, from {TargetLoader.FirstYear} to {TargetLoader.LastYear}");
            // Read before anything runs, so a mistake in the targets costs no run.
            var targetsPath = parse.GetValue(targets)!;
            if (parse.GetResult(targets) is null or { Implicit: true } && !File.Exists(targetsPath))
                throw new UsageException($"--targets: the default {DefaultTargets} is not under the current folder ({Environment.CurrentDirectory}); run from the repository folder, or name a targets file with --targets FILE");
            var targetSet = TargetLoader.Load(targetsPath);
            var asJson = parse.GetValue(json);
            var verbose = parse.GetValue(CliApp.Verbose);
            var given = parse.GetValue(subject)!;
            var fitted = IsScenarioFile(given)
                ? await RunScenarioAsync(given, parse.GetValue(seed), verbose, asJson ? null : stderr, parse.GetValue(ignoreMemory), cancellation)
                : await ReadStoredAsync(given, parse.GetValue(store)!, parse.GetResult(seed) is { Implicit: false } ? parse.GetValue(seed) : null, verbose, cancellation);
            FitReport report;
            try
            {
                report = Fit.Compare(fitted.Outcomes, targetSet, span);
            }
            catch (FitException e)
            {
                throw new UsageException(e.Problem == FitProblem.YearsOutsideRun ? $"--years: {e.Message}" : $"{targetSet.Path}: {e.Message}");
            }
            if (asJson) await stdout.WriteLineAsync(Json(report, fitted, targetSet));
            else Table(report, fitted, targetSet, Tables.Report.For(stdout, stderr, parse.GetValue(format)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A path ending .yaml or .yml is a scenario, even one that is missing (it is then reported as a missing file, not as an unknown run).</summary>
    private static bool IsScenarioFile(string given) =>
        given.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || given.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static async Task<Subject> RunScenarioAsync(string path, long seed, bool verbose, TextWriter? progressTo, bool ignoreMemory, CancellationToken cancellation)
    {
        var scenario = ScenarioLoader.Load(path);
        MemoryBudget.Check(EconomySize.Of(scenario), 1, scenario.Path, ignoreMemory);
        var economy = EconomyGenerator.Build(scenario);
        var id = RunPlan.DefaultId(scenario.Name, seed, DateTime.UtcNow);
        var run = await RunLifecycle.RegisterAsync(new RunPlan(id, scenario, economy, seed, 1, HistoryStore.None));
        var result = await run.RunAsync(verbose, TerminalProgress.On(progressTo), null, cancellation);
        return new Subject(id, scenario.Path, seed, result.Outcomes);
    }

    private static async Task<Subject> ReadStoredAsync(string idOrPrefix, HistoryStore store, long? seedGiven, bool verbose, CancellationToken cancellation)
    {
        var registry = await RunLedger.OpenExistingAsync(store.ForReading());
        StoreNotice.Opened(store, Console.Error);
        store = store.ForReading();
        var record = await registry.FindAsync(idOrPrefix);
        if (seedGiven is { } s && s != record.Seed)
            throw new UsageException($"--seed: run '{record.RunId}' was run with seed {record.Seed}; a stored run keeps its seed (give --seed only with a scenario FILE)");
        if (record.Status != RunStatus.Completed)
            throw new UsageException($"run '{record.RunId}' is {RunRegistry.StatusText(record.Status)}; only a completed run can be fitted");
        var (_, economy) = StoredScenario.Rebuild(record);
        await using var session = await EngineSession.StartAsync(store, verbose, cancellation);
        var history = await StoredHistory.ReadPhasesAsync(session.System, record.RunId);
        return new Subject(record.RunId, record.ScenarioFile, record.Seed, history.Outcomes(economy));
    }

    private static string Json(FitReport report, Subject fitted, TargetSet targets) => JsonSerializer.Serialize(new
    {
        run_id = fitted.RunId,
        scenario_file = fitted.ScenarioFile,
        seed = fitted.Seed,
        targets = targets.Path,
        geography = targets.Geography,
        run_years = report.RunYears,
        years = report.Years is { } y ? new { from = y.From, to = y.To } : null,
        rows = report.Rows.Select(r => new
        {
            series = r.Series, metric = r.Metric, year = r.Year, model = r.Model, target = r.Target,
            absolute_error = r.AbsoluteError, relative_error = r.RelativeError, within_tolerance = r.Within,
            direction_right = r.DirectionRight, sign_right = r.SignRight,
        }),
        series = report.Series.Select(s => new
        {
            series = s.Series.Id, metric = s.Series.MetricName, measures = s.Series.Measures, unit = s.Series.Unit,
            tolerance = s.Series.Tolerance is { } t ? new Dictionary<string, decimal> { [t.Kind == ToleranceKind.Relative ? "relative" : "absolute"] = t.Limit } : null,
            years_compared = s.YearsCompared, years_within = s.YearsWithin,
            directions_right = s.DirectionsRight, directions_compared = s.DirectionsCompared, signs_right = s.SignsRight,
            max_abs_relative_error = s.MaxAbsoluteRelativeError, mean_abs_relative_error = s.MeanAbsoluteRelativeError,
            years_not_covered = s.YearsNotCovered,
        }),
        summary = new
        {
            series = report.Summary.Series, series_judged = report.Summary.SeriesJudged, rows = report.Summary.Rows,
            rows_judged = report.Summary.RowsJudged, rows_within = report.Summary.RowsWithin, years_not_covered = report.Summary.YearsNotCovered,
        },
    });

    private static void Table(FitReport report, Subject fitted, TargetSet targets, Tables.Report shown)
    {
        var where = fitted.ScenarioFile is null ? "" : $"  {fitted.ScenarioFile}";
        shown.Line($"{fitted.RunId}{where}  seed {fitted.Seed}  against {targets.Path} ({targets.Geography})");
        var rows = new Tables.TextTable(Tables.TextColumn.Key("series"), Tables.TextColumn.Key("year"), Tables.TextColumn.Figure("model"), Tables.TextColumn.Figure("target"),
            Tables.TextColumn.Figure("error %"), Tables.TextColumn.Figure("within"));
        foreach (var r in report.Rows)
            rows.AddRow(r.Series, Year(r.Year), Number(r.Model), Number(r.Target), Percent(r.RelativeError), r.Within switch { true => "✓", false => "✗", null => "-" });
        shown.Table(rows);

        var series = new Tables.TextTable(Tables.TextColumn.Key("series"), Tables.TextColumn.Text("metric"), Tables.TextColumn.Figure("years"), Tables.TextColumn.Figure("within"),
            Tables.TextColumn.Figure("directions"), Tables.TextColumn.Figure("signs"), Tables.TextColumn.Figure("max |error| %"), Tables.TextColumn.Figure("mean |error| %"),
            Tables.TextColumn.Prose("years not in the run"));
        foreach (var s in report.Series)
            series.AddRow(s.Series.Id, s.Series.MetricName, Count(s.YearsCompared),
                s.YearsWithin is { } w ? $"{w}/{s.YearsCompared}" : "-", $"{s.DirectionsRight}/{s.DirectionsCompared}", $"{s.SignsRight}/{s.YearsCompared}",
                Magnitude(s.MaxAbsoluteRelativeError), Magnitude(s.MeanAbsoluteRelativeError), s.YearsNotCovered.Count == 0 ? "" : Fit.Describe(s.YearsNotCovered));
        shown.Table(series);

        var summary = report.Summary;
        shown.Line($"{summary.RowsWithin} of {summary.RowsJudged} judged year(s) within tolerance, over {summary.SeriesJudged} judged series of {summary.Series}; run years {Fit.Describe(report.RunYears)}"
            + (summary.YearsNotCovered.Count == 0 ? "" : $"; target years not in the run: {Fit.Describe(summary.YearsNotCovered)}"));
        shown.Line("Values as the model reports them: pounds for money, fractions for shares. Error % is (model - target) / |target|; within: ✓ inside the series' tolerance, ✗ outside, - not judged.");
    }

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("#,##0.####", CultureInfo.InvariantCulture);

    private static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "-";

    private static string Magnitude(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
