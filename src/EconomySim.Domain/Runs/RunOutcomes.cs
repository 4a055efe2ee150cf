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
            foreach (var info in MetricCatalogue.All)
                table[t * MetricCatalogue.Count + (int)info.Metric] = valueAt(t, info.Metric);
        var yearly = new List<YearOutcomes>(years);
        for (var y = 0; y < years; y++)
        {
            var values = new SortedDictionary<Metric, long>();
            foreach (var info in MetricCatalogue.All)
            {
                long value = 0;
                for (var m = 0; m < Calendar.MonthsPerYear; m++)
                {
                    var v = table[(y * Calendar.MonthsPerYear + m) * MetricCatalogue.Count + (int)info.Metric];
                    value = info.Aggregation == Aggregation.Sum ? checked(value + v) : v;
                }
                values[info.Metric] = value;
            }
            yearly.Add(new YearOutcomes(startYear + y, values));
        }
        return new RunOutcomes(yearly, table);
    }

    public long AtTick(int tick, Metric metric) => Ticks[tick * MetricCatalogue.Count + (int)metric];
}
