using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EconomySim.Cli.Tables;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

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
        }, RunReportJson.Default.DictionaryStringObject);
    }

    public static Dictionary<string, decimal> Values(Domain.Runs.YearOutcomes year) =>
        MetricCatalogue.All.ToDictionary(m => m.Name, m => year.Display(m.Metric));

    public static void Table(RunResult run, ScenarioDocument scenario, HistoryStore store, Report report)
    {
        report.Line($"{run.RunId}  {scenario.Path}  seed {run.Seed}  store {store.Display}");
        report.Line($"{run.Organisations:N0} organisations, {run.Phases:N0} phases, {run.Messages:N0} messages, {run.Events:N0} events in {run.WallSeconds:F2} s ({(run.WallSeconds > 0 ? run.Messages / run.WallSeconds : 0):N0} messages/s)");
        report.Line($"money conserved: {(run.PhasesConserved == run.Phases ? "yes, every phase" : "NO")}");
        report.Line($"digest {run.Digest}");
        OutcomeTable(run.Outcomes, report);
    }

    /// <summary>The headline outcomes per simulated year, each with its unit and a short meaning from the catalogue.</summary>
    public static void OutcomeTable(Domain.Runs.RunOutcomes outcomes, Report report)
    {
        var columns = new List<TextColumn> { TextColumn.Key("outcome"), TextColumn.Key("unit") };
        columns.AddRange(outcomes.Years.Select(y => TextColumn.Figure(FinancialYear(y.Year))));
        columns.Add(TextColumn.Note("meaning"));
        var table = new TextTable(columns);
        foreach (var metric in Headline)
        {
            var info = MetricCatalogue.Info(metric);
            var row = new List<TextCell> { info.Name, MetricDisplay.Unit(info) };
            row.AddRange(outcomes.Years.Select(y => MetricDisplay.Cell(info, (double)y.Display(metric))));
            row.Add(info.Meaning);
            table.AddRow(row);
        }
        report.Table(table);
        report.Line("Meanings, units and how each year's value is made: economysim metrics.");
    }

    public static string FinancialYear(int year) => $"{year}/{(year + 1) % 100:00}";

    /// <summary>A catalogue unit as a short label (used by the HTML reports, which draw values as the model reports them).</summary>
    public static string UnitLabel(string unit) => unit switch
    {
        "GBP" => "£m",
        "{QALY}" => "QALYs",
        _ => unit.Trim('{', '}'),
    };
}

/// <summary>
/// The JSON report's types, written by generated code: serializing through reflection built converters for every type
/// the serializer knows on first use, about 50 ms of a fresh `economysim run --json`, the process's last step. A report
/// field of a type not listed here fails every `run --json` the tests make.
/// </summary>
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(List<Dictionary<string, object>>))]
[JsonSerializable(typeof(Dictionary<string, decimal>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class RunReportJson : JsonSerializerContext;
