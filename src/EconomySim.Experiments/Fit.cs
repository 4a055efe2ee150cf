using System.Globalization;
using EconomySim.Domain.Runs;
using EconomySim.Scenarios.Targets;

namespace EconomySim.Experiments;

/// <summary>Calendar years from <see cref="From"/> to <see cref="To"/>, both included (a year is the first of a financial year).</summary>
public sealed record YearSpan(int From, int To)
{
    public bool Contains(int year) => year >= From && year <= To;

    public override string ToString() => From == To ? From.ToString(CultureInfo.InvariantCulture) : $"{From}-{To}";

    /// <summary>Reads <c>FROM-TO</c> or a single <c>YEAR</c>; null when the text is neither or FROM is after TO.</summary>
    public static YearSpan? Parse(string text)
    {
        var parts = text.Trim().Split('-');
        if (parts.Length is < 1 or > 2) return null;
        var years = new List<int>(2);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < TargetLoader.FirstYear || year > TargetLoader.LastYear) return null;
            years.Add(year);
        }
        return years[0] <= years[^1] ? new YearSpan(years[0], years[^1]) : null;
    }
}

/// <summary>One target year against the run's value for it, in the metric's display unit.</summary>
/// <param name="AbsoluteError">Model less target, in the metric's display unit.</param>
/// <param name="RelativeError">(model - target) / |target|; null when the target is 0.</param>
/// <param name="Within">Whether the series' tolerance admits the model value; null when the series has no tolerance.</param>
/// <param name="DirectionRight">Whether model and target moved the same way since the year before; null when the year before is not compared.</param>
/// <param name="SignRight">Whether model and target have the same sign (both zero counts).</param>
public sealed record FitRow(string Series, string Metric, int Year, decimal Model, decimal Target, decimal AbsoluteError, double? RelativeError,
    bool? Within, bool? DirectionRight, bool SignRight);

/// <summary>How one series fits over the years compared.</summary>
/// <param name="YearsWithin">Null when the series has no tolerance (reported, not judged).</param>
/// <param name="YearsNotCovered">Target years of the series outside the run.</param>
public sealed record SeriesFit(TargetSeries Series, int YearsCompared, int? YearsWithin, int DirectionsRight, int DirectionsCompared, int SignsRight,
    double? MaxAbsoluteRelativeError, double? MeanAbsoluteRelativeError, IReadOnlyList<int> YearsNotCovered);

/// <param name="SeriesJudged">Series with a tolerance and at least one year compared.</param>
/// <param name="YearsNotCovered">Target years of any series outside the run: listed so a reader knows what was not judged.</param>
public sealed record FitSummary(int Series, int SeriesJudged, int Rows, int RowsJudged, int RowsWithin, IReadOnlyList<int> YearsNotCovered);

public sealed record FitReport(IReadOnlyList<int> RunYears, YearSpan? Years, IReadOnlyList<FitRow> Rows, IReadOnlyList<SeriesFit> Series, FitSummary Summary);

public enum FitProblem
{
    /// <summary>The years asked for are not all years of the run.</summary>
    YearsOutsideRun = 0,
    /// <summary>No target year is a year of the run (or of the years asked for), so nothing can be compared.</summary>
    NoTargetYearInRun = 1,
}

/// <summary>A run and a target file that cannot be compared; the message says why and names both sides' years.</summary>
public sealed class FitException(FitProblem problem, string message) : Exception(message)
{
    public FitProblem Problem { get; } = problem;
}

/// <summary>A run's yearly outcomes against published targets, per series and year.</summary>
public static class Fit
{
    /// <param name="years">Compare only these years; null: every year of the run.</param>
    /// <exception cref="FitException">The years asked for fall outside the run, or no target year is left to compare.</exception>
    public static FitReport Compare(RunOutcomes run, TargetSet targets, YearSpan? years = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(targets);
        var byYear = run.Years.ToDictionary(y => y.Year);
        var runYears = byYear.Keys.Order().ToList();
        if (runYears.Count == 0) throw new ArgumentException("A run has at least one year.", nameof(run));
        if (years is not null && (years.From < runYears[0] || years.To > runYears[^1]))
            throw new FitException(FitProblem.YearsOutsideRun, $"{years} is outside the run's years, {Describe(runYears)}");
        var targetYears = targets.Years;
        if (!targetYears.Any(byYear.ContainsKey))
            throw new FitException(FitProblem.NoTargetYearInRun,
                $"none of the target years ({Describe(targetYears)}) is a year of the run ({Describe(runYears)}); run a scenario that covers them");
        if (years is not null && !targetYears.Any(years.Contains))
            throw new FitException(FitProblem.YearsOutsideRun, $"{years} holds none of the target years ({Describe(targetYears)})");

        var rows = new List<FitRow>();
        var series = new List<SeriesFit>();
        foreach (var target in targets.Series)
        {
            var compared = target.Years.Where(y => byYear.ContainsKey(y) && (years?.Contains(y) ?? true)).ToList();
            var own = new List<FitRow>(compared.Count);
            foreach (var year in compared)
            {
                var model = byYear[year].Display(target.Metric);
                var value = target.Values[year];
                bool? direction = null;
                if (own.Count > 0 && own[^1].Year == year - 1)
                    direction = Math.Sign(model - own[^1].Model) == Math.Sign(value - own[^1].Target);
                own.Add(new FitRow(target.Id, target.MetricName, year, model, value, model - value,
                    value == 0 ? null : (double)(model - value) / (double)Math.Abs(value),
                    target.Tolerance?.Admits(model, value), direction, Math.Sign(model) == Math.Sign(value)));
            }
            rows.AddRange(own);
            var relative = own.Where(r => r.RelativeError is not null).Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
            series.Add(new SeriesFit(target, own.Count,
                target.Tolerance is null ? null : own.Count(r => r.Within == true),
                own.Count(r => r.DirectionRight == true), own.Count(r => r.DirectionRight is not null), own.Count(r => r.SignRight),
                relative.Count == 0 ? null : relative.Max(), relative.Count == 0 ? null : relative.Average(),
                target.Years.Where(y => !byYear.ContainsKey(y)).ToList()));
        }
        var judged = rows.Where(r => r.Within is not null).ToList();
        var summary = new FitSummary(series.Count, series.Count(s => s.YearsWithin is not null && s.YearsCompared > 0), rows.Count, judged.Count,
            judged.Count(r => r.Within == true), targetYears.Where(y => !byYear.ContainsKey(y)).ToList());
        return new FitReport(runYears, years, rows, series, summary);
    }

    /// <summary>Years as a reader scans them: runs of consecutive years as ranges (<c>2010-2014, 2016</c>).</summary>
    public static string Describe(IEnumerable<int> years)
    {
        var parts = new List<string>();
        int? start = null, last = null;
        foreach (var year in years.Distinct().Order())
        {
            if (last is { } l && year == l + 1)
            {
                last = year;
                continue;
            }
            if (start is not null) parts.Add(new YearSpan(start.Value, last!.Value).ToString());
            start = last = year;
        }
        if (start is not null) parts.Add(new YearSpan(start.Value, last!.Value).ToString());
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
