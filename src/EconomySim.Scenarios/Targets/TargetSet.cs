using EconomySim.Domain;

namespace EconomySim.Scenarios.Targets;

/// <summary>Where a published series comes from, so a fit can be traced to the release it was judged against.</summary>
public sealed record TargetSource(string Publisher, string Series, string Release, string? Url);

public enum ToleranceKind
{
    /// <summary>|model - target| / |target| at most the limit.</summary>
    Relative = 0,
    /// <summary>|model - target| at most the limit, in the metric's display unit.</summary>
    Absolute = 1,
}

/// <summary>How far a model value may be from a target and still count as fitting it.</summary>
public sealed record Tolerance(ToleranceKind Kind, decimal Limit)
{
    /// <summary>
    /// Judged by multiplication rather than by dividing by the target, so that a relative tolerance around a target of
    /// zero admits only zero instead of failing on the division.
    /// </summary>
    public bool Admits(decimal model, decimal target)
    {
        var gap = Math.Abs(model - target);
        return Kind == ToleranceKind.Relative ? gap <= Limit * Math.Abs(target) : gap <= Limit;
    }
}

/// <summary>
/// One published series as the model should reproduce it: the metric it is compared with (in
/// <see cref="MetricCatalogue.Display"/> units: pounds, fractions, counts) and the value per year, where a year is the
/// first calendar year of a financial year (2015 is 2015/16), as in a run's outcome table.
/// </summary>
/// <param name="Tolerance">Null: the series is reported but not judged.</param>
public sealed record TargetSeries(
    string Id,
    Metric Metric,
    string Measures,
    string Unit,
    TargetSource Source,
    Tolerance? Tolerance,
    IReadOnlyDictionary<int, decimal> Values,
    string? Notes)
{
    public string MetricName => MetricCatalogue.Info(Metric).Name;

    public IEnumerable<int> Years => Values.Keys.Order();
}

/// <summary>A file of published targets for one geography, in file order.</summary>
public sealed record TargetSet(string Path, string Geography, string Description, IReadOnlyList<TargetSeries> Series)
{
    /// <summary>Every year any series has a value for, in order.</summary>
    public IReadOnlyList<int> Years => Series.SelectMany(s => s.Values.Keys).Distinct().Order().ToList();
}
