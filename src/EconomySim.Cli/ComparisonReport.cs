using System.Globalization;
using System.Net;
using System.Text;
using EconomySim.Domain;
using EconomySim.History;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Cli;

/// <summary>
/// The self-contained HTML report of <c>compare --html</c>: a chart per outcome (each group's mean by year, with its 95%
/// band where the group has replications), a table of the groups' means and the paired difference of the first group
/// named minus each other one, and a line saying how every interval is formed. It opens anywhere with no network:
/// charts are inline SVG drawn by ScottPlot.
/// </summary>
public static class ComparisonReport
{
    /// <summary>Colour-blind-friendly colours (Wong, Nature Methods 8:441, 2011), one per group; beyond eight, more hues are drawn.</summary>
    private static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

    /// <param name="experiment">The experiment file whose expectations are checked against the runs, when one is given.</param>
    public static string Html(IReadOnlyList<ComparedRun> runs, IReadOnlyList<Metric> metrics, ExperimentDocument? experiment = null)
    {
        var groups = runs.Select(r => r.Group).Distinct().ToList();
        var years = runs.SelectMany(r => r.Outcomes.Years.Select(y => y.Year)).Distinct().Order().ToList();
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>EconomySim comparison</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;color:#1d2430}table{border-collapse:collapse;margin-bottom:1.5em}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right;white-space:nowrap}th{background:#f4f4f4}")
            .Append("td:first-child,th:first-child{text-align:left}.chart{display:inline-block;margin:8px;vertical-align:top}")
            .Append(".meaning{color:#5d6878;font-size:.9em;max-width:640px}.intervals{max-width:60em}</style></head><body>");
        html.Append("<h1>EconomySim comparison</h1><p>").Append(E($"Groups: {string.Join(", ", groups.Select(g => $"{g} ({runs.Count(r => r.Group == g)} run(s))"))}.")).Append("</p>");
        html.Append("<p class=\"intervals\">").Append(E(IntervalNote(groups))).Append("</p>");
        if (experiment is not null) html.Append(ExpectationVerdicts.Html(experiment, runs));
        foreach (var metric in metrics)
        {
            var info = MetricCatalogue.Info(metric);
            var rows = years.Select(year => (Year: year, Groups: groups.Select(g => Estimate(info, ValuesOf(runs, g, metric, year))).ToList())).Where(r => r.Groups.All(e => e is not null)).ToList();
            if (rows.Count == 0) continue;
            html.Append("<section class=\"outcome\" data-metric=\"").Append(info.Name).Append("\"><h2>").Append(E(info.Name)).Append(" <small>(")
                .Append(E(UnitName(info))).Append(")</small></h2><p class=\"meaning\">").Append(E(info.Meaning)).Append("</p>");
            html.Append("<div class=\"chart\">").Append(Chart(info, groups, rows.Select(r => (r.Year, (IReadOnlyList<Estimate>)r.Groups.Select(e => e!).ToList())).ToList())).Append("</div>");
            html.Append(Table(info, groups, runs, rows.Select(r => (r.Year, (IReadOnlyList<Estimate>)r.Groups.Select(e => e!).ToList())).ToList()));
            html.Append("</section>");
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>What the bracketed figures and the bands are, said once at the top of the report.</summary>
    public static string IntervalNote(IReadOnlyList<string> groups) =>
        "Values are means over each group's replications; [low, high] is a 95% confidence interval of the mean, and the shaded band on each chart is the same interval. "
        + "For money, QALYs and other quantities that can be negative it is Student's t interval (mean ± t(0.975, n−1)·s/√n); "
        + "for counts and shares, which cannot be negative, it is a bootstrap percentile interval (2.5th and 97.5th percentiles of 2,000 resampled means, seeded; Efron and Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13), so it never goes below zero. "
        + (groups.Count > 1
            ? $"Differences are {groups[0]} minus each other group, paired by seed (replication r of each group shares its seed: common random numbers), with a t interval; a group with no shared seed gets a difference of means without an interval."
            : "");

    /// <summary>A count or share cannot be negative, so its interval is a bootstrap percentile one.</summary>
    public static bool CannotBeNegative(MetricInfo info) =>
        info.Unit == "1" || (info.Unit.StartsWith('{') && info.Scale == 1 && info.Aggregation != Aggregation.Derived);

    private static List<(long Seed, double Value)> ValuesOf(IReadOnlyList<ComparedRun> runs, string group, Metric metric, int year) =>
        runs.Where(r => r.Group == group).Select(r => (r.Seed, Year: r.Outcomes.Years.FirstOrDefault(y => y.Year == year))).Where(r => r.Year is not null)
            .GroupBy(r => r.Seed).Select(s => (s.Key, (double)s.First().Year!.Display(metric))).ToList();

    private static Estimate? Estimate(MetricInfo info, List<(long Seed, double Value)> values)
    {
        if (values.Count == 0) return null;
        var sample = values.Select(v => v.Value).ToList();
        return CannotBeNegative(info) ? Statistics.BootstrapPercentile(sample) : Statistics.Describe(sample);
    }

    /// <summary>The first group minus another, paired by seed; a difference of means when they share no seed.</summary>
    private static Estimate Difference(IReadOnlyList<ComparedRun> runs, string first, string other, Metric metric, int year)
    {
        var a = ValuesOf(runs, first, metric, year).ToDictionary(v => v.Seed, v => v.Value);
        var b = ValuesOf(runs, other, metric, year).ToDictionary(v => v.Seed, v => v.Value);
        var shared = a.Keys.Intersect(b.Keys).Order().ToList();
        return shared.Count > 0
            ? Statistics.PairedDifference(shared.Select(s => a[s]).ToList(), shared.Select(s => b[s]).ToList())
            : Statistics.Describe([a.Values.Average() - b.Values.Average()]);
    }

    private static string Table(MetricInfo info, IReadOnlyList<string> groups, IReadOnlyList<ComparedRun> runs, IReadOnlyList<(int Year, IReadOnlyList<Estimate> Groups)> rows)
    {
        var html = new StringBuilder("<table class=\"comparison\"><thead><tr><th>year</th>");
        foreach (var g in groups) html.Append("<th>").Append(E(g)).Append(" <small>(").Append(E(UnitName(info))).Append(")</small></th>");
        foreach (var g in groups.Skip(1)) html.Append("<th class=\"difference\">").Append(E($"{groups[0]} − {g}")).Append("</th><th>pairs</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (year, estimates) in rows)
        {
            html.Append("<tr><td>").Append(YearLabel(year)).Append("</td>");
            foreach (var e in estimates) html.Append("<td>").Append(E(Show(info, e))).Append("</td>");
            foreach (var g in groups.Skip(1))
            {
                var d = Difference(runs, groups[0], g, info.Metric, year);
                html.Append("<td class=\"difference\">").Append(E(Show(info, d, difference: true))).Append("</td><td>").Append(d.Count).Append("</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>Money in £m with one decimal, counts whole, shares as percentages, other measures to two decimals.</summary>
    public static string Format(MetricInfo info, double value, bool difference = false)
    {
        var sign = difference && value > 0 ? "+" : "";
        return sign + (info.Unit switch
        {
            "GBP" => (value / 1_000_000).ToString("#,##0.0", CultureInfo.InvariantCulture),
            "1" => (value * 100).ToString("#,##0.0", CultureInfo.InvariantCulture),
            _ when CannotBeNegative(info) => Math.Round(value, MidpointRounding.AwayFromZero).ToString("#,##0", CultureInfo.InvariantCulture),
            _ => value.ToString("#,##0.##", CultureInfo.InvariantCulture),
        });
    }

    private static string Show(MetricInfo info, Estimate e, bool difference = false) =>
        e.Count > 1 ? $"{Format(info, e.Mean, difference)} [{Format(info, e.Lower, difference)}, {Format(info, e.Upper, difference)}]" : Format(info, e.Mean, difference);

    /// <summary>The unit a reader sees, from the metric catalogue: £m for money, % for shares, the counted thing otherwise.</summary>
    public static string UnitName(MetricInfo info) => info.Unit switch
    {
        "GBP" => "£m",
        "1" => "%",
        "{QALY}" => "QALYs",
        "{person}" => "people",
        _ => info.Unit.Trim('{', '}').Replace('_', '-') + "s",
    };

    private static double Scaled(MetricInfo info, double value) => info.Unit switch
    {
        "GBP" => value / 1_000_000,
        "1" => value * 100,
        _ => value,
    };

    private static string YearLabel(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static string Colour(int group) => group < Palette.Length ? Palette[group] : ScottPlot.Color.FromHSL((float)(group * 0.618034 % 1.0), 0.65f, 0.45f).ToHex();

    private static string Chart(MetricInfo info, IReadOnlyList<string> groups, IReadOnlyList<(int Year, IReadOnlyList<Estimate> Groups)> rows)
    {
        var plot = new ScottPlot.Plot();
        var xs = rows.Select(r => (double)r.Year).ToArray();
        for (var g = 0; g < groups.Count; g++)
        {
            var colour = ScottPlot.Color.FromHex(Colour(g));
            if (rows.Any(r => r.Groups[g].Count > 1))
            {
                var band = plot.Add.FillY(xs, rows.Select(r => Scaled(info, r.Groups[g].Lower)).ToArray(), rows.Select(r => Scaled(info, r.Groups[g].Upper)).ToArray());
                band.FillColor = colour.WithAlpha(0.2);
                band.LineWidth = 0;
                band.LegendText = $"{groups[g]}: 95% interval";
            }
            var line = plot.Add.Scatter(xs, rows.Select(r => Scaled(info, r.Groups[g].Mean)).ToArray());
            line.Color = colour;
            line.LineWidth = 2.5f;
            line.MarkerSize = 5;
            line.LegendText = rows[0].Groups[g].Count > 1 ? $"{groups[g]} (mean of {rows[0].Groups[g].Count})" : groups[g];
        }
        // One tick per simulated year, labelled as a year, not as a number with a thousands separator.
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var row in rows) ticks.AddMajor(row.Year, YearLabel(row.Year));
        plot.Axes.Bottom.TickGenerator = ticks;
        if (xs.Length == 1) plot.Axes.SetLimitsX(xs[0] - 0.5, xs[0] + 0.5);
        plot.XLabel("year");
        plot.YLabel(UnitName(info));
        plot.Title(info.Name);
        // Outside the data area, so it never covers the last points.
        plot.ShowLegend(ScottPlot.Edge.Right);
        return plot.GetSvgXml(720, 320).Replace("<?xml version=\"1.0\" encoding=\"utf-8\" ?>", "", StringComparison.Ordinal);
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
