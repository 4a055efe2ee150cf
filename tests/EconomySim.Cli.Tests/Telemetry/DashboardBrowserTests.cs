using System.Text.RegularExpressions;
using EconomySim.Cli.Tests.Support;
using EconomySim.Testing;
using Xunit.Abstractions;

namespace EconomySim.Cli.Tests.Telemetry;

/// <summary>The live dashboard as a person sees it: a real run, served by the command line, watched in headless Chromium.</summary>
public partial class DashboardBrowserTests(ITestOutputHelper output)
{
    private const string WaitingListPoints = "Chart.getChart('chart-waiting').data.datasets[0]?.data.length ?? 0";

    [Fact]
    public async Task The_live_dashboard_charts_grow_as_simulated_months_complete_and_need_no_internet()
    {
        // The browser starts first (the slow part), so the page is watching while the run is still young.
        await using var browser = await HeadlessChromium.LaunchAsync();
        using var cli = Cli.Watch(["run", Cli.Config("england.yaml"), "--years", "3", "--pace", "400ms", "--run-id", "browser-e2e", "--store", "none",
            "--dashboard", "--port", "0", "--linger", "300s", "--json"]);
        var url = new Uri(cli.WaitForError(DashboardAddress(), TimeSpan.FromSeconds(60)).Groups["url"].Value);
        Assert.Equal("127.0.0.1", url.Host);
        await browser.NavigateAsync(url);

        // Some months in, the charts have points; a few months later they have more, while the run goes on.
        var first = await Eventually.Until(async () =>
        {
            var points = (await browser.EvaluateAsync(WaitingListPoints)).GetInt32();
            return points > 0 ? (object)points : null;
        }, TimeSpan.FromSeconds(60), () => "the waiting-list chart to get its first points");
        var before = (int)first;
        Assert.True(before <= 30, $"the page first saw {before} of 36 months: too late to watch the charts grow");
        var status = (await browser.EvaluateAsync("document.getElementById('status').textContent")).GetString();
        await Eventually.Until(async () => (await browser.EvaluateAsync(WaitingListPoints)).GetInt32() >= before + 3,
            TimeSpan.FromSeconds(60), () => $"the waiting-list chart to grow past {before} points");
        Assert.NotEqual(status, (await browser.EvaluateAsync("document.getElementById('status').textContent")).GetString());

        // When the run has finished, every chart holds every month, and the page loaded nothing from elsewhere.
        await Eventually.Until(async () => (await browser.EvaluateAsync("window.economysim.runs.get('browser-e2e')?.status.state")).GetString() == "finished",
            TimeSpan.FromSeconds(120), () => "the run to finish on the dashboard");
        foreach (var chart in new[] { "money", "waiting", "admissions", "delayed", "deficits", "governance", "regions", "social" })
            Assert.Equal(36, (await browser.EvaluateAsync($"Chart.getChart('chart-{chart}').data.datasets[0]?.data.length ?? 0")).GetInt32());
        Assert.True((await browser.EvaluateAsync("Chart.getChart('chart-regions').data.datasets.length")).GetInt32() >= 7, "one line per NHS region");
        Assert.True((await browser.EvaluateAsync("Chart.getChart('chart-flows').data.datasets[0].data.length")).GetInt32() >= 6, "money flows between kinds");
        Assert.True((await browser.EvaluateAsync("performance.getEntriesByType('resource').every(r => r.name.startsWith(location.origin))")).GetBoolean());

        var screenshot = Path.Combine(RepositoryRoot.TestResults, "dashboard.png");
        await browser.ScreenshotAsync(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot shows drawn charts");
    }

    [Fact]
    public async Task The_dashboard_over_stored_runs_overlays_them_run_by_run()
    {
        var store = $"sqlite:{Path.Combine(Directory.CreateTempSubdirectory("economysim-store-").FullName, "runs.db")}";
        foreach (var (id, file) in new[] { ("devolution", "greater-manchester.yaml"), ("no-devolution", "greater-manchester-no-devolution.yaml") })
        {
            using var run = Cli.Watch(["run", Cli.Config(file), "--store", store, "--run-id", id, "--json"]);
            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        }
        using var cli = Cli.Watch(["dashboard", "--store", store, "--port", "0", "--linger", "300s"]);
        var url = new Uri(cli.WaitForError(DashboardAddress(), TimeSpan.FromMinutes(2)).Groups["url"].Value);

        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.NavigateAsync(url);
        await Eventually.Until(async () => (await browser.EvaluateAsync("window.economysim.ticksReceived")).GetInt32() == 120,
            TimeSpan.FromSeconds(60), () => "both stored runs' 60 months on the page");
        await Eventually.Until(async () => (await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.length")).GetInt32() == 4,
            TimeSpan.FromSeconds(30), () => "the waiting-list chart to draw two quantities for each of two runs");
        var labels = await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.map(d => d.label).join('|')");
        Assert.Contains("devolution · Waiting list", labels.GetString());
        Assert.Contains("no-devolution · Waiting list", labels.GetString());
        Assert.Equal(4, (await browser.EvaluateAsync("document.querySelectorAll('#compare thead th').length")).GetInt32());

        var screenshot = Path.Combine(RepositoryRoot.TestResults, "dashboard-stored-runs.png");
        await browser.ScreenshotAsync(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
    }

    [Fact]
    public async Task During_an_experiment_the_dashboard_shows_its_variants_side_by_side_as_they_run()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();
        using var cli = Cli.Watch(["experiment", Cli.Config("experiments/pbr-vs-block.yaml"), "--replications", "2", "--parallel", "4", "--store", "none",
            "--dashboard", "--port", "0", "--pace", "250ms", "--linger", "300s", "--json"]);
        var url = new Uri(cli.WaitForError(DashboardAddress(), TimeSpan.FromSeconds(60)).Groups["url"].Value);
        await browser.NavigateAsync(url);
        const string Running = "[...window.economysim.runs.values()].filter(e => e.status.state === 'running' && e.ticks.length > 0).length";
        await Eventually.Until(async () => (await browser.EvaluateAsync(Running)).GetInt32() >= 2,
            TimeSpan.FromSeconds(60), () => "two replications running at once on the page");
        var variants = await browser.EvaluateAsync("[...new Set([...window.economysim.runs.values()].map(e => e.run.variant))].sort().join(',')");
        Assert.Equal("block,pbr", variants.GetString());

        await Eventually.Until(async () => (await browser.EvaluateAsync("[...window.economysim.runs.values()].filter(e => e.status.state === 'finished').length")).GetInt32() == 4,
            TimeSpan.FromSeconds(120), () => "the experiment's four runs to finish on the page");
        Assert.Equal(8, (await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.length")).GetInt32());
        var labels = (await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.map(d => d.label).join('|')")).GetString();
        foreach (var name in new[] { "pbr #1", "pbr #2", "block #1", "block #2" }) Assert.Contains($"{name} · Waiting list", labels);
        Assert.Equal(2 + 4, (await browser.EvaluateAsync("document.querySelectorAll('#compare thead th').length")).GetInt32());

        var screenshot = Path.Combine(RepositoryRoot.TestResults, "dashboard-experiment.png");
        await browser.ScreenshotAsync(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
    }

    [GeneratedRegex(@"Live dashboard at (?<url>\S+)")]
    private static partial Regex DashboardAddress();
}
