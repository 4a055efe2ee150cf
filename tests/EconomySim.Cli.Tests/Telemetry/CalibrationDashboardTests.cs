using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EconomySim.Cli.Tests.Support;
using EconomySim.Testing;
using Xunit.Abstractions;

namespace EconomySim.Cli.Tests.Telemetry;

/// <summary>`calibrate --dashboard`: the search's progress served over HTTP and drawn on the page, each run watched as a run of its own.</summary>
public sealed partial class CalibrationDashboardTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-calibration-dashboard-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Two waves of four points, a run's month taking at least 100 ms so the waves can be seen under way.</summary>
    private Watched Calibrate(params string[] more) => Cli.Watch(["calibrate", CalibrationInputs.File(_dir), "--targets", CalibrationInputs.AllocationsTarget(_dir),
        "--waves", "2", "--points-per-wave", "4", "--parallel", "2", "--out", Path.Combine(_dir, "out"), "--dashboard", "--port", "0", "--pace", "100ms", "--linger", "300s", "--json", .. more]);

    private static async Task<JsonElement?> GetAsync(HttpClient http, Uri url, string path)
    {
        using var response = await http.GetAsync(new Uri(url, path));
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task During_a_calibration_the_dashboard_serves_which_wave_runs_how_many_runs_are_done_and_each_parameters_range()
    {
        using var cli = Calibrate();
        var url = new Uri(cli.WaitForError(DashboardAddress(), Bound).Groups["url"].Value);
        using var http = new HttpClient();

        // Under way: the first wave, some of its four runs done, nothing kept yet.
        var underWay = (JsonElement)(await Eventually.Until<object>(async () =>
            await GetAsync(http, url, "/api/calibration") is { } c && c.GetProperty("runs").GetInt32() > 0 ? c : null, Bound, () => "a first run of the calibration"));
        Assert.Equal("gm-allocations", underWay.GetProperty("experiment").GetString());
        Assert.Equal("history matching", underWay.GetProperty("method").GetString());
        Assert.Equal(2, underWay.GetProperty("waves").GetInt32());
        Assert.Equal(1, underWay.GetProperty("current").GetInt32());
        Assert.Equal(4, underWay.GetProperty("runsInBatch").GetInt32());
        Assert.InRange(underWay.GetProperty("runsDone").GetInt32(), 1, 4);
        Assert.Equal(0, underWay.GetProperty("done").GetArrayLength());
        var parameter = Assert.Single(underWay.GetProperty("parameters").EnumerateArray());
        Assert.Equal("funder.commissioner_allocations_gbp", parameter.GetProperty("key").GetString());
        Assert.Equal(4_500_000_000, parameter.GetProperty("low").GetDouble());
        Assert.Equal(6_500_000_000, parameter.GetProperty("high").GetDouble());

        // Finished: both waves with what they kept and the ranges the command reports.
        var finished = (JsonElement)(await Eventually.Until<object>(async () =>
            await GetAsync(http, url, "/api/calibration") is { } c && c.GetProperty("finished").GetBoolean() ? c : null, Bound, () => "the calibration to finish"));
        Assert.Equal(8, finished.GetProperty("runs").GetInt32());
        // The command prints its JSON before it lingers.
        var printed = (string)await Eventually.Until<object>(() => Task.FromResult<object?>(cli.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith('{'))), Bound, () => "the command's JSON");
        var steps = JsonDocument.Parse(printed).RootElement.GetProperty("steps").EnumerateArray().ToList();
        var waves = finished.GetProperty("done").EnumerateArray().ToList();
        Assert.Equal(2, waves.Count);
        for (var w = 0; w < 2; w++)
        {
            Assert.Equal(w + 1, waves[w].GetProperty("number").GetInt32());
            Assert.Equal(steps[w].GetProperty("kept").GetInt32(), waves[w].GetProperty("kept").GetInt32());
            Assert.Equal(steps[w].GetProperty("lower").GetProperty("funder.commissioner_allocations_gbp").GetDouble(), waves[w].GetProperty("lower")[0].GetDouble());
            Assert.Equal(steps[w].GetProperty("upper").GetProperty("funder.commissioner_allocations_gbp").GetDouble(), waves[w].GetProperty("upper")[0].GetDouble());
        }
        Assert.Contains($"wave 1 of 2: 4 point(s), kept {waves[0].GetProperty("kept").GetInt32()},", cli.Stderr);

        // Each run is a run of its own on the dashboard, labelled with its wave and point.
        var runs = (await GetAsync(http, url, "/api/runs"))!.Value.EnumerateArray().Select(r => r.GetProperty("run")).ToList();
        Assert.Equal(8, runs.Count);
        Assert.Equal(Enumerable.Range(1, 2).SelectMany(w => Enumerable.Range(1, 4).Select(p => $"wave {w} point {p}")).Order(),
            runs.Select(r => r.GetProperty("variant").GetString()!).Order());
        Assert.Contains(runs, r => r.GetProperty("runId").GetString() == "gm-allocations-w2b1-base-p4-r1-1");
    }

    [Fact]
    public async Task The_dashboard_page_draws_the_calibrations_waves_and_the_narrowed_range()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();
        using var cli = Calibrate();
        var url = new Uri(cli.WaitForError(DashboardAddress(), Bound).Groups["url"].Value);
        await browser.NavigateAsync(url);
        await Eventually.Until(async () => (await browser.EvaluateAsync("document.getElementById('calibration-progress').dataset.done ?? ''")).GetString() == "2",
            Bound, () => "the page to show both waves done");

        Assert.False((await browser.EvaluateAsync("document.getElementById('calibration').hidden")).GetBoolean());
        Assert.StartsWith("Calibration of gm-allocations (history matching)", (await browser.EvaluateAsync("document.getElementById('calibration-title').textContent")).GetString());
        await Eventually.Until(async () => (await browser.EvaluateAsync("document.getElementById('calibration-progress').textContent")).GetString()!.StartsWith("finished after 2 wave(s); 8 runs in all", StringComparison.Ordinal),
            Bound, () => "the page to say the search finished");
        Assert.Equal("parameter|prior|wave 1|wave 2|current range",
            (await browser.EvaluateAsync("[...document.querySelectorAll('#calibration-ranges thead th')].map(t => t.textContent).join('|')")).GetString());
        Assert.Equal("funder.commissioner_allocations_gbp", (await browser.EvaluateAsync("document.querySelector('#calibration-ranges tbody td').textContent")).GetString());
        // The target (£5.6bn within 5%) rules out most of the prior: the bar of the current range covers less than a tenth of it.
        var width = double.Parse((await browser.EvaluateAsync("document.querySelector('#calibration-ranges .range > span').style.width")).GetString()!.TrimEnd('%'), CultureInfo.InvariantCulture);
        Assert.InRange(width, 0.01, 10);
        // The runs themselves are on the charts, named by wave and point.
        var names = (await browser.EvaluateAsync("[...window.economysim.runs.values()].map(e => e.run.variant).join('|')")).GetString()!;
        Assert.Contains("wave 1 point 1", names);
        Assert.Contains("wave 2 point 4", names);

        var screenshot = Path.Combine(RepositoryRoot.TestResults, "dashboard-calibration.png");
        await browser.ScreenshotAsync(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
    }

    [Fact]
    public async Task A_calibrations_dashboard_port_already_taken_is_refused_in_one_line_before_anything_runs()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        using var cli = Cli.Watch(["calibrate", CalibrationInputs.File(_dir), "--targets", CalibrationInputs.AllocationsTarget(_dir), "--out", Path.Combine(_dir, "out"),
            "--dashboard", "--port", port]);
        Assert.Equal(2, await cli.WaitForExitAsync(Bound));
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", cli.Stderr);
        Assert.Single(cli.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")), "nothing written");
    }

    [GeneratedRegex(@"Live dashboard at (?<url>\S+)")]
    private static partial Regex DashboardAddress();
}
