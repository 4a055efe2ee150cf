using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using EconomySim.Cli.Tests.Support;
using EconomySim.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EconomySim.Cli.Tests.Telemetry;

/// <summary>The telemetry options of the command line, through the real executable.</summary>
public partial class CommandLineTelemetryTests
{
    [Fact]
    public async Task A_bad_prometheus_address_is_bad_input_and_nothing_runs()
    {
        using var cli = Cli.Watch(["run", Cli.Config("greater-manchester.yaml"), "--store", "none", "--prometheus", "metrics.example:9464"]);
        Assert.Equal(2, await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains("--prometheus: 'metrics.example' is not an IP address", cli.Stderr);
    }

    [Fact]
    public async Task A_dashboard_port_already_taken_is_bad_input_named_in_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var cli = Cli.Watch(["run", Cli.Config("greater-manchester.yaml"), "--store", "none", "--dashboard", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(2, await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", cli.Stderr);
    }

    [Fact]
    public async Task With_the_OTLP_variables_set_a_run_sends_its_metrics_and_traces_by_OTLP()
    {
        var received = new ConcurrentBag<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            if (body.Length > 0) received.Add(signal);
            return Results.Ok();
        });
        await collector.StartAsync();
        var address = collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var cli = Cli.Watch(["run", Cli.Config("greater-manchester.yaml"), "--store", "none", "--years", "2", "--json"], new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.Contains($"Sending metrics and traces by OTLP to {address}", cli.Stderr);
        Assert.Contains("metrics", received);
        Assert.Contains("traces", received);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(cli.Stdout).RootElement.ValueKind);
    }

    [Fact]
    public async Task The_dashboard_command_serves_stored_runs_overlaid_with_their_digests()
    {
        using var folder = new TemporaryFolder("economysim-store-");
        var store = $"sqlite:{folder.File("runs.db")}";
        var digests = new Dictionary<string, string>();
        foreach (var (id, file, seed) in new[] { ("stored-a", "greater-manchester.yaml", "1"), ("stored-b", "greater-manchester-no-devolution.yaml", "2") })
        {
            using var run = Cli.Watch(["run", Cli.Config(file), "--store", store, "--run-id", id, "--seed", seed, "--years", "2", "--json"]);
            Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromMinutes(2)));
            digests[id] = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("digest").GetString()!;
        }

        using var cli = Cli.Watch(["dashboard", "--store", store, "--port", "0", "--linger", "300s"]);
        var url = new Uri(cli.WaitForError(DashboardAddress(), TimeSpan.FromMinutes(2)).Groups["url"].Value);
        using var http = new HttpClient { BaseAddress = url };
        var runs = await http.GetFromJsonAsync<JsonElement>("api/runs");
        Assert.Equal(["stored-a", "stored-b"], runs.EnumerateArray().Select(r => r.GetProperty("run").GetProperty("runId").GetString()).Order());
        foreach (var run in runs.EnumerateArray())
        {
            var id = run.GetProperty("run").GetProperty("runId").GetString()!;
            Assert.Equal("stored", run.GetProperty("run").GetProperty("source").GetString());
            Assert.Equal(24, run.GetProperty("ticks").GetArrayLength());
            Assert.Equal(digests[id], run.GetProperty("status").GetProperty("digest").GetString());
        }
        Assert.Contains("<canvas id=\"chart-waiting\">", await http.GetStringAsync("/"));
    }

    [GeneratedRegex(@"(?:Live dashboard|Dashboard of stored runs) at (?<url>\S+)")]
    private static partial Regex DashboardAddress();
}
