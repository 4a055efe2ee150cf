using System.Diagnostics;
using System.Globalization;
using System.Net;
using EconomySim.Telemetry.Dashboard;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EconomySim.Telemetry;

/// <summary>What the user asked for on the command line (and through the standard OTEL_* variables).</summary>
/// <param name="Prometheus">Where to serve a Prometheus scrape endpoint, or null.</param>
/// <param name="Dashboard">Where to serve the live dashboard, or null.</param>
/// <param name="Otlp">Export metrics and traces by OTLP, configured by the OTEL_EXPORTER_OTLP_* variables.</param>
/// <param name="Console">Print metrics and traces on standard output, for debugging.</param>
public sealed record TelemetrySettings(IPEndPoint? Prometheus = null, IPEndPoint? Dashboard = null, bool Otlp = false, bool Console = false, string DashboardName = "Live dashboard")
{
    public bool Metrics => Prometheus is not null || Otlp || Console;
    public bool Traces => Otlp || Console;
    public bool Any => Metrics || Dashboard is not null;

    /// <summary>OTLP is on when the standard variables name an endpoint (OTEL_SDK_DISABLED=true turns it off).</summary>
    public static bool OtlpConfigured(Func<string, string?> environment) =>
        !string.Equals(environment("OTEL_SDK_DISABLED"), "true", StringComparison.OrdinalIgnoreCase)
        && new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" }
            .Any(name => !string.IsNullOrWhiteSpace(environment(name)));
}

/// <summary>
/// The exporters and servers of one command: a MeterProvider and TracerProvider listening to "EconomySim", the
/// Prometheus scrape endpoint, OTLP, the console, and the dashboard server. Runs are watched through <see cref="Observe"/>.
/// </summary>
public sealed class TelemetrySession : IAsyncDisposable
{
    private readonly TelemetrySettings _settings;
    private readonly MeterProvider? _meters;
    private readonly TracerProvider? _tracers;
    private readonly List<RunTelemetry> _runs = [];
    private DashboardServer? _dashboard;

    private TelemetrySession(TelemetrySettings settings, MeterProvider? meters, TracerProvider? tracers)
    {
        _settings = settings;
        _meters = meters;
        _tracers = tracers;
        Feed = settings.Dashboard is null ? null : new DashboardFeed();
    }

    public DashboardFeed? Feed { get; }

    /// <summary>The dashboard's address once it is serving.</summary>
    public Uri? DashboardAddress => _dashboard?.Address;

    /// <summary>The Prometheus scrape address, if one is served.</summary>
    public Uri? PrometheusAddress => _settings.Prometheus is { } p ? new Uri($"{HttpPrefix(p)}metrics") : null;

    /// <summary>Starts what the settings ask for. Lines for the user (where things listen) go to <paramref name="notices"/>.</summary>
    public static async Task<TelemetrySession> StartAsync(TelemetrySettings settings, TextWriter notices, CancellationToken cancellationToken = default)
    {
        EconomySimTelemetry.EnsureCreated();
        var resource = ResourceBuilder.CreateDefault().AddService("economysim", serviceVersion: typeof(TelemetrySession).Assembly.GetName().Version?.ToString());
        MeterProvider? meters = null;
        TracerProvider? tracers = null;
        if (settings.Metrics)
        {
            var builder = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(EconomySimTelemetry.Name);
            if (settings.Prometheus is { } prometheus)
                builder.AddPrometheusHttpListener(o =>
                {
                    o.Host = HttpHost(prometheus);
                    o.Port = prometheus.Port;
                });
            if (settings.Otlp) builder.AddOtlpExporter();
            if (settings.Console) builder.AddConsoleExporter();
            meters = builder.Build();
        }
        if (settings.Traces)
        {
            var builder = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(EconomySimTelemetry.Name);
            if (settings.Otlp) builder.AddOtlpExporter();
            if (settings.Console) builder.AddConsoleExporter();
            tracers = builder.Build();
        }
        var session = new TelemetrySession(settings, meters, tracers);
        if (settings.Prometheus is { } p)
            await notices.WriteLineAsync($"Prometheus metrics at {session.PrometheusAddress}{Exposure(p)}");
        if (settings.Otlp)
            await notices.WriteLineAsync($"Sending metrics and traces by OTLP to {OtlpTarget()}");
        if (settings.Dashboard is { } d)
        {
            session._dashboard = await DashboardServer.StartAsync(session.Feed!, d, cancellationToken);
            await notices.WriteLineAsync($"{settings.DashboardName} at {session._dashboard.Address}{Exposure(d)}");
        }
        return session;
    }

    /// <summary>An observer for one run, to pass to the engine in <see cref="Engine.RunOptions.Observer"/>.</summary>
    public RunTelemetry Observe(RunLabels labels)
    {
        var run = new RunTelemetry(labels, _settings.Metrics, Feed);
        lock (_runs) _runs.Add(run);
        return run;
    }

    /// <summary>A line saying when an address is reachable from other machines, because the user named it.</summary>
    public static string Exposure(IPEndPoint endpoint) => IPAddress.IsLoopback(endpoint.Address)
        ? ""
        : endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any)
            ? $" (listening on every network interface, as asked: other machines can reach it)"
            : $" (listening on {endpoint.Address}, as asked: other machines can reach it)";

    private static string HttpHost(IPEndPoint endpoint) =>
        endpoint.Address.Equals(IPAddress.Any) || endpoint.Address.Equals(IPAddress.IPv6Any) ? "*"
        : endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]"
        : endpoint.Address.ToString();

    private static string HttpPrefix(IPEndPoint endpoint) =>
        $"http://{(HttpHost(endpoint) == "*" ? "localhost" : HttpHost(endpoint))}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}/";

    private static string OtlpTarget()
    {
        var endpoint = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        var protocol = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_PROTOCOL");
        return $"{(string.IsNullOrWhiteSpace(endpoint) ? "the endpoints in OTEL_EXPORTER_OTLP_*_ENDPOINT" : endpoint)} ({(string.IsNullOrWhiteSpace(protocol) ? "grpc" : protocol)})";
    }

    /// <summary>Flushes the exporters (OTLP sends what it holds) and stops the servers.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_runs)
        {
            foreach (var run in _runs) run.Dispose();
            _runs.Clear();
        }
        _tracers?.ForceFlush(5_000);
        _meters?.ForceFlush(5_000);
        _tracers?.Dispose();
        _meters?.Dispose();
        if (_dashboard is not null) await _dashboard.DisposeAsync();
    }
}
