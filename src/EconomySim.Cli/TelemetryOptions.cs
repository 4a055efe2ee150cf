using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using EconomySim.Telemetry;

namespace EconomySim.Cli;

/// <summary>The options that watch a run: live dashboard, Prometheus, OTLP, console, pace. None of them changes the run.</summary>
public sealed class TelemetryOptions
{
    public const int DefaultDashboardPort = 5180;

    public Option<bool> Dashboard { get; } = new("--dashboard")
    {
        Description = "Serve a live dashboard of the run in the browser (see --port)",
    };

    public Option<IPEndPoint> Port { get; } = new("--port")
    {
        Description = $"Where the dashboard listens: PORT or HOST:PORT (default 127.0.0.1:{DefaultDashboardPort}; 0 picks a free port)",
        DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, DefaultDashboardPort),
        CustomParser = Endpoint("--port"),
    };

    public Option<IPEndPoint?> Prometheus { get; } = new("--prometheus")
    {
        Description = "Serve Prometheus metrics at http://HOST:PORT/metrics: PORT or HOST:PORT (host default 127.0.0.1)",
        CustomParser = Endpoint("--prometheus"),
    };

    public Option<bool> Otlp { get; } = new("--otlp")
    {
        Description = "Export metrics and traces by OTLP (on by itself when OTEL_EXPORTER_OTLP_ENDPOINT is set; configured by the OTEL_EXPORTER_OTLP_* variables)",
    };

    public Option<bool> ConsoleTelemetry { get; } = new("--telemetry-console")
    {
        Description = "Print metrics and spans on standard output, for debugging",
    };

    public Option<TimeSpan> Pace { get; } = new("--pace")
    {
        Description = "Take at least this long per simulated month (e.g. 200ms, 1s) so a run can be watched; the history is unchanged",
        CustomParser = result => ParseDuration(result, "--pace"),
    };

    public Option<TimeSpan?> Linger { get; } = new("--linger")
    {
        Description = "With --dashboard or --prometheus: keep serving this long after the run ends (e.g. 30s; default: until Ctrl+C)",
        CustomParser = result => ParseDuration(result, "--linger"),
    };

    public IEnumerable<Option> All => [Dashboard, Port, Prometheus, Otlp, ConsoleTelemetry, Pace, Linger];

    public TelemetrySettings Settings(ParseResult parse) => new(
        Prometheus: parse.GetValue(Prometheus),
        Dashboard: parse.GetValue(Dashboard) ? parse.GetValue(Port) : null,
        Otlp: parse.GetValue(Otlp) || TelemetrySettings.OtlpConfigured(Environment.GetEnvironmentVariable),
        Console: parse.GetValue(ConsoleTelemetry));

    /// <summary>Checks combinations that cannot work, before anything runs.</summary>
    public void Validate(ParseResult parse, bool json)
    {
        if (json && parse.GetValue(ConsoleTelemetry))
            throw new UsageException("--telemetry-console prints on standard output, which --json keeps for its JSON; use one or the other");
        if (parse.GetResult(Port) is { Implicit: false } && !parse.GetValue(Dashboard))
            throw new UsageException("--port sets where the dashboard listens; add --dashboard");
    }

    /// <summary>Starts the exporters and servers; an address that cannot be listened on is bad input, said in one line.</summary>
    public static async Task<TelemetrySession> StartAsync(TelemetrySettings settings, TextWriter notices, CancellationToken cancellation)
    {
        try
        {
            // The scrape endpoint's listener cannot take port 0 itself, so a free port is found for it, as for the dashboard.
            if (settings.Prometheus is { Port: 0 } any)
            {
                using var probe = new System.Net.Sockets.TcpListener(any.Address, 0);
                probe.Start();
                settings = settings with { Prometheus = new IPEndPoint(any.Address, ((IPEndPoint)probe.LocalEndpoint).Port) };
            }
            return await TelemetrySession.StartAsync(settings, notices, cancellation);
        }
        catch (Exception e) when (e is IOException or HttpListenerException or System.Net.Sockets.SocketException
            || e is InvalidOperationException { InnerException: HttpListenerException })
        {
            var where = string.Join(" or ", new[] { settings.Dashboard?.ToString(), settings.Prometheus?.ToString() }.OfType<string>());
            throw new UsageException($"cannot listen on {where}: {e.GetBaseException().Message}; choose another port (--port, --prometheus)");
        }
    }

    /// <summary>
    /// After the run, keeps the dashboard and the scrape endpoint up, for the time asked or until Ctrl+C, so the last
    /// values can still be read and scraped.
    /// </summary>
    public async Task LingerAsync(ParseResult parse, TelemetrySession session, TextWriter notices, CancellationToken cancellation)
    {
        if (session.DashboardAddress is null && session.PrometheusAddress is null) return;
        var linger = parse.GetValue(Linger);
        if (linger == TimeSpan.Zero) return;
        var what = string.Join(" and ", new[] { session.DashboardAddress?.ToString(), session.PrometheusAddress?.ToString() }.OfType<string>());
        await notices.WriteLineAsync(linger is { } time
            ? $"Serving {what} for {time.TotalSeconds:0.#} s."
            : $"Serving {what}. Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(linger ?? Timeout.InfiniteTimeSpan, cancellation);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C after a finished run ends the command normally.
        }
    }

    private static Func<ArgumentResult, IPEndPoint> Endpoint(string name) => result =>
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (ListenAddress.TryParse(token, out var endpoint, out var error)) return endpoint;
        result.AddError($"{name}: {error}");
        return new IPEndPoint(IPAddress.Loopback, 0);
    };

    /// <summary>A duration such as 250ms, 2s or 1m. A number without a unit is refused (only 0 needs none): 2 could mean two milliseconds or two seconds.</summary>
    public static TimeSpan ParseDuration(ArgumentResult result, string name)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        var (digits, scale) = token switch
        {
            _ when token.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (token[..^2], 1.0),
            _ when token.EndsWith('s') || token.EndsWith('S') => (token[..^1], 1000.0),
            _ when token.EndsWith('m') || token.EndsWith('M') => (token[..^1], 60_000.0),
            "0" => (token, 1.0),
            _ => ("", 1.0),
        };
        if (digits.Length == 0 && double.TryParse(token, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            result.AddError($"{name}: '{token}' has no unit; a duration needs one: ms, s or m (e.g. {token}ms or {token}s)");
            return TimeSpan.Zero;
        }
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value * scale > TimeSpan.FromHours(24).TotalMilliseconds)
        {
            result.AddError($"{name}: '{token}' is not a duration; give e.g. 200ms, 1.5s or 2m (at most 24 hours)");
            return TimeSpan.Zero;
        }
        return TimeSpan.FromMilliseconds(value * scale);
    }
}
