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

        // Some months in, the charts have points; a few months later they have more, while the run goes on. The points
        // and the status line are read together, as one frame drew them: read apart, the page may draw months between.
        var first = await Eventually.Until(async () =>
        {
            var seen = await browser.EvaluateAsync($"[{WaitingListPoints}, document.getElementById('status').textContent]");
            return seen[0].GetInt32() > 0 ? (object)(seen[0].GetInt32(), seen[1].GetString()) : null;
        }, TimeSpan.FromSeconds(60), () => "the waiting-list chart to get its first points");
        var (before, status) = ((int, string?))first;
        Assert.True(before <= 30, $"the page first saw {before} of 36 months: too late to watch the charts grow");
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
        // The region list holds regions with residents, not the national funder's; a region's table marks money recorded
        // only nationally instead of showing it as zero.
        var regions = (await browser.EvaluateAsync("[...document.getElementById('region').options].map(o => o.value).filter(v => v).join(',')")).GetString()!.Split(',');
        Assert.True(regions.Length >= 7, string.Join(",", regions));
        Assert.DoesNotContain("England", regions);
        Assert.Contains("£", (await browser.EvaluateAsync("document.getElementById('title-money').textContent")).GetString());
        await browser.EvaluateAsync($"(() => {{ const s = document.getElementById('region'); s.value = '{regions[0]}'; s.dispatchEvent(new Event('change')); }})()");
        await Eventually.Until(async () => (await browser.EvaluateAsync(
                "[...document.querySelectorAll('#compare tbody tr')].find(tr => tr.cells[0].textContent === 'Commissioner allocations').cells[2].textContent")).GetString() == "national",
            TimeSpan.FromSeconds(10), () => $"commissioner allocations under {regions[0]} to read 'national'");
        Assert.True((await browser.EvaluateAsync("performance.getEntriesByType('resource').every(r => r.name.startsWith(location.origin))")).GetBoolean());

        var screenshot = Path.Combine(RepositoryRoot.TestResults, "dashboard.png");
        await browser.ScreenshotAsync(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot shows drawn charts");
    }

    [Fact]
    public async Task The_dashboard_over_stored_runs_overlays_them_by_calendar_date_and_says_they_are_stored()
    {
        using var folder = new TemporaryFolder("economysim-store-");
        var store = $"sqlite:{folder.File("runs.db")}";
        foreach (var (id, file) in new[] { ("devolution", "greater-manchester.yaml"), ("no-devolution", "greater-manchester-no-devolution.yaml") })
        {
            using var run = Cli.Watch(["run", Cli.Config(file), "--store", store, "--run-id", id, "--json"]);
            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        }
        // A run that starts eight years later, to be drawn under its own years.
        using (var later = Cli.Watch(["run", Cli.Config("cambridgeshire-peterborough-flat-cash.yaml"), "--years", "1", "--store", store, "--run-id", "later", "--json"]))
            Assert.Equal(0, await later.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        using var cli = Cli.Watch(["dashboard", "--store", store, "--port", "0", "--linger", "300s"]);
        var url = new Uri(cli.WaitForError(DashboardAddress(), TimeSpan.FromMinutes(2)).Groups["url"].Value);
        Assert.Contains("Dashboard of stored runs at", cli.Stderr);
        Assert.Contains("Reading stored run 3 of 3: ", cli.Stderr);

        await using var browser = await HeadlessChromium.LaunchAsync();
        await browser.NavigateAsync(url);
        await Eventually.Until(async () => (await browser.EvaluateAsync("window.economysim.ticksReceived")).GetInt32() == 132,
            TimeSpan.FromSeconds(60), () => "the stored runs' 60, 60 and 12 months on the page");
        await Eventually.Until(async () => (await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.length")).GetInt32() == 6,
            TimeSpan.FromSeconds(30), () => "the waiting-list chart to draw two quantities for each of three runs");
        var labels = await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.map(d => d.label).join('|')");
        Assert.Contains("devolution · Waiting list", labels.GetString());
        Assert.Contains("no-devolution · Waiting list", labels.GetString());
        // Outcome, unit, three runs, and the first minus each of the other two.
        Assert.Equal(7, (await browser.EvaluateAsync("document.querySelectorAll('#compare thead th').length")).GetInt32());

        // By calendar: the months run from April 2016 to March 2025, the 2016 runs under 2016 and the later one under 2024,
        // with the years between kept to scale.
        const string Labels = "Chart.getChart('chart-waiting').data.labels";
        Assert.Equal("Apr 2016", (await browser.EvaluateAsync($"{Labels}[0]")).GetString());
        Assert.Equal("Mar 2025", (await browser.EvaluateAsync($"{Labels}.at(-1)")).GetString());
        var laterFirst = await browser.EvaluateAsync(
            $"{Labels}[Chart.getChart('chart-waiting').data.datasets.find(d => d.label.startsWith('later ·')).data.findIndex(v => v !== null)]");
        Assert.Equal("Apr 2024", laterFirst.GetString());
        var ticks = (await browser.EvaluateAsync("Chart.getChart('chart-waiting').scales.x.ticks.map(t => t.label).filter(l => l).join(',')")).GetString();
        Assert.Equal("2016/17,2017/18,2018/19,2019/20,2020/21,2021/22,2022/23,2023/24,2024/25", ticks);
        Assert.Equal("EconomySim: stored runs", (await browser.EvaluateAsync("document.getElementById('heading').textContent")).GetString());
        Assert.Equal("3 stored runs, read from the store (none is running)", (await browser.EvaluateAsync("document.getElementById('status-text').textContent")).GetString());
        // Stored runs keep totals only: the region panel and selector are hidden rather than drawn empty.
        Assert.True((await browser.EvaluateAsync("document.getElementById('card-regions').hidden")).GetBoolean());
        Assert.True((await browser.EvaluateAsync("document.getElementById('region').closest('label').hidden")).GetBoolean());

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
        // Per variant and quantity: two replications, the band's two edges and the mean.
        Assert.Equal(20, (await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.length")).GetInt32());
        var labels = (await browser.EvaluateAsync("Chart.getChart('chart-waiting').data.datasets.map(d => d.label).join('|')")).GetString();
        foreach (var name in new[] { "pbr #1", "pbr #2", "block #1", "block #2" }) Assert.Contains($"{name} · Waiting list", labels);
        Assert.Equal(2 + 2 + 1, (await browser.EvaluateAsync("document.querySelectorAll('#compare thead th').length")).GetInt32());

        var screenshot = Path.Combine(RepositoryRoot.TestResults, "dashboard-experiment.png");
        await browser.ScreenshotAsync(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
    }

    [Fact]
    public async Task An_experiment_of_two_variants_with_ten_replications_is_drawn_a_colour_per_variant_with_its_mean_band_and_paired_difference()
    {
        using var folder = new TemporaryFolder("economysim-experiment-dashboard-");
        var file = folder.File("experiment.yaml");
        File.WriteAllText(file, Cli.PbrAgainstBlockExperiment("dashboard-pbr-block", 10, "  - property: money_conserved"));
        await using var browser = await HeadlessChromium.LaunchAsync();
        using var cli = Cli.Watch(["experiment", file, "--store", "none", "--dashboard", "--port", "0", "--linger", "300s", "--json"]);
        var url = new Uri(cli.WaitForError(DashboardAddress(), TimeSpan.FromSeconds(60)).Groups["url"].Value);
        await browser.NavigateAsync(url);
        await Eventually.Until(async () => (await browser.EvaluateAsync("[...window.economysim.runs.values()].filter(e => e.status.state === 'finished').length")).GetInt32() == 20,
            TimeSpan.FromSeconds(180), () => "the experiment's twenty runs to finish on the page");
        await Eventually.Until(async () => (await browser.EvaluateAsync("document.getElementById('status-text').textContent")).GetString()!.StartsWith("20 of 20 runs finished", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), () => "the status line to count every run finished");
        Assert.Equal(480, (await browser.EvaluateAsync("document.getElementById('progress').value")).GetDouble());
        Assert.Equal(480, (await browser.EvaluateAsync("document.getElementById('progress').max")).GetDouble());

        // One colour per variant: the replications faint, the mean bold, in the variant's colour.
        const string Waiting = "Chart.getChart('chart-waiting').data.datasets";
        var means = (await browser.EvaluateAsync($"{Waiting}.filter(d => d.role === 'mean').map(d => [d.group, d.borderColor, d.borderWidth].join('|')).join(',')")).GetString()!
            .Split(',').Select(m => m.Split('|')).ToList();
        Assert.Equal(4, means.Count);
        Assert.Equal(2, means.Select(m => m[0]).Distinct().Count());
        Assert.Equal(2, means.Select(m => m[1]).Distinct().Count());
        Assert.All(means.GroupBy(m => m[0]), g => Assert.Single(g.Select(m => m[1]).Distinct()));
        Assert.All(means, m => Assert.Equal("3", m[2]));
        Assert.Equal(40, (await browser.EvaluateAsync($"{Waiting}.filter(d => d.role === 'replication' && d.borderWidth === 1 && d.borderColor.startsWith('rgba(')).length")).GetInt32());
        Assert.Equal(2, (await browser.EvaluateAsync($"new Set({Waiting}.filter(d => d.role === 'replication').map(d => d.borderColor)).size")).GetInt32());

        // A drawn band: its upper edge fills down to its lower edge, the two apart, and the canvas is tinted between them.
        Assert.Equal(4, (await browser.EvaluateAsync($"{Waiting}.filter(d => d.role === 'band-high' && d.fill === '-1').length")).GetInt32());
        var tint = (await browser.EvaluateAsync("""
            (() => {
              const chart = Chart.getChart('chart-waiting');
              const sets = chart.data.datasets;
              const high = sets.findIndex(d => d.role === 'band-high');
              const low = high - 1;
              let widest = 0, at = -1;
              sets[high].data.forEach((h, i) => { const w = h - sets[low].data[i]; if (w > widest) { widest = w; at = i; } });
              if (at < 0) return 'no band wider than zero';
              const x = chart.scales.x.getPixelForValue(at);
              const y = (chart.scales.y.getPixelForValue(sets[high].data[at]) + chart.scales.y.getPixelForValue(sets[low].data[at])) / 2;
              const r = chart.currentDevicePixelRatio;
              const [red, green, blue] = chart.ctx.getImageData(Math.round(x * r) - 1, Math.round(y * r), 1, 1).data;
              return red > 250 && green > 250 && blue > 250 ? `white at (${x}, ${y})` : 'tinted';
            })()
            """)).GetString();
        Assert.Equal("tinted", tint);

        // The table: a column per variant (its mean over ten runs) and the paired difference pbr - block, paired over ten seeds.
        Assert.Equal("pbr − blockpaired by seed, 95% interval", (await browser.EvaluateAsync("document.querySelector('#compare thead th.difference').textContent")).GetString());
        Assert.Equal("mean of 10 runs", (await browser.EvaluateAsync("document.querySelector('#compare thead th.group small').textContent")).GetString());
        var pairs = (await browser.EvaluateAsync("[...document.querySelectorAll('#compare td.difference')].map(td => td.dataset.pairs).join(',')")).GetString()!.Split(',');
        Assert.All(pairs, p => Assert.Equal("10", p));
        var waitingRow = (await browser.EvaluateAsync("[...document.querySelectorAll('#compare tbody tr')].find(tr => tr.cells[0].textContent === 'Waiting list').cells[4].textContent")).GetString();
        Assert.Matches(@"^[+−-]?[\d,]+ \[[+−-]?[\d,]+, [+−-]?[\d,]+\]$", waitingRow);

        var screenshot = Path.Combine(RepositoryRoot.TestResults, "dashboard-experiment-10-replications.png");
        await browser.ScreenshotAsync(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot shows drawn charts");
    }

    [GeneratedRegex(@"(?:Live dashboard|Dashboard of stored runs) at (?<url>\S+)")]
    private static partial Regex DashboardAddress();
}
