using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.History;

/// <summary>A stored run's outcome table, with its registry record and its economy rebuilt from the kept scenario.</summary>
public sealed record StoredOutcomes(RunRecord Record, EconomyDefinition Economy, RunOutcomes Outcomes)
{
    public string Variant => Record.Variant ?? "";
    public int? DesignPoint => Record.DesignPoint;
    /// <summary>Counted from one, as run ids count them; null for a run of its own.</summary>
    public int? Replication => Record.Replication;
}

/// <summary>How often an export gives a value: every simulated month (a run), or every financial year (an experiment).</summary>
public enum ExportPeriod
{
    Month,
    Year,
}

/// <summary>One value of the tidy long table: a metric of one part of a run in one month or year.</summary>
/// <param name="Year">The financial year by its first calendar year (2024 for 2024/25).</param>
/// <param name="Date">The first day of the simulated month, or of the financial year (1 April).</param>
public sealed record ExportRow(StoredOutcomes Run, ExportUnit Unit, int Year, DateOnly Date, MetricInfo Metric, double Value);

/// <summary>
/// Stored runs as one tidy long table that pandas and R read as it is: one row per (run, part, period, metric), metrics
/// named as the catalogue and Prometheus name them, values in the catalogue's units (pounds for money, fractions for
/// shares), and the unit beside each value.
/// </summary>
public static class Export
{
    /// <summary>
    /// Every run's series at <paramref name="level"/>, period by period. The whole system has every metric in every
    /// period; below it a series that is zero throughout (a trust's GP appointments) is left out.
    /// </summary>
    public static IEnumerable<ExportRow> Rows(IEnumerable<StoredOutcomes> runs, ExportLevel level, ExportPeriod period)
    {
        var withDerived = OutcomeBreakdown.HasDerived(level);
        foreach (var run in runs)
        {
            var record = run.Record;
            var digest = level == ExportLevel.System ? "" : record.Digest ?? throw new ArgumentException($"run '{record.RunId}' has no digest to check a recomputation against", nameof(runs));
            foreach (var (unit, outcomes) in OutcomeBreakdown.Of(level, record.RunId, run.Economy, record.Seed, digest, run.Outcomes))
            {
                var metrics = MetricCatalogue.All.Where(i => (withDerived || i.Derive is null) && (level == ExportLevel.System || AnyValue(outcomes, i.Metric))).ToList();
                var start = run.Economy.Parameters.StartYear;
                if (period == ExportPeriod.Year)
                {
                    foreach (var year in outcomes.Years)
                        foreach (var info in metrics)
                            yield return new ExportRow(run, unit, year.Year, FinancialYearStart(year.Year), info, (double)year.Display(info.Metric));
                    continue;
                }
                for (var tick = 0; tick < outcomes.Ticks.Length / MetricCatalogue.Count; tick++)
                    foreach (var info in metrics)
                        yield return new ExportRow(run, unit, start + tick / Calendar.MonthsPerYear, FinancialYearStart(start).AddMonths(tick), info,
                            (double)MetricCatalogue.Display(info.Metric, outcomes.AtTick(tick, info.Metric)));
            }
        }
    }

    /// <summary>The simulated year starts in April, as the NHS financial year does.</summary>
    public static DateOnly FinancialYearStart(int year) => new(year, 4, 1);

    private static bool AnyValue(RunOutcomes outcomes, Metric metric)
    {
        for (var tick = 0; tick < outcomes.Ticks.Length / MetricCatalogue.Count; tick++)
            if (outcomes.AtTick(tick, metric) != 0) return true;
        return false;
    }
}
