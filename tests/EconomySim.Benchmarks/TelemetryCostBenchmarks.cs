using System.Diagnostics;
using System.Net;
using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace EconomySim.Benchmarks;

/// <summary>
/// What telemetry costs a run: England, 10 simulated years, no store, once with nothing watching and once with
/// everything on as a user would have it: the EconomySim meter exported to a Prometheus endpoint that is scraped every
/// second, every span (years, phases, negotiations) through a batch exporter, and the live dashboard served to a
/// connected browser stream. The budget is 10% (issue 5).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 7)]
[MemoryDiagnoser]
public class TelemetryCostBenchmarks
{
    private EconomyDefinition _england = null!;
    private ActorSystem _system = null!;
    private TelemetrySession _session = null!;
    private TracerProvider _tracers = null!;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private int _runs;

    /// <summary>What "on" turns on: all (the default), or one of metrics, traces, dashboard to see where the cost is.</summary>
    public string Components { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        _england = BenchmarkSetup.England(years: 10);
        _system = BenchmarkSetup.QuietActorSystem();
        var prometheus = new IPEndPoint(IPAddress.Loopback, EconomySim.Testing.FreePort.OnLoopback());
        _session = TelemetrySession.StartAsync(new TelemetrySettings(Prometheus: prometheus, Dashboard: new IPEndPoint(IPAddress.Loopback, 0)), TextWriter.Null)
            .GetAwaiter().GetResult();
        _tracers = Sdk.CreateTracerProviderBuilder().AddSource(EconomySimTelemetry.Name)
            .AddProcessor(new BatchActivityExportProcessor(new DiscardingExporter())).Build();
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        _clients.Add(Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await http.GetStringAsync(_session.PrometheusAddress, _stop.Token);
                await Task.Delay(1000, _stop.Token);
            }
        }));
        _clients.Add(Task.Run(async () =>
        {
            using var stream = await http.GetStreamAsync(new Uri(_session.DashboardAddress!, "api/stream"), _stop.Token);
            var buffer = new byte[1 << 16];
            while (await stream.ReadAsync(buffer, _stop.Token) > 0) { }
        }));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _stop.Cancel();
        try
        {
            Task.WaitAll([.. _clients], TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The clients end by cancellation.
        }
        _tracers.Dispose();
        _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _system.Terminate().Wait();
    }

    [Benchmark(Baseline = true, Description = "telemetry off")]
    public string Off() => SimulationEngine.RunAsync(_system, _england, 1, $"off-{++_runs}").GetAwaiter().GetResult().Digest;

    [Benchmark(Description = "metrics, traces and dashboard on")]
    public string On()
    {
        var id = $"on-{++_runs}";
        var labels = RunLabels.For(id, _england);
        using var telemetry = Components switch
        {
            "metrics" => new RunTelemetry(labels, metrics: true),
            "traces" => new RunTelemetry(labels, metrics: false),
            "dashboard" => new RunTelemetry(labels, metrics: false, _session.Feed),
            _ => _session.Observe(labels),
        };
        return SimulationEngine.RunAsync(_system, _england, 1, id, new RunOptions { Observer = telemetry }).GetAwaiter().GetResult().Digest;
    }

    /// <summary>
    /// The same two runs, alternated in one process (off then on, then on then off, ...), timed in pairs. On a machine
    /// shared with other work the load drifts between BenchmarkDotNet's blocks of iterations; a pair's two runs see
    /// nearly the same load, so the median ratio of pairs measures the telemetry rather than the neighbours.
    /// </summary>
    public static void Paired(int pairs, string components, TextWriter output)
    {
        var bench = new TelemetryCostBenchmarks { Components = components };
        bench.Setup();
        // Spans are only made while a tracer provider listens.
        if (components is "metrics" or "dashboard") bench._tracers.Dispose();
        try
        {
            bench.Off();
            bench.On();
            var off = new List<double>();
            var on = new List<double>();
            for (var i = 0; i < pairs; i++)
            {
                var offFirst = i % 2 == 0;
                var first = Time(offFirst ? bench.Off : bench.On);
                var second = Time(offFirst ? bench.On : bench.Off);
                off.Add(offFirst ? first : second);
                on.Add(offFirst ? second : first);
            }
            var ratios = off.Zip(on, (a, b) => b / a).ToList();
            output.WriteLine($"England, 10 years, {pairs} alternated pairs of runs, telemetry on: {components}");
            output.WriteLine($"telemetry off: median {Median(off):0.000} s (min {off.Min():0.000} s)");
            output.WriteLine($"telemetry on: median {Median(on):0.000} s (min {on.Min():0.000} s)");
            output.WriteLine($"on/off: median of pair ratios {Median(ratios):0.000}, ratio of minimums {on.Min() / off.Min():0.000}");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private static double Time(Func<string> run)
    {
        var stopwatch = Stopwatch.StartNew();
        run();
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }


    /// <summary>Takes every batch of spans and drops it: the cost measured is making and batching spans, not a network.</summary>
    private sealed class DiscardingExporter : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }
}
