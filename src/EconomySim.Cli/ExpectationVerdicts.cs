using System.Globalization;
using System.Net;
using System.Text;
using EconomySim.Domain;
using EconomySim.Experiments;
using EconomySim.History;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Cli;

/// <summary>
/// An experiment file's expectations checked against stored runs, for the comparison report: each clause, what it tests
/// with its interval, and whether it holds, as `experiment` checks them when the runs are made.
/// </summary>
public static class ExpectationVerdicts
{
    /// <summary>
    /// The clauses stored outcomes can answer. Money conservation is checked phase by phase while a run goes and is not
    /// kept, and a trend along a design parameter needs the design points: both are left to `experiment` and `analyse`.
    /// </summary>
    public static IReadOnlyList<ExpectationResult> Check(ExperimentDocument experiment, IReadOnlyList<ComparedRun> runs)
    {
        var checkable = experiment.Expectations.Where(e => e.Kind != ExpectationKind.MoneyConserved && !(e.Kind == ExpectationKind.Trend && e.Parameter is not null)).ToList();
        var groups = runs.Select(r => r.Group).Distinct().ToList();
        var unknown = checkable.SelectMany(e => e.Variants.Append(e.Variant).Append(e.Than)).OfType<string>().Where(v => v.Length > 0 && !groups.Contains(v)).Distinct().ToList();
        if (unknown.Count > 0)
            throw new UsageException($"--expect: {experiment.Path} names variant(s) {string.Join(", ", unknown)} that are not among the compared groups ({string.Join(", ", groups)})");
        var years = runs.SelectMany(r => r.Outcomes.Years.Select(y => y.Year)).Distinct().Order().ToList();
        var outside = checkable.FirstOrDefault(e => new[] { e.Year, e.From, e.To }.Any(y => y is { } year && !years.Contains(year)));
        if (outside is not null)
            throw new UsageException($"--expect: {experiment.Path}:{outside.Line}: '{outside}' reads a year the compared runs do not have (they run {years[0]} to {years[^1]})");
        return checkable.Select(e => ExperimentAnalysis.Check(e, variant => runs.Where(r => r.Group == variant).OrderBy(r => r.Seed)
            .Select(r => ExperimentAnalysis.ClauseValue(r.Outcomes, e)).ToList(), runs.Count, runs.Count)).ToList();
    }

    public static string Html(ExperimentDocument experiment, IReadOnlyList<ComparedRun> runs)
    {
        var results = Check(experiment, runs);
        var html = new StringBuilder("<section class=\"expectations\"><h2>Expectations of ").Append(E(experiment.Name)).Append("</h2>");
        html.Append("<table class=\"verdicts\"><thead><tr><th>expectation</th><th>tested</th><th>estimate [95% interval]</th><th>result</th></tr></thead><tbody>");
        foreach (var r in results)
        {
            var info = MetricCatalogue.Find(r.Expectation.Metric);
            foreach (var c in r.Contrasts)
            {
                var first = c == r.Contrasts[0];
                html.Append("<tr><td>").Append(first ? E(r.Expectation.ToString()) : "").Append("</td><td>").Append(E(c.Label)).Append("</td><td>")
                    .Append(E(Show(info, r.Expectation, c.Estimate))).Append("</td><td class=\"").Append(r.Passed ? "holds" : "fails").Append("\">")
                    .Append(first ? (r.Passed ? "holds" : "fails") : "").Append("</td></tr>");
            }
        }
        html.Append("</tbody></table>");
        var skipped = experiment.Expectations.Count - results.Count;
        if (skipped > 0)
            html.Append("<p>").Append(E($"{skipped} expectation(s) not checked here (money conservation is checked while a run goes; a trend along a design parameter is for 'economysim analyse')."))
                .Append("</p>");
        return html.Append("</section>").ToString();
    }

    /// <summary>A clause on a per-head rate or a change is not in the metric's own display form, so only plain money and counts are formatted as the tables are.</summary>
    private static string Show(MetricInfo? info, Expectation expectation, Estimate e)
    {
        string F(double v) => info is not null && expectation.Per is null ? ComparisonReport.Format(info, v, difference: true) : v.ToString("#,##0.####", CultureInfo.InvariantCulture);
        return e.Count > 1 ? $"{F(e.Mean)} [{F(e.Lower)}, {F(e.Upper)}]" : F(e.Mean);
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
