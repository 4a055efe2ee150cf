using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EconomySim.Cli.Tables;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

/// <summary>Commands over stored runs: list them, show one, resume an interrupted one.</summary>
public static class StoreCommands
{
    public static Argument<string> RunArgument() => new("RUN") { Description = "A run id, or a prefix of one that matches a single run" };

    public static Command Runs(TextWriter stdout, TextWriter stderr)
    {
        var store = CliApp.StoreOption();
        var json = new Option<bool>("--json") { Description = "Print the runs as a JSON array" };
        var format = Report.FormatOption();
        var command = new Command("runs", "List the runs kept in a store") { store, json, format };
        command.SetAction(async (parse, _) =>
        {
            var registry = await RunLedger.OpenExistingAsync(parse.GetValue(store)!.ForReading());
            StoreNotice.Opened(parse.GetValue(store)!, stderr);
            var runs = await registry.ListAsync();
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(runs.Select(r => new
                {
                    run_id = r.RunId, status = RunRegistry.StatusText(r.Status), scenario = r.Scenario, scenario_file = r.ScenarioFile,
                    seed = r.Seed, years = r.Years, scale = r.Scale, experiment = r.Experiment, variant = r.Variant, replication = r.Replication,
                    started_at = r.StartedAt, ended_at = r.EndedAt, digest = r.Digest, code_version = r.CodeVersion, failure = r.Failure,
                })));
                return ExitCodes.Success;
            }
            var report = Report.For(stdout, stderr, parse.GetValue(format));
            var table = new TextTable(TextColumn.Key("run"), TextColumn.Text("status"), TextColumn.Figure("seed"), TextColumn.Figure("years"),
                TextColumn.Text("started (UTC)"), TextColumn.Text("digest"), TextColumn.Note("scenario"), TextColumn.Note("ended (UTC)"));
            foreach (var r in runs)
                table.AddRow(r.RunId, RunRegistry.StatusText(r.Status), r.Seed.ToString(CultureInfo.InvariantCulture), r.Years.ToString(CultureInfo.InvariantCulture),
                    Time(r.StartedAt), r.Digest?[..16] ?? "", r.Scenario, r.EndedAt is { } ended ? Time(ended) : "");
            report.Table(table);
            report.Line($"{runs.Count} run(s) in {parse.GetValue(store)!.Display}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show(TextWriter stdout, TextWriter stderr)
    {
        var run = RunArgument();
        var store = CliApp.StoreOption();
        var json = new Option<bool>("--json") { Description = "Print the run's outcomes as one JSON object" };
        var format = Report.FormatOption();
        var command = new Command("show", "Print a stored run's outcomes per year, rebuilt from its history, and check its digest") { run, store, json, format };
        command.SetAction(async (parse, cancellation) =>
        {
            var historyStore = parse.GetValue(store)!.ForReading();
            var registry = await RunLedger.OpenExistingAsync(historyStore);
            StoreNotice.Opened(historyStore, stderr);
            var record = await registry.FindAsync(parse.GetValue(run)!);
            var stored = await StoredRun.LoadAsync(record, historyStore, parse.GetValue(CliApp.Verbose), cancellation);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["run_id"] = record.RunId,
                    ["status"] = RunRegistry.StatusText(record.Status),
                    ["scenario"] = record.Scenario,
                    ["seed"] = record.Seed,
                    ["years"] = record.Years,
                    ["digest"] = record.Digest,
                    ["recomputed_digest"] = stored.Digest,
                    ["digest_verified"] = record.Digest is not null && record.Digest == stored.Digest,
                    ["events"] = stored.Events,
                    ["outcomes_by_year"] = stored.Outcomes.Years.Select(y => new Dictionary<string, object> { ["year"] = y.Year, ["values"] = RunReport.Values(y) }).ToList(),
                }));
                return ExitCodes.Success;
            }
            var report = Report.For(stdout, stderr, parse.GetValue(format));
            report.Line($"{record.RunId}  {RunRegistry.StatusText(record.Status)}  {record.ScenarioFile}  seed {record.Seed}");
            var verified = record.Digest is null ? "the run has not completed"
                : record.Digest == stored.Digest ? "matches the digest the run printed" : "DIFFERS from the digest the run printed";
            report.Line($"{stored.Events:N0} events; digest recomputed from the store: {verified}");
            report.Line($"digest {stored.Digest}");
            RunReport.OutcomeTable(stored.Outcomes, report);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static Command Resume(TextWriter stdout, TextWriter stderr)
    {
        var run = RunArgument();
        var store = CliApp.StoreOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's figures instead of tables" };
        var format = Report.FormatOption();
        var command = new Command("resume", "Carry an interrupted run on from its last completed phase") { run, store, json, format };
        command.SetAction(async (parse, cancellation) =>
        {
            var historyStore = parse.GetValue(store)!;
            var resumed = await RunLifecycle.ResumeAsync(historyStore, parse.GetValue(run)!);
            StoreNotice.Opened(historyStore, stderr);
            var asJson = parse.GetValue(json);
            var result = await resumed.RunAsync(parse.GetValue(CliApp.Verbose), TerminalProgress.On(asJson ? null : stderr), RunCommand.Warn(stderr), cancellation);
            if (asJson) await stdout.WriteLineAsync(RunReport.Json(result, resumed.Plan.Scenario, historyStore));
            else RunReport.Table(result, resumed.Plan.Scenario, historyStore, Report.For(stdout, stderr, parse.GetValue(format)));
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>A stored run read back: its economy rebuilt from the kept scenario, its history, digest and outcome table.</summary>
public sealed record StoredRun(RunRecord Record, Domain.EconomyDefinition Economy, string Digest, long Events, Domain.Runs.RunOutcomes Outcomes, StoredHistory History)
{
    public static async Task<StoredRun> LoadAsync(RunRecord record, HistoryStore store, bool verbose, CancellationToken cancellation)
    {
        var (_, economy) = StoredScenario.Rebuild(record);
        await using var session = await EngineSession.StartAsync(store, verbose, cancellation);
        var history = await StoredHistory.ReadAsync(session.System, record.RunId, cancellation);
        return new StoredRun(record, economy, history.Digest(economy), history.EventCount, history.Outcomes(economy), history);
    }
}
