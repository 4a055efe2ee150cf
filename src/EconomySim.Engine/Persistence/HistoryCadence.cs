using System.Collections.Immutable;
using EconomySim.Domain;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// How often each organisation writes the events it has recorded: the unit in which a run's history becomes durable.
/// Every cadence stores the same events and gives the same digest; a coarser cadence makes fewer, larger journal
/// entries, and a killed run loses nothing by it because resume recomputes the run and checks it against the store.
/// </summary>
public enum HistoryCadence
{
    /// <summary>One entry per organisation per year (at its close): the fastest, and the default.</summary>
    Year = 0,
    /// <summary>One entry per organisation per month it acted in.</summary>
    Month = 1,
    /// <summary>One entry per organisation per phase it acted in: the history follows the run phase by phase.</summary>
    Phase = 2,
}

public static class HistoryCadences
{
    /// <summary>Each cadence's name, at the index of its value.</summary>
    public static readonly ImmutableArray<string> Names = ["year", "month", "phase"];

    public static string Name(this HistoryCadence cadence) => Names[(int)cadence];

    public static bool TryParse(string? text, out HistoryCadence cadence)
    {
        var index = text is null ? -1 : Names.IndexOf(text.Trim().ToLowerInvariant());
        cadence = index >= 0 ? (HistoryCadence)index : default;
        return index >= 0;
    }

    /// <summary>
    /// Whether the history is written when this phase of the calendar closes: every phase, the last phase of each month
    /// (a year's closing phases count as its last month's), or the last phase of each year. The run's last phase always is.
    /// </summary>
    public static bool WritesAfter(this HistoryCadence cadence, IReadOnlyList<CalendarPhase> calendar, int phase)
    {
        if (phase + 1 >= calendar.Count) return true;
        return cadence switch
        {
            HistoryCadence.Phase => true,
            HistoryCadence.Month => calendar[phase + 1].Tick != calendar[phase].Tick,
            _ => calendar[phase + 1].YearIndex != calendar[phase].YearIndex,
        };
    }
}
