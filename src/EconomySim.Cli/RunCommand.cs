using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EconomySim.Cli.Tables;
using EconomySim.Cluster;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;
using EconomySim.Telemetry;
using Spectre.Console;

namespace EconomySim.Cli;

public static partial class RunCommand
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex RunIdPattern();

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = CliApp.ScenarioFileArgument();
        var seed = CliApp.SeedOption();
        var years = CliApp.IntOption("--years", "Simulated years (default: the scenario's)", null, 1, 50);
        var scale = CliApp.IntOption("--scale", "Multiply organisation counts, population and money by K (for benchmarks)", 1, 1, 1000);
        var store = CliApp.StoreOption();
        var runId = new Option<string?>("--run-id") { Description = "Name the run (default: <scenario>-<yyyyMMdd-HHmmss>-<seed>)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's figures instead of tables" };
        var cluster = WorkerCommand.SeedNodeOption("--cluster", "With --sharded: the cluster (a node's HOST:PORT; repeat to name several) whose workers hold the organisations");
        var sharded = new Option<bool>("--sharded") { Description = "Place the organisations over the workers of the --cluster with Cluster.Sharding (for a run too big for one node); the history is the same" };
        var cadence = CliApp.HistoryCadenceOption();
        var (listen, joinWait) = WorkerCommand.CoordinatorOptions();
        var ignoreMemory = MemoryBudget.IgnoreOption();
        var format = Report.FormatOption();
        var command = new Command("run", "Run a scenario and print its outcomes per simulated year") { file, seed, years, scale, store, runId, json, format, cadence, cluster, sharded, listen, joinWait, ignoreMemory };
        var telemetry = new TelemetryOptions();
        foreach (var option in telemetry.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            // The actor system starts while the scenario is read and its economy built, the two on two cores at once
            // (each took about a third of a second of a fresh run's start). It touches no store until the run begins.
            // A run the native engine is to make needs no actor system here (nor its start on the cores the run wants).
            var native = NativeEngine.Beside();
            var nativeLikely = native is not null && !parse.GetValue(store)!.Persists && !parse.GetValue(sharded) && !telemetry.Settings(parse).Any
                && parse.GetValue(telemetry.Pace) == TimeSpan.Zero;
            var engine = parse.GetValue(sharded) || nativeLikely ? null
                : Task.Run(() => EngineSession.StartAsync(parse.GetValue(store)!, parse.GetValue(CliApp.Verbose), cancellation), cancellation);
            try
            {
                return await RunAsync(parse, engine is null ? null : () => Interlocked.Exchange(ref engine, null), native, cancellation);
            }
            finally
            {
                if (engine is not null) await EngineSession.DisposeUnusedAsync(engine);
            }
        });
        return command;

        async Task<int> RunAsync(ParseResult parse, Func<Task<EngineSession>?>? takeEngine, NativeEngine? native, CancellationToken cancellation)
        {
            var scenario = ScenarioLoader.Load(parse.GetValue(file)!);
            var runSeed = parse.GetValue(seed);
            var given = parse.GetValue(runId);
            if (given is not null && !RunIdPattern().IsMatch(given))
                throw new UsageException($"--run-id: '{given}' is not a valid run id; allowed: 1 to 100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
            var yearsGiven = parse.GetResult(years) is null ? (int?)null : parse.GetValue(years);
            var scaleGiven = parse.GetValue(scale);
            MemoryBudget.Check(EconomySize.Of(scenario, scaleGiven), 1, scaleGiven == 1 ? scenario.Path : $"{scenario.Path} at --scale {scaleGiven}", parse.GetValue(ignoreMemory));
            var economy = EconomyGenerator.Build(scenario, yearsGiven, scaleGiven);
            // The actor system takes longer to start than the economy to build, and every organisation's first
            // activation would wait for the history serializer's type information: this thread builds it meanwhile.
            // A sharded run's organisations hash their events on the workers, and a native run's in the native engine:
            // neither command has any to build.
            if (takeEngine is not null) HistoryHasher.Prepare();
            var id = given ?? RunPlan.DefaultId(scenario.Name, runSeed, DateTime.UtcNow);
            var historyStore = parse.GetValue(store)!;
            var asJson = parse.GetValue(json);
            var verbose = parse.GetValue(CliApp.Verbose);
            telemetry.Validate(parse, asJson);
            var seedNode = WorkerCommand.SeedNodes(parse, cluster);
            if (seedNode is null != !parse.GetValue(sharded))
                throw new UsageException(seedNode is null
                    ? "--sharded: name the cluster whose workers hold the organisations with --cluster HOST:PORT"
                    : "--cluster: a run is spread over a cluster organisation by organisation with --sharded; to spread whole runs, use 'economysim experiment FILE --cluster HOST:PORT'");
            if (seedNode is null) WorkerCommand.RefuseNodeOptionsWithoutCluster(parse, listen, joinWait);
            else
            {
                if (historyStore.Kind == StoreKind.Sqlite)
                    throw new UsageException($"--sharded: the workers need a store every node can reach: --store postgres:CONNECTION-STRING, or --store none; not {historyStore.Display}");
                if (telemetry.Settings(parse).Any || parse.GetValue(telemetry.Pace) != TimeSpan.Zero)
                    throw new UsageException("--sharded: --dashboard, --prometheus, --otlp, --telemetry-console and --pace are not available for a sharded run yet");
            }
            var shardedOver = seedNode is null ? null
                : WorkerCommand.Node(parse, ClusterHosting.CoordinatorRole, seedNode, listen, joinWait);

            // Listeners before the registry: a port already in use is refused before the run exists, so the refused
            // command leaves the store as it was and the run id free.
            var settings = telemetry.Settings(parse);
            await using var session = settings.Any ? await TelemetryOptions.StartAsync(settings, stderr, cancellation) : null;
            StoreNotice.BeforeWriting(historyStore, parse.GetResult(store) is { Implicit: false }, stderr);
            var run = await RunLifecycle.RegisterAsync(new RunPlan(id, scenario, economy, runSeed, scaleGiven, historyStore, parse.GetValue(cadence), shardedOver));
            using var observer = session?.Observe(RunLabels.For(id, economy));
            var watch = new RunOptions { Observer = observer, MonthPace = parse.GetValue(telemetry.Pace) };
            var result = await run.RunAsync(verbose, TerminalProgress.On(asJson ? null : stderr), Warn(stderr), cancellation, watch, takeEngine?.Invoke(), native);
            if (asJson) await stdout.WriteLineAsync(RunReport.Json(result, scenario, historyStore));
            else RunReport.Table(result, scenario, historyStore, Report.For(stdout, stderr, parse.GetValue(format)));
            if (session is not null) await telemetry.LingerAsync(parse, session, stderr, cancellation);
            return ExitCodes.Success;
        }
    }

    /// <summary>What a run says while it waits for its store, as one line on stderr.</summary>
    public static Action<string> Warn(TextWriter stderr) => message => stderr.WriteLine($"economysim: {message}");

    public static IAnsiConsole ConsoleFor(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
}
