using System.Text.Json;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.History;

/// <summary>The grain of an export: the whole system, or its outcomes split by organisation kind, region or organisation.</summary>
public enum ExportLevel
{
    System,
    Kind,
    Region,
    Organisation,
}

/// <summary>What one series of an export covers below the whole system (null where the level does not split by it).</summary>
public sealed record ExportUnit(string? Kind, string? Region, string? Organisation)
{
    public static readonly ExportUnit WholeSystem = new(null, null, null);
}

/// <summary>The outcomes of one part of a run: the whole system, a kind, a region or an organisation.</summary>
public sealed record UnitOutcomes(ExportUnit Unit, RunOutcomes Outcomes);

/// <summary>Recomputing the run did not give the digest it printed: the code has changed since, so no breakdown of it can be trusted.</summary>
public sealed class RecomputedRunDiffersException(string runId, string stored, string recomputed)
    : Exception($"run '{runId}' recomputed by this build gives digest {recomputed[..12]}…, not its stored {stored[..Math.Min(12, stored.Length)]}…")
{
    public string RunId { get; } = runId;
}

/// <summary>
/// A run's outcomes split by organisation kind, region or organisation. The store keeps only the system's totals per
/// phase, so a breakdown is recomputed by running the run again (a pure function of scenario, seed and code) and is
/// trusted only when the recomputation ends with the digest the run printed.
/// </summary>
public static class OutcomeBreakdown
{
    /// <summary>The organisation kind as Prometheus labels it (organisation_kind="gp_federation").</summary>
    public static string KindName(OrganisationKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>
    /// Shares and ratios are computed from the values of what they describe, so they are given for the system and for a
    /// region (as Prometheus gives them) but not summed into a kind, nor computed for one organisation's part of a ratio.
    /// </summary>
    public static bool HasDerived(ExportLevel level) => level is ExportLevel.System or ExportLevel.Region;

    /// <summary>
    /// The run's series at <paramref name="level"/>. Below the system the run is recomputed, now, and checked against
    /// <paramref name="digest"/>; each series' table is built as it is read, so an organisation's is not held longer than its rows.
    /// </summary>
    public static IEnumerable<UnitOutcomes> Of(ExportLevel level, string runId, EconomyDefinition economy, long seed, string digest, RunOutcomes system)
    {
        if (level == ExportLevel.System) return [new UnitOutcomes(ExportUnit.WholeSystem, system)];
        var units = new List<ExportUnit>();
        var unitOf = new int[economy.Organisations.Count];
        var index = new Dictionary<ExportUnit, int>();
        foreach (var organisation in economy.Organisations)
        {
            var unit = UnitOf(level, organisation);
            if (!index.TryGetValue(unit, out var u)) index[unit] = u = units.Count;
            if (u == units.Count) units.Add(unit);
            unitOf[organisation.Index] = u;
        }
        var ticks = Calendar.MonthsPerYear * economy.Parameters.Years;
        // Most organisations touch a few metrics, so a series is kept only once something is recorded in it.
        var series = new long[]?[units.Count * MetricCatalogue.Count];
        var recomputed = SequentialRun.Run(economy, seed, activated: (phase, report) =>
        {
            var offset = unitOf[report.Organisation] * MetricCatalogue.Count;
            for (var i = 0; i < report.OutcomeMetrics.Length; i++)
            {
                var values = series[offset + report.OutcomeMetrics[i]] ??= new long[ticks];
                values[phase.Tick] = checked(values[phase.Tick] + report.OutcomeValues[i]);
            }
        });
        if (recomputed.Digest != digest) throw new RecomputedRunDiffersException(runId, digest, recomputed.Digest);
        var start = economy.Parameters.StartYear;
        return units.Select((unit, u) => new UnitOutcomes(unit, RunOutcomes.FromTicks(start, economy.Parameters.Years, ticks,
            (t, m) => series[u * MetricCatalogue.Count + (int)m]?[t] ?? 0)));
    }

    private static ExportUnit UnitOf(ExportLevel level, OrganisationProfile organisation) => level switch
    {
        ExportLevel.Kind => new ExportUnit(KindName(organisation.Kind), null, null),
        ExportLevel.Region => new ExportUnit(null, organisation.Region, null),
        _ => new ExportUnit(KindName(organisation.Kind), organisation.Region, organisation.Code),
    };
}
