using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;
using Spectre.Console;

namespace EconomySim.Cli;

/// <summary>Commands over stored runs: list them, show one, resume an interrupted one.</summary>
public static class StoreCommands
{
    public static Argument<string> RunArgument() => new("RUN") { Description = "A run id, or a prefix of one that matches a single run" };

    public static Command Runs(TextWriter stdout)
    {
        var store = CliApp.StoreOption();
        var json = new Option<bool>("--json") { Description = "Print the runs as a JSON array" };
        var command = new Command("runs", "List the runs kept in a store") { store, json };
        command.SetAction(async (parse, _) =>
        {
            var registry = await RunLedger.OpenExistingAsync(parse.GetValue(store)!.ForReading());
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
            var console = RunCommand.ConsoleFor(stdout);
            console.Profile.Width = Math.Max(console.Profile.Width, 160);
            var table = new Table().Border(TableBorder.Simple);
            foreach (var h in new[] { "run", "status", "scenario", "seed", "years", "started (UTC)", "ended (UTC)", "digest" }) table.AddColumn(new TableColumn(h).NoWrap());
            foreach (var r in runs)
                table.AddRow(Markup.Escape(r.RunId), RunRegistry.StatusText(r.Status), Markup.Escape(r.Scenario), r.Seed.ToString(CultureInfo.InvariantCulture),
                    r.Years.ToString(CultureInfo.InvariantCulture), r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    r.EndedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "", r.Digest?[..16] ?? "");
            console.Write(table);
            console.MarkupLine($"{runs.Count} run(s) in {Markup.Escape(parse.GetValue(store)!.Display)}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show(TextWriter stdout)
    {
        var run = RunArgument();
        var store = CliApp.StoreOption();
        var json = new Option<bool>("--json") { Description = "Print the run's outcomes as one JSON object" };
        var command = new Command("show", "Print a stored run's outcomes per year, rebuilt from its history, and check its digest") { run, store, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var historyStore = parse.GetValue(store)!.ForReading();
            var registry = await RunLedger.OpenExistingAsync(historyStore);
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
            var console = RunCommand.ConsoleFor(stdout);
            console.MarkupLine($"[bold]{Markup.Escape(record.RunId)}[/]  {RunRegistry.StatusText(record.Status)}  {Markup.Escape(record.ScenarioFile)}  seed {record.Seed}");
            var verified = record.Digest is null ? "[yellow]the run has not completed[/]"
                : record.Digest == stored.Digest ? "[green]matches the digest the run printed[/]" : "[red]DIFFERS from the digest the run printed[/]";
            console.MarkupLine($"{stored.Events:N0} events; digest recomputed from the store {stored.Digest}: {verified}");
            RunReport.OutcomeTable(stored.Outcomes, console);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Resume(TextWriter stdout, TextWriter stderr)
    {
        var run = RunArgument();
        var store = CliApp.StoreOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's figures instead of tables" };
        var command = new Command("resume", "Carry an interrupted run on from its last completed phase") { run, store, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var historyStore = parse.GetValue(store)!;
            var resumed = await RunLifecycle.ResumeAsync(historyStore, parse.GetValue(run)!);
            var asJson = parse.GetValue(json);
            var result = await resumed.RunAsync(parse.GetValue(CliApp.Verbose), TerminalProgress.On(asJson ? null : stderr), RunCommand.Warn(stderr), cancellation);
            if (asJson) await stdout.WriteLineAsync(RunReport.Json(result, resumed.Plan.Scenario, historyStore));
            else RunReport.Table(result, resumed.Plan.Scenario, historyStore, RunCommand.ConsoleFor(stdout));
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
