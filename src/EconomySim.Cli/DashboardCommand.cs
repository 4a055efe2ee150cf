using System.CommandLine;
using EconomySim.History;
using EconomySim.Telemetry;
using EconomySim.Telemetry.Dashboard;

namespace EconomySim.Cli;

/// <summary>economysim dashboard: the live dashboard's views over runs kept in a store, overlaid for comparison.</summary>
public static class DashboardCommand
{
    public static Command Create(TextWriter stderr)
    {
        var runs = new Argument<string[]>("RUN")
        {
            Description = "Runs to show (ids or unique prefixes); default: every completed run in the store",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var store = CliApp.StoreOption();
        var telemetry = new TelemetryOptions();
        var command = new Command("dashboard", "Serve the dashboard over stored runs, overlaid for comparison (until Ctrl+C)") { runs, store, telemetry.Port, telemetry.Linger };
        command.SetAction(async (parse, cancellation) =>
        {
            var historyStore = parse.GetValue(store)!.ForReading();
            var registry = await RunLedger.OpenExistingAsync(historyStore);
            StoreNotice.Opened(historyStore, stderr);
            var named = parse.GetValue(runs) ?? [];
            var records = named.Length > 0
                ? await Task.WhenAll(named.Select(registry.FindAsync))
                : (await registry.ListAsync()).Where(r => r.Status == RunStatus.Completed).ToArray();
            if (records.Length == 0)
                throw new UsageException($"{historyStore.Display} holds no completed run to show; name runs, or keep some with 'economysim run FILE'");

            // Every run is read back before the page is served, so what the address shows is complete; reading a run's
            // history takes seconds, so each one is announced as it is read.
            var loaded = new List<(DashboardRun Run, StoredRun Stored)>();
            var distinct = records.DistinctBy(r => r.RunId).ToList();
            foreach (var record in distinct)
            {
                await stderr.WriteLineAsync($"Reading stored run {loaded.Count + 1} of {distinct.Count}: {record.RunId} ({record.Scenario}{(record.Variant is { } v ? $", variant {v}" : "")})");
                var stored = await StoredRun.LoadAsync(record, historyStore, parse.GetValue(CliApp.Verbose), cancellation);
                var economy = stored.Economy;
                loaded.Add((new DashboardRun(record.RunId, record.Scenario, record.Variant ?? RunLabels.DefaultVariant, TelemetryCatalogue.RegimeOf(economy.Parameters),
                    record.Seed, economy.Parameters.StartYear, economy.Parameters.Years * Domain.Calendar.MonthsPerYear, [], DashboardRun.Stored), stored));
            }
            await stderr.WriteLineAsync($"Read {loaded.Count} stored run(s) from {historyStore.Display}.");
            await using var session = await TelemetryOptions.StartAsync(new TelemetrySettings(Dashboard: parse.GetValue(telemetry.Port), DashboardName: "Dashboard of stored runs"), stderr, cancellation);
            foreach (var (run, stored) in loaded) session.Feed!.AddFinishedRun(run, stored.Outcomes, stored.Digest);
            await telemetry.LingerAsync(parse, session, stderr, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }
}
