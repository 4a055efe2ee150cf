using System.Net;
using System.Reflection;
using System.Text.Json;
using EconomySim.Domain;
using EconomySim.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EconomySim.Telemetry.Dashboard;

/// <summary>
/// The live dashboard: a page with its chart library embedded in this assembly (it needs no internet), the feed as
/// JSON, and the feed's updates as Server-Sent Events. Every route is a GET that reads the feed; nothing served can
/// change a run.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Assembly Assets = typeof(DashboardServer).Assembly;

    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the dashboard answers, with the port the system chose when asked for port 0.</summary>
    public Uri Address { get; }

    public static async Task<DashboardServer> StartAsync(DashboardFeed feed, IPEndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddCommandLifetime();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{**path}", (string path) => Asset(path));
        app.MapGet("/api/catalogue", () => Results.Json(Catalogue(), Json));
        app.MapGet("/api/runs", () => Results.Json(feed.Snapshot().Select(RunJson), Json));
        // A calibration's progress: its waves, runs, and each parameter's current range; 404 when no calibration is watched.
        app.MapGet("/api/calibration", () => feed.CalibrationState is { } calibration ? Results.Json(calibration, Json) : Results.NotFound());
        app.MapGet("/api/stream", (HttpContext http) => StreamAsync(http, feed, stopping));

        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        var host = endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? "localhost" : endpoint.Address.ToString();
        if (endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && host != "localhost") host = $"[{host}]";
        return new DashboardServer(app, new Uri($"http://{host}:{port}/"));
    }

    /// <summary>Sends everything so far as one "snapshot" event, then each run, tick and status as it happens.</summary>
    private static async Task StreamAsync(HttpContext http, DashboardFeed feed, CancellationToken stopping)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        using var subscription = feed.Subscribe();
        try
        {
            await SendAsync(http.Response, "snapshot", new { catalogue = Catalogue(), runs = subscription.Snapshot.Select(RunJson), calibration = subscription.Calibration }, done.Token);
            await foreach (var update in subscription.Updates.ReadAllAsync(done.Token))
            {
                var (name, data) = update switch
                {
                    DashboardRun run => ("run", (object)run),
                    DashboardTick tick => ("tick", tick),
                    DashboardStatus status => ("status", status),
                    DashboardCalibration calibration => ("calibration", calibration),
                    _ => throw new InvalidOperationException($"Unknown dashboard update {update.GetType().Name}."),
                };
                await SendAsync(http.Response, name, data, done.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away or the command is ending.
        }
    }

    private static async Task SendAsync(HttpResponse response, string name, object data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    private static object RunJson(DashboardRunState state) => new { run = state.Run, ticks = state.Ticks, status = state.Status };

    /// <summary>The outcomes in the order of the ticks' value arrays, with what a chart needs to label them.</summary>
    public static IReadOnlyList<object> Catalogue() => MetricCatalogue.All.Select(info =>
    {
        var instrument = TelemetryCatalogue.ForOutcome(info);
        return (object)new
        {
            index = (int)info.Metric,
            name = info.Name,
            instrument = instrument.Name,
            area = instrument.Area,
            unit = info.Unit,
            level = info.Aggregation == Aggregation.Last,
            meaning = info.Meaning,
        };
    }).ToList();

    private static IResult Asset(string path)
    {
        if (path.Contains("..", StringComparison.Ordinal)) return Results.NotFound();
        var stream = Assets.GetManifestResourceStream($"wwwroot/{path}");
        if (stream is null) return Results.NotFound();
        var type = Path.GetExtension(path) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
