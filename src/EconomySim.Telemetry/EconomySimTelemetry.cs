using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace EconomySim.Telemetry;

/// <summary>
/// The one Meter and the one ActivitySource, both named "EconomySim", and the instruments of the catalogue. Outcome
/// instruments are observable: a run writes its books into arrays once per simulated month and the exporters read them
/// when they collect, so a run pays nothing per letter and nothing at all when no exporter listens.
/// </summary>
public static class EconomySimTelemetry
{
    public const string Name = "EconomySim";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(EconomySimTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Meter Meter = new(Name, typeof(EconomySimTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Lock RunsLock = new();
    private static readonly List<RunTelemetry> Runs = [];

    /// <summary>Created with the meter; recorded at the end of each phase.</summary>
    internal static readonly Histogram<double> PhaseDuration;

    static EconomySimTelemetry()
    {
        foreach (var info in TelemetryCatalogue.Outcomes)
        {
            var metric = (int)info.Outcome!.Value;
            Func<IEnumerable<Measurement<double>>> observe = () => Collect(run => run.ObserveOutcome(metric));
            _ = info.Kind switch
            {
                InstrumentKind.Counter => (Instrument)Meter.CreateObservableCounter(info.Name, observe, info.Unit, info.Meaning),
                InstrumentKind.UpDownCounter => Meter.CreateObservableUpDownCounter(info.Name, observe, info.Unit, info.Meaning),
                _ => Meter.CreateObservableGauge(info.Name, observe, info.Unit, info.Meaning),
            };
        }
        Observable(TelemetryCatalogue.SimulatedTick, run => run.Engine.Ticks);
        Observable(TelemetryCatalogue.TicksPerSecond, run => run.Engine.TicksPerSecond);
        Observable(TelemetryCatalogue.MessagesPerSecond, run => run.Engine.MessagesPerSecond);
        Observable(TelemetryCatalogue.EventsPerSecond, run => run.Engine.EventsPerSecond);
        Observable(TelemetryCatalogue.Phases, run => run.Engine.Phases);
        Observable(TelemetryCatalogue.Messages, run => run.Engine.Messages);
        Observable(TelemetryCatalogue.Events, run => run.Engine.Events);
        // Phases take from tens of microseconds (a handful of organisations) to about a second (England at scale).
        PhaseDuration = Meter.CreateHistogram(TelemetryCatalogue.PhaseDuration.Name, TelemetryCatalogue.PhaseDuration.Unit, TelemetryCatalogue.PhaseDuration.Meaning,
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
    }

    private static void Observable(InstrumentInfo info, Func<RunTelemetry, double> value)
    {
        Func<IEnumerable<Measurement<double>>> observe = () => Collect(run => [new Measurement<double>(value(run), run.RunTags)]);
        _ = info.Kind switch
        {
            InstrumentKind.Counter => (Instrument)Meter.CreateObservableCounter(info.Name, observe, info.Unit, info.Meaning),
            _ => Meter.CreateObservableGauge(info.Name, observe, info.Unit, info.Meaning),
        };
    }

    private static List<Measurement<double>> Collect(Func<RunTelemetry, IEnumerable<Measurement<double>>> observe)
    {
        RunTelemetry[] runs;
        lock (RunsLock) runs = [.. Runs];
        var measurements = new List<Measurement<double>>();
        foreach (var run in runs) measurements.AddRange(observe(run));
        return measurements;
    }

    /// <summary>Makes sure the instruments exist before a MeterProvider is built, so it sees all of them.</summary>
    public static void EnsureCreated() => RuntimeHelpers.RunClassConstructor(typeof(EconomySimTelemetry).TypeHandle);

    internal static void Register(RunTelemetry run)
    {
        lock (RunsLock) Runs.Add(run);
    }

    internal static void Unregister(RunTelemetry run)
    {
        lock (RunsLock) Runs.Remove(run);
    }
}
