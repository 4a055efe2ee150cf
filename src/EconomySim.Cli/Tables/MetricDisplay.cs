using System.Globalization;
using EconomySim.Domain;

namespace EconomySim.Cli.Tables;

/// <summary>
/// How a metric's value is shown to people, from its unit in the catalogue: money in £m with one decimal (a cost per
/// head in whole pounds), shares as percentages, counts as whole numbers, QALYs and scores with one decimal.
/// </summary>
public static class MetricDisplay
{
    public static string Unit(MetricInfo info) => info switch
    {
        { Metric: Metric.CostPerHead } => "£ per person",
        { Unit: "GBP" } => "£m",
        { Unit: "1" } => "%",
        { Unit: "{QALY}" } => info.Metric == Metric.HealthGapMilliPerThousand ? "QALYs/1,000" : "QALYs",
        _ => Plural(info.Unit.Trim('{', '}').Replace('_', '-')),
    };

    /// <summary>The unit of a metric named in a table, or the name itself when it is not one of the catalogue's.</summary>
    public static string Unit(string metric) => MetricCatalogue.Find(metric) is { } info ? Unit(info) : "";

    /// <summary>The value as people read it, and as a plain number in the same unit for CSV and TSV.</summary>
    public static Tables.TextCell Cell(MetricInfo info, double value) => new(Text(info, value), Plain(info, value));

    public static string Text(MetricInfo info, double value) => Scaled(info, value).ToString(Pattern(info, grouped: true), CultureInfo.InvariantCulture);

    public static string Plain(MetricInfo info, double value) => Scaled(info, value).ToString(Pattern(info, grouped: false), CultureInfo.InvariantCulture);

    /// <summary>A value as read from an outcome table (pounds, fractions, counts) in the unit <see cref="Unit(MetricInfo)"/> names.</summary>
    public static double Scaled(MetricInfo info, double value) => info switch
    {
        { Metric: Metric.CostPerHead } => value,
        { Unit: "GBP" } => value / 1_000_000,
        { Unit: "1" } => value * 100,
        _ => value,
    };

    private static string Pattern(MetricInfo info, bool grouped)
    {
        var whole = grouped ? "#,##0" : "0";
        return info switch
        {
            { Metric: Metric.CostPerHead } => whole,
            { Unit: "GBP" or "1" } => whole + ".0",
            // Thousandths kept in the model (QALYs, scores, mean years) are shown to one decimal; counts are whole.
            { Scale: > 1 } => whole + ".0",
            _ => whole,
        };
    }

    private static string Plural(string unit) => unit switch
    {
        "person" => "people",
        "veto" => "vetoes",
        "bed-day" => "bed-days",
        "reform" or "trust" or "bailout" or "appointment" or "attempt" or "attendance" or "admission" or "patient" or "bed" or "contract"
            or "pool" or "proposal" or "vote" or "referral" or "year" or "point" => unit + "s",
        _ => unit,
    };

    /// <summary>How the year's value is made from the months, in words.</summary>
    public static string Aggregation(MetricInfo info) => info.Aggregation switch
    {
        Domain.Aggregation.Sum => "sum of months",
        Domain.Aggregation.Last => "year-end level",
        _ => "derived",
    };
}
