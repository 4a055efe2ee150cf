using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using EconomySim.Cluster;
using EconomySim.Domain;
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
        var cluster = WorkerCommand.SeedNodeOption("--cluster", "With --sharded: the cluster (a node's HOST:PORT) whose workers hold the organisations");
        var sharded = new Option<bool>("--sharded") { Description = "Place the organisations over the workers of the --cluster with Cluster.Sharding (for a run too big for one node); the history is the same" };
        var cadence = CliApp.HistoryCadenceOption();
        var listen = WorkerCommand.ListenOption();
        listen.Description = "With --cluster: the address this process listens on, HOST:PORT (default 127.0.0.1:0, a free port)";
        var ignoreMemory = MemoryBudget.IgnoreOption();
        var command = new Command("run", "Run a scenario and print its outcomes per simulated year") { file, seed, years, scale, store, runId, json, cadence, cluster, sharded, listen, ignoreMemory };
        var telemetry = new TelemetryOptions();
        foreach (var option in telemetry.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
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
            var id = given ?? $"{scenario.Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{runSeed}";
            var historyStore = parse.GetValue(store)!;
            var asJson = parse.GetValue(json);
            var verbose = parse.GetValue(CliApp.Verbose);
            telemetry.Validate(parse, asJson);
            var seedNode = parse.GetValue(cluster);
            if (seedNode is null != !parse.GetValue(sharded))
                throw new UsageException(seedNode is null
                    ? "--sharded: name the cluster whose workers hold the organisations with --cluster HOST:PORT"
                    : "--cluster: a run is spread over a cluster organisation by organisation with --sharded; to spread whole runs, use 'economysim experiment FILE --cluster HOST:PORT'");
            if (seedNode is not null)
            {
                if (historyStore.Kind == StoreKind.Sqlite)
                    throw new UsageException($"--sharded: the workers need a store every node can reach: --store postgres:CONNECTION-STRING, or --store none; not {historyStore.Display}");
                if (telemetry.Settings(parse).Any || parse.GetValue(telemetry.Pace) != TimeSpan.Zero)
                    throw new UsageException("--sharded: --dashboard, --prometheus, --otlp, --telemetry-console and --pace are not available for a sharded run yet");
            }
            var shardedOn = seedNode is null ? null
                : new ShardedRun(new ClusterNodeOptions(ClusterHosting.CoordinatorRole, parse.GetValue(listen)!.Host, parse.GetValue(listen)!.Port, seedNode),
                    scenario.Path, StoredScenario.Pack(scenario), economy.Parameters.Years, scaleGiven);

            CheckEnvironment(economy, historyStore);
            var registry = historyStore.Persists ? new RunRegistry(historyStore) : null;
            if (registry is not null)
            {
                await registry.EnsureCreatedAsync();
                var taken = $"--run-id: a run '{id}' already exists in {historyStore.Display}; choose another id, or 'economysim resume {id}' to carry it on";
                if ((await registry.ListAsync()).Any(r => r.RunId == id)) throw new UsageException(taken);
                // Another process can claim the id between the check and the insert; the insert is the claim that decides.
                try
                {
                    await registry.RegisterAsync(new RunRecord(id, scenario.Name, scenario.Path, scenario.Sha256, StoredScenario.Pack(scenario),
                    runSeed, economy.Parameters.Years, scaleGiven, CodeVersion.Current,
                    JsonSerializer.Serialize(new { years = economy.Parameters.Years, scale = scaleGiven, store = historyStore.Display, history_cadence = parse.GetValue(cadence).Name() }),
                    null, null, null, RunStatus.Running, DateTimeOffset.UtcNow, null, Environment.MachineName, Environment.ProcessId,
                    null, null, null, null, null, null));
                }
                catch (RunClaimedException)
                {
                    throw new UsageException(taken);
                }
            }
            var settings = telemetry.Settings(parse);
            await using var session = settings.Any ? await TelemetryOptions.StartAsync(settings, stderr, cancellation) : null;
            using var observer = session?.Observe(RunLabels.For(id, economy));
            var watch = new RunOptions { Observer = observer, MonthPace = parse.GetValue(telemetry.Pace), NewHistory = true, HistoryCadence = parse.GetValue(cadence) };
            var result = await Execute(registry, economy, runSeed, id, historyStore, verbose, asJson ? null : stderr, cancellation, watch, stderr, shardedOn);
            if (asJson) await stdout.WriteLineAsync(RunReport.Json(result, scenario, historyStore));
            else RunReport.Table(result, scenario, historyStore, ConsoleFor(stdout));
            if (session is not null) await telemetry.LingerAsync(parse, session, stderr, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Runs (or resumes) a run and keeps the registry's record of it honest whatever happens. When the store fails
    /// mid-run (a database server restarting), the run waits for it within <see cref="StoreRetry"/>'s bound and carries
    /// on by deterministic re-execution, as <c>resume</c> would; past the bound it stops, resumable.
    /// </summary>
    public static async Task<RunResult> Execute(RunRegistry? registry, EconomySim.Domain.EconomyDefinition economy, long seed, string runId, HistoryStore store,
        bool verbose, TextWriter? progressTo, CancellationToken cancellation, RunOptions? watch = null, TextWriter? warnings = null, ShardedRun? sharded = null)
    {
        watch = (watch ?? RunOptions.None) with { Fault = FaultFor(economy) };
        var retry = StoreRetry.For(store);
        var since = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var session = await EngineSession.StartAsync(store, verbose, cancellation, sharded is null ? null : b => b.WithEconomySimCluster(sharded.Node));
                var placed = sharded is null ? watch
                    : watch with { Placement = await sharded.PlaceAsync(session.System, runId, seed, store, watch.NewHistory, cancellation) };
                using var lost = sharded is null ? null : new WorkerLoss(session.System, cancellation);
                RunResult result;
                try
                {
                    result = await session.RunAsync(economy, seed, runId, store.Persists, progressTo, lost?.Token ?? cancellation, placed);
                }
                catch (OperationCanceledException) when (lost?.Worker is { } worker && !cancellation.IsCancellationRequested)
                {
                    throw new RunFailedException(new RunFailed(
                        $"worker {worker.Host}:{worker.Port} left the cluster during the run, and the state of the organisations it held went with it"
                        + (store.Persists ? $"; 'economysim resume {runId}' carries the run on from its stored history" : "; run it again"), null, null, null));
                }
                if (registry is not null)
                    await registry.CompleteAsync(runId, result.Digest, result.Organisations, result.Messages, result.Events, result.WallSeconds);
                return result;
            }
            // Asked to stop, a run can also end in a failure the stopping caused (the clock's journal shut down under
            // it): it was stopped, not failed, and is kept resumable.
            catch (Exception e) when (cancellation.IsCancellationRequested && e is OperationCanceledException or RunFailedException)
            {
                if (registry is null) throw new OperationCanceledException("cancelled", e, cancellation);
                await RecordEndAsync(registry, runId, RunStatus.Interrupted, "cancelled");
                throw new RunCancelledException(runId, e);
            }
            catch (RunFailedException e) when (registry is not null && e.Failure.StoreFault)
            {
                var left = retry - since.Elapsed;
                if (left > TimeSpan.Zero)
                {
                    warnings?.WriteLine($"economysim: the store failed mid-run ({e.Message}); waiting up to {Math.Ceiling(left.TotalSeconds):0} s for it to come back");
                    if (await WaitForStoreAsync(registry, left, cancellation))
                    {
                        await registry.ClaimAsync(await registry.FindAsync(runId));
                        // Part of the history is stored now: the next attempt reads it back and carries it on.
                        watch = watch with { NewHistory = false };
                        continue;
                    }
                }
                await RecordEndAsync(registry, runId, RunStatus.Interrupted, e.Message);
                throw new StoreException(
                    $"{store.Display}: the store failed mid-run and the run stopped ({e.Message}); the history up to the last completed phase is kept: 'economysim resume {runId}' carries it on once the store is usable", e);
            }
            catch (RunFailedException e) when (registry is not null)
            {
                await RecordEndAsync(registry, runId, RunStatus.Failed, e.Message);
                throw;
            }
            catch (OperationCanceledException) when (registry is not null)
            {
                await RecordEndAsync(registry, runId, RunStatus.Interrupted, "cancelled");
                throw;
            }
        }
    }

    /// <summary>The registry's record of how a run ended; a store too broken to take it leaves the run to read as interrupted (its process is gone).</summary>
    private static async Task RecordEndAsync(RunRegistry registry, string runId, RunStatus status, string failure)
    {
        try
        {
            await registry.EndAsync(runId, status, failure);
        }
        catch (StoreException)
        {
        }
    }

    private static async Task<bool> WaitForStoreAsync(RunRegistry registry, TimeSpan limit, CancellationToken cancellation)
    {
        var since = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            var pause = StoreRetry.Backoff(attempt);
            if (since.Elapsed + pause > limit) return false;
            await Task.Delay(pause, cancellation);
            try
            {
                await registry.EnsureCreatedAsync();
                return true;
            }
            catch (StoreException)
            {
            }
        }
    }

    /// <summary>Checks the variables a run reads before anything is registered or run, so a bad one leaves nothing behind.</summary>
    public static void CheckEnvironment(EconomySim.Domain.EconomyDefinition economy, HistoryStore store)
    {
        FaultFor(economy);
        StoreRetry.For(store);
    }

    private static InjectedFault? FaultFor(EconomySim.Domain.EconomyDefinition economy)
    {
        InjectedFault? fault;
        try
        {
            fault = InjectedFault.FromEnvironment();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        if (fault is null) return null;
        var phases = Domain.Calendar.Build(economy.Parameters.StartYear, economy.Parameters.Years).Count;
        if (!economy.Organisations.Any(o => o.Code == fault.Organisation))
            throw new UsageException($"{InjectedFault.Variable}: no organisation '{fault.Organisation}' in this economy");
        if (fault.Phase >= phases)
            throw new UsageException($"{InjectedFault.Variable}: phase {fault.Phase} is out of range; allowed: 0 to {phases - 1}");
        return fault;
    }

    /// <summary>A run whose organisations are sharded over a cluster's workers: where this node is, and the scenario the workers rebuild.</summary>
    public sealed record ShardedRun(ClusterNodeOptions Node, string ScenarioFile, string ScenarioSources, int Years, int Scale)
    {
        private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(60);

        public async Task<IOrganisationPlacement> PlaceAsync(Akka.Actor.ActorSystem system, string runId, long seed, HistoryStore store, bool newHistory,
            CancellationToken cancellation)
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            var workerUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            cluster.RegisterOnMemberUp(() => workerUp.TrySetResult());
            if (await Task.WhenAny(workerUp.Task, Task.Delay(WorkerWait, cancellation)) != workerUp.Task)
            {
                cancellation.ThrowIfCancellationRequested();
                throw new UsageException($"--cluster: could not join the cluster through {Node.SeedNode} within {WorkerWait.TotalSeconds:0} s; is a worker listening there?");
            }
            if (!cluster.State.Members.Any(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(ClusterHosting.WorkerRole)))
                throw new UsageException($"--cluster: the cluster of {Node.SeedNode} has no worker to hold the organisations; start one with 'economysim worker --seed-node {Node.SeedNode}'");
            if (store.Persists) await StoreWarmup.PrepareAsync(system, store.Display, cancellation);
            var proxy = OrganisationSharding.StartProxy(system);
            return new ShardedPlacement(system, proxy, runId, seed, ScenarioFile, ScenarioSources, Years, Scale, store.Persists, newHistory, store.Display);
        }
    }

    public static IAnsiConsole ConsoleFor(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
}

/// <summary>How a finished run is shown: a table for people, one JSON object for scripts.</summary>
public static class RunReport
{
    public static readonly Metric[] Headline =
    [
        Metric.CommissionerAllocations, Metric.SpendAcute, Metric.SpendPrimaryCare, Metric.SpendPrevention, Metric.PooledTransfers,
        Metric.SocialCareSpend, Metric.TrustSurplus, Metric.TrustsInDeficit, Metric.BailoutCount, Metric.BailoutValue,
        Metric.GpAppointments, Metric.AandEAttendances, Metric.EmergencyAdmissions, Metric.AvoidableAdmissions,
        Metric.ElectiveTreated, Metric.WaitingList, Metric.WaitingOver18Weeks, Metric.DelayedDischargeBedDays,
        Metric.PeopleSupported, Metric.UnmetSocialCareNeed, Metric.Proposals, Metric.Vetoes, Metric.ReformsAdopted,
        Metric.NetHealthQalysMilli, Metric.QalysLostMilli, Metric.PublicHealthQalysMilli, Metric.HealthGapMilliPerThousand, Metric.CareRelatedQualityOfLife,
    ];

    public static string Json(RunResult run, ScenarioDocument scenario, HistoryStore store)
    {
        var final = run.Outcomes.Years[^1];
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["run_id"] = run.RunId,
            ["scenario"] = scenario.Name,
            ["scenario_file"] = scenario.Path,
            ["scenario_sha256"] = scenario.Sha256,
            ["seed"] = run.Seed,
            ["start_year"] = run.Outcomes.Years[0].Year,
            ["years"] = run.Years,
            ["organisations"] = run.Organisations,
            ["phases"] = run.Phases,
            ["messages"] = run.Messages,
            ["events"] = run.Events,
            ["digest"] = run.Digest,
            ["store"] = store.Display,
            ["code_version"] = CodeVersion.Current,
            ["wall_seconds"] = Math.Round(run.WallSeconds, 3),
            ["messages_per_second"] = run.WallSeconds > 0 ? Math.Round(run.Messages / run.WallSeconds) : 0,
            ["money_conserved"] = run.PhasesConserved == run.Phases,
            ["outcomes"] = Values(final),
            ["outcomes_by_year"] = run.Outcomes.Years.Select(y => new Dictionary<string, object> { ["year"] = y.Year, ["values"] = Values(y) }).ToList(),
        });
    }

    public static Dictionary<string, decimal> Values(Domain.Runs.YearOutcomes year) =>
        MetricCatalogue.All.ToDictionary(m => m.Name, m => year.Display(m.Metric));

    public static void Table(RunResult run, ScenarioDocument scenario, HistoryStore store, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]{Markup.Escape(run.RunId)}[/]  {Markup.Escape(scenario.Path)}  seed {run.Seed}  store {Markup.Escape(store.Display)}");
        console.MarkupLine($"{run.Organisations:N0} organisations, {run.Phases:N0} phases, {run.Messages:N0} messages, {run.Events:N0} events in {run.WallSeconds:F2} s ({(run.WallSeconds > 0 ? run.Messages / run.WallSeconds : 0):N0} messages/s)");
        console.MarkupLine($"money conserved: {(run.PhasesConserved == run.Phases ? "[green]yes, every phase[/]" : "[red]NO[/]")}   digest {run.Digest}");
        OutcomeTable(run.Outcomes, console);
    }

    public static void OutcomeTable(Domain.Runs.RunOutcomes outcomes, IAnsiConsole console)
    {
        // Redirected output has no terminal width; give a year's column room rather than wrap every figure.
        console.Profile.Width = Math.Max(console.Profile.Width, 40 + 12 * outcomes.Years.Count);
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("outcome").NoWrap()).AddColumn(new TableColumn("unit").NoWrap());
        foreach (var year in outcomes.Years) table.AddColumn(new TableColumn($"{year.Year}/{(year.Year + 1) % 100:00}").RightAligned().NoWrap());
        foreach (var metric in Headline)
        {
            var info = MetricCatalogue.Info(metric);
            var row = new List<string> { info.Name, UnitLabel(info.Unit) };
            row.AddRange(outcomes.Years.Select(y => Format(info, y.Display(metric))));
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
    }

    public static string UnitLabel(string unit) => unit switch
    {
        "GBP" => "£m",
        "{QALY}" => "QALYs",
        _ => unit.Trim('{', '}'),
    };

    public static string Format(MetricInfo info, decimal value) => info.Unit == "GBP"
        ? (value / 1_000_000m).ToString("#,##0.0", CultureInfo.InvariantCulture)
        : value.ToString("#,##0", CultureInfo.InvariantCulture);
}
