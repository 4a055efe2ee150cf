using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using EconomySim.Cluster;
using EconomySim.Designs.Calibration;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;
using EconomySim.Scenarios.Targets;

namespace EconomySim.Cli;

/// <summary><c>economysim calibrate FILE --targets TARGETS</c>: search an experiment's parameter space for values that meet published targets.</summary>
public static class CalibrateCommand
{
    public const string SampleFile = "sample.csv";
    public const string FitFile = "fit.csv";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Experiment file (YAML) with `parameters:` over the base scenario, and no variants" };
        var targets = new Option<string>("--targets") { Description = "Targets file (YAML, the format of configs/targets/); only series with a tolerance are judged", HelpName = "FILE", Required = true };
        var method = new Option<string>("--method") { Description = "history_matching (the default) or abc (rejection, then sequential Monte Carlo)", DefaultValueFactory = _ => "history_matching" };
        method.AcceptOnlyFromAmong("history_matching", "abc");
        var waves = CliApp.IntOption("--waves", "Waves of history matching, or ABC generations (the first is rejection); default 3", 3, 1, 50);
        var points = CliApp.IntOption("--points-per-wave", "Points of each wave's Latin hypercube, or particles of each ABC population; default 40", 40, 2, 100_000);
        var replications = CliApp.IntOption("--replications", "Runs at each point, seeds as the experiment's replications (default: the file's)", null, 1, ExperimentLoader.MaxReplications);
        var seed = CliApp.SeedOption();
        seed.Description = "Seed of the search (the waves' designs, ABC's draws); the runs' seeds are the experiment's. Default 1";
        var discrepancy = new Option<double>("--discrepancy")
        {
            Description = "Model discrepancy's sd as a multiple of each target's observation sd (a third of its tolerance): V_md = share^2 x V_obs; default 0",
            DefaultValueFactory = _ => 0,
            CustomParser = r => ParseShare(r, "--discrepancy"),
        };
        var outDir = new Option<string?>("--out") { Description = "Folder for the sample, the fit and the calibrated scenario (default: calibration-NAME in the current folder)", HelpName = "DIR" };
        var parallel = CliApp.IntOption("--parallel", "Runs at once (default: the cores at hand)", null, 1, 256);
        var json = new Option<bool>("--json") { Description = "Print one JSON object (waves, best values, files written) instead of a summary" };
        var cluster = WorkerCommand.SeedNodeOption("--cluster", "Spread each wave's runs over the workers of the cluster that this node (HOST:PORT; repeat to name several) belongs to");
        var (listen, joinWait) = WorkerCommand.CoordinatorOptions();
        var store = CliApp.StoreOption("none");
        store.DefaultValueFactory = _ => HistoryStore.None;
        store.Description = "Where the runs are kept, each registered with the calibration's name, its wave and point: none (the default), sqlite, sqlite:PATH, postgres:CONNECTION-STRING";
        var command = new Command("calibrate", "Search an experiment's parameter space for values that meet published targets (history matching or ABC)")
            { file, targets, method, waves, points, replications, seed, discrepancy, outDir, parallel, json, store, cluster, listen, joinWait };
        var telemetry = new TelemetryOptions();
        foreach (var option in telemetry.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            var targetSet = TargetLoader.Load(parse.GetValue(targets)!);
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetResult(replications) is null ? null : parse.GetValue(replications));
            var space = experiment.Space ?? throw new UsageException($"{experiment.Path}: calibrate needs `parameters:` (scenario keys and their ranges) to search over");
            if (experiment.Variants.Count != 1 || experiment.Variants[0].Name != ExperimentLoader.BaseArm)
                throw new UsageException($"{experiment.Path}: calibrate searches the base scenario; write the file without `variants:` (put fixed overrides in a scenario that extends the base)");
            var variant = experiment.Variants[0];
            var runYears = Enumerable.Range(experiment.Base.Parameters.StartYear, experiment.RunYears).ToList();
            IReadOnlyList<CalibrationYear> calibrationTargets;
            try
            {
                calibrationTargets = CalibrationTargets.From(targetSet, runYears, discrepancy: parse.GetValue(discrepancy));
            }
            catch (FitException e)
            {
                throw new UsageException($"{targetSet.Path}: {e.Message}");
            }
            var asJson = parse.GetValue(json);
            telemetry.Validate(parse, asJson);
            var seedNode = WorkerCommand.SeedNodes(parse, cluster);
            var historyStore = parse.GetValue(store)!;
            // A calibration's runs are an experiment's replications at its points: a cluster refuses what it refuses for those.
            if (seedNode is not null) ExperimentCommand.RefuseWhatAClusterCannotDo(parse, historyStore, parallel, telemetry, HistoryCadence.Year);
            else WorkerCommand.RefuseNodeOptionsWithoutCluster(parse, listen, joinWait);
            var settings = new CalibrationSettings(parse.GetValue(method) == "abc" ? CalibrationMethod.Abc : CalibrationMethod.HistoryMatching,
                parse.GetValue(waves), parse.GetValue(points), experiment.Replications, parse.GetValue(seed), parse.GetValue(discrepancy));
            // Listeners first: a port already in use is refused before anything runs or is written.
            var telemetrySettings = telemetry.Settings(parse);
            await using var session = telemetrySettings.Any ? await TelemetryOptions.StartAsync(telemetrySettings, stderr, cancellation) : null;
            var dir = parse.GetValue(outDir) ?? $"calibration-{experiment.Name}";
            // The files are written once the search is done; a folder that cannot be one is said before it starts.
            if (File.Exists(dir)) throw new UsageException($"--out: {dir} is a file; name a folder for the sample, the fit and the calibrated scenario");
            var keys = space.Parameters.Select(p => p.Key).ToList();
            var log = TextWriter.Synchronized(stderr);
            var unit = settings.Method == CalibrationMethod.HistoryMatching ? "wave" : "generation";
            await log.WriteLineAsync($"economysim calibrate: {experiment.Name}, {(settings.Method == CalibrationMethod.Abc ? "ABC" : "history matching")} over {string.Join(", ", keys)} against {calibrationTargets.Count} target(s) of {targetSet.Path}; {settings.Waves} {unit}(s) of {settings.PointsPerWave} point(s) x {settings.Replications} replication(s)");

            var job = new CalibrationJob(experiment, variant, calibrationTargets, settings, TerminalProgress.On(stderr));
            var pace = parse.GetValue(telemetry.Pace);
            var watched = session is null ? null : CalibrationDashboard.Start(session, job, space, pace);
            job = job with
            {
                RunDone = watched is null ? null : watched.RunFinished,
                StepDone = step =>
                {
                    log.WriteLine($"{unit} {step.Number} of {settings.Waves}: {step.Points} point(s), kept {step.Kept}, {step.Note}; " +
                        string.Join(", ", keys.Select((k, i) => $"{k} {N(step.Lower[i])} to {N(step.Upper[i])}")));
                    watched?.StepDone(step);
                },
            };
            Func<CalibrationRound, ReplicationStart, Engine.RunOptions>? watch = watched is not null ? watched.Watch
                : pace == TimeSpan.Zero ? null : (_, _) => new Engine.RunOptions { MonthPace = pace };
            var verbose = parse.GetValue(CliApp.Verbose);
            var result = seedNode is not null
                ? await CalibrationLifecycle.RunOnClusterAsync(job, historyStore, WorkerCommand.Node(parse, ClusterHosting.CoordinatorRole, seedNode, listen, joinWait),
                    verbose, message => log.WriteLine($"economysim calibrate: {message}"), cancellation)
                : await CalibrationLifecycle.RunAsync(job, historyStore, parse.GetResult(parallel) is null ? null : parse.GetValue(parallel), watch, verbose, cancellation);
            watched?.Finished();

            Directory.CreateDirectory(dir);
            var version = typeof(CalibrateCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            var scenarioPath = Path.Combine(dir, $"{experiment.Name}-calibrated.yaml");
            var baseFile = BaseFileFrom(dir, experiment.Base.Path);
            var integers = space.Parameters.Select(p => p.Kind == ParameterKind.Integer).ToList();
            await File.WriteAllTextAsync(Path.Combine(dir, SampleFile), CalibrationFiles.SampleCsv(result, keys, calibrationTargets), cancellation);
            await File.WriteAllTextAsync(Path.Combine(dir, FitFile), CalibrationFiles.FitCsv(result, calibrationTargets), cancellation);
            await File.WriteAllTextAsync(scenarioPath, CalibrationFiles.Scenario(result, keys, integers, baseFile, $"{experiment.Name}-calibrated",
                new CalibrationProvenance(Path.GetFullPath(experiment.Path), Path.GetFullPath(targetSet.Path), version, DateTime.UtcNow), experiment.Years), cancellation);
            if (result.Stopped is { } stopped) await log.WriteLineAsync($"economysim calibrate: {stopped}");

            var best = keys.Select((k, i) => (Key: k, Value: result.Best[i])).ToList();
            if (asJson)
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    experiment = experiment.Name,
                    method = settings.Method == CalibrationMethod.Abc ? "abc" : "history_matching",
                    targets = calibrationTargets.Select(t => t.Target.Name),
                    steps = result.Steps.Select(s => new { number = s.Number, points = s.Points, kept = s.Kept, lower = Bounds(keys, s.Lower), upper = Bounds(keys, s.Upper) }),
                    sample_size = result.Sample.Count,
                    best = best.ToDictionary(b => b.Key, b => b.Value),
                    stopped = result.Stopped,
                    files = new { sample = Path.Combine(dir, SampleFile), fit = Path.Combine(dir, FitFile), scenario = scenarioPath },
                }));
            else
            {
                await stdout.WriteLineAsync($"{(settings.Method == CalibrationMethod.Abc ? "posterior median" : "lowest implausibility")}: {string.Join(", ", best.Select(b => $"{b.Key} = {N(b.Value)}"))}");
                await stdout.WriteLineAsync($"{(settings.Method == CalibrationMethod.Abc ? "posterior" : "non-implausible")} sample of {result.Sample.Count} point(s) in {Path.Combine(dir, SampleFile)}; each target's fit in {Path.Combine(dir, FitFile)}");
                await stdout.WriteLineAsync($"calibrated scenario: {scenarioPath} (economysim run {scenarioPath}{(experiment.Years is { } y ? $" --years {y}" : "")})");
            }
            if (session is not null) await telemetry.LingerAsync(parse, session, stderr, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The base as the calibrated scenario's <c>extends:</c> names it: relative when both lie under the current folder
    /// (the scenario and its base move together with a repository), else absolute.
    /// </summary>
    private static string BaseFileFrom(string dir, string basePath)
    {
        var here = Path.GetFullPath(".") + Path.DirectorySeparatorChar;
        var from = Path.GetFullPath(dir);
        var to = Path.GetFullPath(basePath);
        return (from + Path.DirectorySeparatorChar).StartsWith(here, StringComparison.Ordinal) && to.StartsWith(here, StringComparison.Ordinal)
            ? Path.GetRelativePath(from, to).Replace('\\', '/')
            : to;
    }

    private static Dictionary<string, double> Bounds(IReadOnlyList<string> keys, double[] values) => keys.Select((k, i) => (k, values[i])).ToDictionary(x => x.k, x => x.Item2);

    private static string N(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static double ParseShare(System.CommandLine.Parsing.ArgumentResult result, string name)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
        {
            result.AddError($"{name}: '{token}' is not a number at least 0; allowed: a multiple of each target's observation sd, e.g. 0.5");
            return 0;
        }
        return value;
    }
}
