using System.CommandLine;
using System.Text;
using EconomySim.Designs;
using EconomySim.Domain;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Cli;

/// <summary>
/// `economysim analyse EXPERIMENT`: the sensitivity of a stored design's outcomes to its parameters, read from the
/// store alone (each run keeps its design point, parameter values and the design itself).
/// </summary>
public static class AnalyseCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var experiment = new Argument<string>("EXPERIMENT")
        {
            Description = "The name of a stored experiment with a design (its experiment.name), or an experiment file with a design to run now, without a store, and analyse",
        };
        var store = CliApp.StoreOption();
        var metric = new Option<string[]>("--metric") { Description = "Only these outcomes (repeatable); default: every metric that varies", AllowMultipleArgumentsPerToken = true };
        var year = new Option<int[]>("--year") { Description = "Analyse these years (repeatable); default: the last year", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print the indices as JSON" };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML report with a tornado chart per outcome to FILE" };
        var salib = new Option<string?>("--salib") { Description = "Also write SALib's problem definition, X and one Y file per outcome into DIR" };
        var force = new Option<bool>("--force") { Description = "Overwrite the --html file or the --salib files if they exist" };
        var format = Tables.Report.FormatOption();
        var command = new Command("analyse", "Sensitivity analysis of a stored design: Sobol indices or Morris measures, and standardised regression coefficients, with bootstrap intervals and the replications' noise")
            { experiment, store, metric, year, json, format, html, salib, force };
        command.SetAction(async (parse, cancellation) =>
        {
            var name = parse.GetValue(experiment)!;
            var metrics = Metrics(parse.GetValue(metric) ?? []);
            var htmlPath = parse.GetValue(html);
            var salibDir = parse.GetValue(salib);
            if (htmlPath is not null) OutputTarget.CheckFile("--html", htmlPath, parse.GetValue(force));
            if (salibDir is not null) OutputTarget.CheckFolder("--salib", salibDir);
            var (design, request, replications, runs, pointValues) = File.Exists(name) && ExperimentLoader.IsExperiment(name)
                ? await RunDesignAsync(name, parse.GetValue(CliApp.Verbose), cancellation)
                : await ReadDesignAsync(name, parse.GetValue(store)!.ForReading(), parse.GetValue(CliApp.Verbose), stderr, cancellation);
            name = File.Exists(name) ? ExperimentLoader.Load(name).Name : name;
            var years = Years(parse.GetValue(year) ?? [], runs);
            var keys = design.Parameters.Select(p => p.Key).ToList();
            var study = SensitivityStudy.Analyse(request, keys, pointValues, runs, metrics, years, new BootstrapOptions(Seed: request.Seed));
            if (htmlPath is not null) await WriteReplacingAsync("--html", htmlPath, SensitivityReports.Html(study, name, replications));
            if (salibDir is not null) await WriteSalibAsync(salibDir, SalibExport.Files(study, design.Parameters.Select(Salib).ToList(), pointValues), parse.GetValue(force));
            if (parse.GetValue(json)) await stdout.WriteLineAsync(SensitivityReports.Json(study, name, replications, runs.Count));
            else SensitivityReports.Table(study, name, replications, Tables.Report.For(stdout, stderr, parse.GetValue(format)));
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record DesignOutcomes(StoredDesign Design, DesignRequest Request, int Replications, IReadOnlyList<DesignRun> Runs, IReadOnlyList<IReadOnlyList<double>> PointValues)
    {
        public void Deconstruct(out StoredDesign design, out DesignRequest request, out int replications, out IReadOnlyList<DesignRun> runs, out IReadOnlyList<IReadOnlyList<double>> pointValues) =>
            (design, request, replications, runs, pointValues) = (Design, Request, Replications, Runs, PointValues);
    }

    /// <summary>A stored design, read back run by run from its store.</summary>
    private static async Task<DesignOutcomes> ReadDesignAsync(string name, HistoryStore historyStore, bool verbose, TextWriter stderr, CancellationToken cancellation)
    {
        var registry = await RunLedger.OpenExistingAsync(historyStore);
        StoreNotice.Opened(historyStore, stderr);
        var all = await registry.ListAsync();
        var records = all.Where(r => r.Experiment == name).ToList();
        if (records.Count == 0) throw new UsageException(UnknownExperiment(name, all, historyStore));
        var design = records.Select(r => RunRecordOptions.Of(r).Design).FirstOrDefault(d => d is not null)
            ?? throw new UsageException($"experiment '{name}' has no design: it compares variants only. Analyse reads designs (parameters: and design: in the experiment file); compare its runs with 'economysim compare'");
        var request = design.ToRequest();
        var variants = records.Select(r => r.Variant ?? "").Distinct().ToList();
        var replications = records.Max(r => r.Replication ?? 1);
        var completed = records.Where(r => r.Status == RunStatus.Completed && r.DesignPoint is not null).ToList();
        var missing = SensitivityStudy.Missing(request, variants, replications,
            completed.Select(r => (r.Variant ?? "", r.DesignPoint!.Value - 1, (r.Replication ?? 1) - 1)));
        if (missing.Count > 0)
            throw new UsageException($"experiment '{name}' is incomplete: {missing.Count} of {variants.Count * DesignSampler.RowCount(request) * replications} design runs have not completed " +
                $"({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}); finish them ('{historyStore.ResumeCommand("RUN")}', or run the experiment again) before analysing");

        var runs = (await ExperimentResults.ReadAsync(completed, historyStore, verbose, cancellation))
            .Select(r => new DesignRun(r.Variant, r.DesignPoint!.Value - 1, (r.Replication ?? 1) - 1, r.Outcomes)).ToList();
        var keys = design.Parameters.Select(p => p.Key).ToList();
        return new DesignOutcomes(design, request, replications, runs, PointValues(completed, keys, DesignSampler.RowCount(request)));
    }

    /// <summary>
    /// A design run now in this process with nothing stored, its outcomes analysed as they are in memory: for studies of
    /// thousands of small runs, where storing every history only to read it back would take longer than the runs.
    /// </summary>
    private static async Task<DesignOutcomes> RunDesignAsync(string file, bool verbose, CancellationToken cancellation)
    {
        var experiment = ExperimentLoader.Load(file);
        var design = StoredDesign.Of(experiment)
            ?? throw new UsageException($"{file}: experiment '{experiment.Name}' has no design (parameters: and design:); analyse reads designs, compare variants with 'economysim experiment'");
        await using var session = await EngineSession.StartAsync(HistoryStore.None, verbose, cancellation);
        Task<ExperimentRuns> Run(Action<int, string?> step) => ExperimentRunner.RunAsync(session.System, experiment, cancellationToken: cancellation,
            progress: p => step(p.RunsDone, $"{experiment.Name}: run {p.RunsDone:N0} of {p.RunCount:N0}"));
        var view = TerminalProgress.On(Console.Error);
        var done = view is null ? await Run((_, _) => { }) : await view.ShowAsync(experiment.Name, ExperimentRunner.Plan(experiment).Count, Run);
        var runs = done.Runs.Select(r => new DesignRun(r.Variant, r.Point!.Index, r.Replication, r.Result.Outcomes)).ToList();
        return new DesignOutcomes(design, design.ToRequest(), experiment.Replications, runs, experiment.Points.Select(p => p.Values).ToList());
    }

    private static IReadOnlyList<string>? Metrics(string[] names)
    {
        if (names.Length == 0) return null;
        var known = MetricCatalogue.All.Select(m => m.Name).ToList();
        foreach (var n in names)
            if (!known.Contains(n)) throw new UsageException($"--metric: '{n}' is not a metric{NameSuggestion.DidYouMean(n, known)}; allowed: {string.Join(", ", known)}");
        return names.Distinct().ToList();
    }

    private static IReadOnlyList<int>? Years(int[] asked, IReadOnlyList<DesignRun> runs)
    {
        if (asked.Length == 0) return null;
        var years = runs[0].Outcomes.Years.Select(y => y.Year).ToList();
        foreach (var y in asked)
            if (!years.Contains(y)) throw new UsageException($"--year: {y} is not a year of the runs; allowed: {years[0]} to {years[^1]}");
        return asked.Distinct().ToList();
    }

    // A point's values are the same in every replication and variant; they are read from the registry, not recomputed.
    private static List<IReadOnlyList<double>> PointValues(IReadOnlyList<RunRecord> runs, IReadOnlyList<string> keys, int points)
    {
        var byPoint = runs.GroupBy(r => r.DesignPoint!.Value - 1).ToDictionary(g => g.Key, g => g.First().Parameters);
        return Enumerable.Range(0, points).Select(p => (IReadOnlyList<double>)keys.Select(k =>
            byPoint[p] is { } values && values.TryGetValue(k, out var v) ? v : double.NaN).ToList()).ToList();
    }

    // SALib has no listed-values distribution: a list is described as uniform over its range, as the README says.
    private static SalibParameter Salib(StoredParameter p) => p.Distribution switch
    {
        "truncnorm" => new SalibParameter(p.Key, "truncnorm", [p.Low, p.High, p.Mean ?? 0, p.Sd ?? 1]),
        "values" => new SalibParameter(p.Key, "unif", [p.Low, p.High]),
        _ => new SalibParameter(p.Key, p.Distribution, [p.Low, p.High]),
    };

    private static string UnknownExperiment(string name, IReadOnlyList<RunRecord> all, HistoryStore store)
    {
        var names = all.Select(r => r.Experiment).OfType<string>().Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
        if (names.Count == 0) return $"no experiment '{name}' in {store.Display}: it holds no experiments yet (run one with 'economysim experiment FILE')";
        return $"no experiment '{name}' in {store.Display}{NameSuggestion.DidYouMean(name, names)}; stored experiments: {string.Join(", ", names.Take(20))}{(names.Count > 20 ? ", ..." : "")}";
    }

    private static async Task WriteSalibAsync(string folder, IReadOnlyDictionary<string, string> files, bool force)
    {
        var existing = files.Keys.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists);
        if (existing is not null && !force) throw new UsageException($"--salib: '{existing}' exists; add --force to overwrite it");
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (OutputTarget.IsWriteError(e))
        {
            throw OutputTarget.WriteFailed("--salib", folder, e);
        }
        foreach (var (file, text) in files) await WriteReplacingAsync("--salib", Path.Combine(folder, file), text);
    }

    /// <summary>Written beside the target and moved into place, so a failed write never leaves half a file.</summary>
    private static async Task WriteReplacingAsync(string option, string path, string text)
    {
        var partial = path + ".partial";
        try
        {
            await File.WriteAllTextAsync(partial, text, new UTF8Encoding(false));
            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (OutputTarget.IsWriteError(e))
        {
            if (File.Exists(partial)) File.Delete(partial);
            throw OutputTarget.WriteFailed(option, path, e);
        }
    }
}
