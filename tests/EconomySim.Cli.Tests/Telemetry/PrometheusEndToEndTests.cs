using System.Diagnostics;
using System.Text.RegularExpressions;
using EconomySim.Cli.Tests.Support;
using EconomySim.Testing;
using Xunit.Abstractions;

namespace EconomySim.Cli.Tests.Telemetry;

/// <summary>A real run serving metrics, a real Prometheus scraping it with the shipped configuration, and the Grafana dashboards' queries.</summary>
public partial class PrometheusEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_PromQL_expression_in_the_Grafana_dashboards_returns_data_from_a_scraped_run()
    {
        // Prometheus starts first and scrapes the port the run will serve, so it sees the run from its first months.
        var metricsPort = FreePort.OnLoopback();
        var shipped = await File.ReadAllTextAsync(RepositoryRoot.File("dashboards/prometheus.yml"));
        Assert.Contains("127.0.0.1:9464", shipped);
        await using var prometheus = await PrometheusServer.StartAsync(shipped.Replace("127.0.0.1:9464", $"127.0.0.1:{metricsPort}", StringComparison.Ordinal));

        using var cli = Cli.Watch(["run", Cli.Config("england.yaml"), "--years", "3", "--pace", "250ms", "--run-id", "prometheus-e2e", "--store", "none",
            "--prometheus", metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--linger", "300s", "--json"]);
        var announced = cli.WaitForError(ScrapeAddress(), TimeSpan.FromSeconds(60));
        Assert.Equal($"http://127.0.0.1:{metricsPort}/metrics", announced.Groups["url"].Value);

        // Half-way through the run, with several scrapes behind it (rates need two), every panel has something to draw.
        await Eventually.Until(async () =>
        {
            var (ticks, _) = await prometheus.QueryAsync("economysim_engine_simulated_tick{run_id=\"prometheus-e2e\"} >= 12");
            var (scrapes, _) = await prometheus.QueryAsync("count_over_time(economysim_engine_simulated_tick{run_id=\"prometheus-e2e\"}[1m]) >= 5");
            return ticks.Length > 0 && scrapes.Length > 0;
        }, TimeSpan.FromSeconds(120), () => $"Prometheus to have scraped 12 simulated months five times.\nstderr: {cli.Stderr}");

        var failures = new List<string>();
        var queries = GrafanaDashboards.Expressions().ToList();
        foreach (var query in queries)
        {
            var promql = Substitute(query.Expression);
            var (result, error) = await prometheus.QueryAsync(promql);
            if (error is not null || result.Length == 0)
                failures.Add($"{query.Dashboard} {query.Where}: {promql} -> {error ?? "no data"}");
        }
        output.WriteLine($"{queries.Count} expressions queried, {failures.Count} without data");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(queries.Count > 60, "the dashboards hold the expressions checked");
    }

    [Fact]
    public async Task The_shipped_Prometheus_configuration_is_valid()
    {
        await DebianPackages.EnsureAsync("/usr/bin/prometheus", "prometheus");
        var check = Process.Start(new ProcessStartInfo("/usr/bin/promtool", ["check", "config", RepositoryRoot.File("dashboards/prometheus.yml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var text = await check.StandardOutput.ReadToEndAsync() + await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, text);
    }

    /// <summary>Grafana's variables for one run: the run id, every scenario, region and variant, a rate window.</summary>
    private static string Substitute(string expression)
    {
        if (LabelValues().Match(expression) is { Success: true } labelValues)
            expression = $"count by ({labelValues.Groups["label"].Value}) ({labelValues.Groups["metric"].Value})";
        return expression.Replace("$run_id", "prometheus-e2e", StringComparison.Ordinal)
            .Replace("$scenario", ".*", StringComparison.Ordinal)
            .Replace("$region", ".*", StringComparison.Ordinal)
            .Replace("$variant", ".*", StringComparison.Ordinal)
            .Replace("$__rate_interval", "1m", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^label_values\((?<metric>.+),\s*(?<label>[a-z_]+)\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"Prometheus metrics at (?<url>\S+)")]
    private static partial Regex ScrapeAddress();
}
