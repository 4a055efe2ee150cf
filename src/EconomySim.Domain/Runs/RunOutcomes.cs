namespace EconomySim.Domain.Runs;

/// <summary>One simulated year's outcomes, raw (pence, milli-QALYs, counts) by metric.</summary>
public sealed record YearOutcomes(int Year, IReadOnlyDictionary<Metric, long> Values)
{
    public decimal Display(Metric metric) => MetricCatalogue.Display(metric, Values[metric]);
}

/// <summary>The outcome table of a run: every metric per tick (month) and per year.</summary>
public sealed record RunOutcomes(IReadOnlyList<YearOutcomes> Years, long[] Ticks)
{
    public static RunOutcomes FromTicks(int startYear, int years, int ticks, Func<int, Metric, long> valueAt)
    {
        var table = new long[ticks * MetricCatalogue.Count];
        for (var t = 0; t < ticks; t++)
        {
            var offset = t * MetricCatalogue.Count;
            foreach (var info in MetricCatalogue.All)
                if (info.Derive is null) table[offset + (int)info.Metric] = valueAt(t, info.Metric);
            foreach (var info in MetricCatalogue.All)
                if (info.Derive is { } derive) table[offset + (int)info.Metric] = derive(m => table[offset + (int)m]);
        }
        var yearly = new List<YearOutcomes>(years);
        for (var y = 0; y < years; y++)
        {
            var values = new SortedDictionary<Metric, long>();
            foreach (var info in MetricCatalogue.All)
            {
                if (info.Derive is not null) continue;
                long value = 0;
                for (var m = 0; m < Calendar.MonthsPerYear; m++)
                {
                    var v = table[(y * Calendar.MonthsPerYear + m) * MetricCatalogue.Count + (int)info.Metric];
                    value = info.Aggregation == Aggregation.Sum ? checked(value + v) : v;
                }
                values[info.Metric] = value;
            }
            foreach (var info in MetricCatalogue.All)
                if (info.Derive is { } derive) values[info.Metric] = derive(m => values[m]);
            yearly.Add(new YearOutcomes(startYear + y, values));
        }
        return new RunOutcomes(yearly, table);
    }

    /// <summary>
    /// The outcome table from a monthly one laid out as <see cref="Ticks"/> is (every metric of a tick, tick by tick), as
    /// a stored history, a worker's report or the native engine's answer carries it.
    /// </summary>
    public static RunOutcomes FromTable(int startYear, int years, long[] table) =>
        FromTicks(startYear, years, table.Length / MetricCatalogue.Count, (t, m) => table[t * MetricCatalogue.Count + (int)m]);

    public long AtTick(int tick, Metric metric) => Ticks[tick * MetricCatalogue.Count + (int)metric];
}
