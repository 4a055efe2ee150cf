using System.Text.Json;
using System.Text.RegularExpressions;
using EconomySim.Testing;

namespace EconomySim.Telemetry.Tests;

public partial class CatalogueDocumentTests
{
    private const string Begin = "<!-- catalogue:begin -->";
    private const string End = "<!-- catalogue:end -->";

    [Fact]
    public void The_catalogue_in_dashboards_README_lists_every_instrument_as_emitted()
    {
        var readme = File.ReadAllText(RepositoryRoot.File("dashboards/README.md")).ReplaceLineEndings("\n");
        var expected = TelemetryCatalogue.MarkdownTable().ReplaceLineEndings("\n");
        var start = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"dashboards/README.md needs the catalogue between {Begin} and {End}");
        var actual = readme[(start + Begin.Length)..end].Trim('\n') + "\n";
        if (actual != expected)
            File.WriteAllText(Path.Combine(RepositoryRoot.TestResults, "catalogue.md"), expected);
        Assert.True(actual == expected, "dashboards/README.md's catalogue differs from TelemetryCatalogue; the expected table is in TestResults/catalogue.md");
    }

    [Fact]
    public void Every_metric_a_Grafana_dashboard_queries_is_in_the_catalogue()
    {
        var known = TelemetryCatalogue.All.SelectMany(i => i.Kind == InstrumentKind.Histogram
            ? new[] { i.PrometheusName + "_bucket", i.PrometheusName + "_sum", i.PrometheusName + "_count" }
            : [i.PrometheusName]).ToHashSet();
        var used = GrafanaDashboards.Expressions().SelectMany(e => MetricName().Matches(e.Expression).Select(m => m.Value)).ToHashSet();
        Assert.NotEmpty(used);
        Assert.Subset(known, used);
    }

    [Fact]
    public void There_are_overview_finance_activity_governance_and_variant_dashboards()
    {
        var titles = GrafanaDashboards.Files().Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.GetProperty("title").GetString()).ToList();
        Assert.Equal(5, titles.Count);
        foreach (var word in new[] { "overview", "finance", "activity", "governance", "variant" })
            Assert.Contains(titles, t => t!.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("economysim_[A-Za-z0-9_]+")]
    private static partial Regex MetricName();
}
