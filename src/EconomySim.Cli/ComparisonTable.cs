using EconomySim.Cli.Tables;
using EconomySim.Domain;
using EconomySim.History;

namespace EconomySim.Cli;

/// <summary>A comparison on the terminal: each group's mean and interval per outcome and year, then the first group less each other one.</summary>
public static class ComparisonTable
{
    public static void Write(Comparison comparison, Report report)
    {
        var first = comparison.Groups[0];
        var columns = new List<TextColumn> { TextColumn.Key("outcome"), TextColumn.Key("unit"), TextColumn.Key("year") };
        columns.AddRange(comparison.Groups.Select(TextColumn.Figure));
        columns.AddRange(comparison.Groups.Skip(1).Select(g => TextColumn.Figure(Difference(first, g))));
        var table = new TextTable(columns);
        foreach (var row in comparison.Rows)
        {
            var info = MetricCatalogue.Find(row.Metric)!;
            var cells = new List<TextCell> { row.Metric, MetricDisplay.Unit(info), row.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            cells.AddRange(row.Groups.Select(e => Show(info, e)));
            cells.AddRange(row.DifferencesFromFirst.Skip(1).Select(d => d is null ? new TextCell("", "") : Show(info, d)));
            table.AddRow(cells);
        }
        if (comparison.Groups.Count > 1)
            report.Line($"Differences are the first named less the other ({Difference(first, comparison.Groups[^1])}), paired by seed where the groups share seeds.");
        report.Table(table);
        report.Line("Values are means; [low, high] is the 95% interval over replications (t distribution).");
    }

    /// <summary>The heading of a difference: the first group named, less the other.</summary>
    public static string Difference(string first, string other) => $"{first} - {other}";

    private static TextCell Show(MetricInfo info, Estimate e) => e.Count > 1
        ? new($"{MetricDisplay.Text(info, e.Mean)} [{MetricDisplay.Text(info, e.Lower)}, {MetricDisplay.Text(info, e.Upper)}]",
            $"{MetricDisplay.Plain(info, e.Mean)} [{MetricDisplay.Plain(info, e.Lower)}, {MetricDisplay.Plain(info, e.Upper)}]")
        : MetricDisplay.Cell(info, e.Mean);
}
