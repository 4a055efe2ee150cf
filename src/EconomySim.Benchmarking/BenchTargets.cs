using System.Globalization;
using MathNet.Numerics.Statistics;

namespace EconomySim.Benchmarking;

/// <summary>One headline figure with its target, if it has one.</summary>
/// <param name="Passed">Whether the target holds; null for a figure that is only reported.</param>
public sealed record BenchFigure(string Key, string What, double Value, string Unit, string? Target, bool? Passed);

/// <summary>The targets of issues 6 and 18 as pure functions of the measurements, so a table and its verdicts cannot disagree.</summary>
public static class BenchTargets
{
    /// <summary>Two cores can at best halve one core's time; the barrier and the clock may take a fifth more than that.</summary>
    public const double EngineOverSequential = 0.7;
    /// <summary>Growing no faster than linearly, with a twentieth to spare: scale 100 at most 105 times scale 1.</summary>
    public const double LinearSlack = 1.05;
    public const long PeakMemoryBytes = 2L << 30;
    /// <summary>What 100 replications took before issue 18: no change may make them slower.</summary>
    public const double ReplicationSeconds = 108;
    /// <summary>A fresh `economysim run` may take at most this much longer than the same run on a warm engine.</summary>
    public const double FreshOverWarm = 1.3;
    /// <summary>A fresh `economysim run`, from start to exit: what a researcher waits for at the terminal.</summary>
    public const double FreshProcessSeconds = 3;
    public const int ReplicationRuns = 100;
    public const double PersistedTenYearsSeconds = 10;
    public const double PersistingOverBulk = 0.5;
    public const int DesignRuns = 10_000;
    public const double DesignSeconds = 360;
    public const double DesignRunsPerSecond = 30;

    /// <summary>The target is for ten years; other lengths are judged pro rata.</summary>
    public static BenchFigure PersistedRun(int years, int pairs, double seconds)
    {
        return AtMost("persisted_seconds", $"run persisted to SQLite, {(years == 1 ? "1 year" : $"{years} years")}, warm, median of {pairs}", seconds, 3, "s",
            PersistedTenYearsSeconds * years / 10);
    }

    /// <summary>
    /// Events persisted per second against events bulk-inserted per second: the bulk insert's time over the time that
    /// persisting adds to the same run unpersisted.
    /// </summary>
    public static BenchFigure PersistingRate(double persistedSeconds, double unpersistedSeconds, double bulkSeconds)
    {
        // Two cores can make persisting look free in one pair; a thousandth of a second keeps the rate finite.
        var rate = bulkSeconds / Math.Max(persistedSeconds - unpersistedSeconds, 0.001);
        return AtLeast("persisting_over_bulk_insert", "rate of persisting events / rate of bulk-inserting the same journal rows", rate, 3, "ratio", PersistingOverBulk);
    }

    /// <summary>
    /// The least engine / sequential time the machine allows an engine that starts every activation with an Akka.NET
    /// message (the letters ride in it): the reference's work shared perfectly over two threads, at the speed two
    /// threads ran at in the same rounds (half the time two references took at once), plus those messages at the rate
    /// the same machine's ping-pong reaches with nothing to compute. Where it is above the target, the target cannot be
    /// met by any barrier or allocation work. Two threads of a virtual machine do not always get two cores' work done:
    /// taking half of one reference's time instead would assume they do.
    /// </summary>
    public static BenchFigure EngineFloor(long messages, double pingPongMessagesPerSecond, double sequentialSeconds, double twoReferencesSeconds) =>
        new("engine_over_sequential_floor",
            $"least engine / sequential time the machine allowed: half the time two references took at once, plus its {messages:N0} actor messages (one an activation) at the ping-pong's rate",
            Math.Round((twoReferencesSeconds / 2 + messages / pingPongMessagesPerSecond) / sequentialSeconds, 3), "ratio", null, null);

    /// <summary>
    /// The engine's time over the reference's in each round, median of the rounds: a round's two runs follow one another
    /// and see the same minute, so each round is a pair, and the ratio of the two medians would set one round's engine
    /// against another round's reference.
    /// </summary>
    public static BenchFigure EngineRatio(double medianOfRoundRatios) =>
        AtMost("engine_over_sequential", "actor engine time / sequential reference time in the same round, median of the rounds", medianOfRoundRatios, 3,
            "ratio", EngineOverSequential);

    /// <summary>
    /// A line's round trip between the two cores, in nanoseconds, from which they count as far apart. The host of the
    /// machine the README's figures come from gives its two cores either 80 to 130 ns (cores that share a cache) or 430
    /// to 500 ns, and moves from one to the other within minutes (docs/PERFORMANCE.md, "Two cores near or far").
    /// </summary>
    public const double FarApartRoundTripNanoseconds = 300;

    /// <summary>
    /// The engine's ratio over the rounds whose cores were near and, apart, over those whose cores were far apart, each
    /// the median of its rounds: reported beside the target's figure, so that a ratio over the target is read with
    /// where the host put the cores. A distance no round had gives no figure.
    /// </summary>
    /// <param name="roundTrips">Each round's round trip, in the order of <paramref name="roundRatios"/>.</param>
    public static IReadOnlyList<BenchFigure> EngineRatioByCoreDistance(IReadOnlyList<double> roundRatios, IReadOnlyList<double> roundTrips)
    {
        // Checked as it is called: an iterator would check only once its figures were read.
        ArgumentOutOfRangeException.ThrowIfNotEqual(roundTrips.Count, roundRatios.Count);
        var figures = new List<BenchFigure>(2);
        foreach (var farApart in new[] { false, true })
        {
            var rounds = roundRatios.Where((_, i) => (roundTrips[i] >= FarApartRoundTripNanoseconds) == farApart).ToArray();
            if (rounds.Length == 0) continue;
            var (key, distance) = farApart
                ? ("far", $"far apart (a round trip of {FarApartRoundTripNanoseconds} ns or more)")
                : ("near", $"near (a round trip under {FarApartRoundTripNanoseconds} ns)");
            figures.Add(new($"engine_over_sequential_cores_{key}",
                $"actor engine time / sequential reference time in the same round, median of the {rounds.Length} of {roundRatios.Count} rounds with the cores {distance}",
                Math.Round(rounds.Median(), 3), "ratio", null, null));
        }
        return figures;
    }

    public static BenchFigure ScaleTime(int scale, int baseScale, double seconds, double baseSeconds) =>
        AtMost($"time_scale_{scale}_over_scale_{baseScale}", $"time at scale {scale} / time at scale {baseScale}", seconds / baseSeconds, 2, "ratio",
            LinearSlack * scale / baseScale);

    /// <summary>The garbage collector's pauses while a scale's run simulated, with their share of its time: reported.</summary>
    public static BenchFigure CollectorPauses(int scale, double pausedSeconds, double seconds) =>
        new($"collector_pauses_scale_{scale}", $"the collector's pauses in scale {scale}'s run ({(100 * pausedSeconds / seconds).ToString("F0", CultureInfo.InvariantCulture)} % of its time)",
            Math.Round(pausedSeconds, 2), "s", null, null);

    /// <summary>
    /// The scale ratio with the collector's pauses taken out of both runs: reported, to tell the organisations' own work
    /// from the collector's, whose pauses grow faster than the economy.
    /// </summary>
    public static BenchFigure ScaleTimeOutsideCollector(int scale, int baseScale, double seconds, double baseSeconds) =>
        new($"time_outside_collector_scale_{scale}_over_scale_{baseScale}",
            $"time at scale {scale} / time at scale {baseScale}, the collector's pauses taken out of both", Math.Round(seconds / baseSeconds, 2), "ratio", null, null);

    public static BenchFigure ScaleMemory(int scale, int baseScale, long bytes, long baseBytes) =>
        AtMost($"memory_scale_{scale}_over_scale_{baseScale}", $"peak memory at scale {scale} / at scale {baseScale}", (double)bytes / baseBytes, 2, "ratio",
            LinearSlack * scale / baseScale);

    public static BenchFigure PeakMemory(int scale, long bytes) =>
        AtMost($"peak_memory_scale_{scale}", $"peak working set at scale {scale}", bytes / (double)(1L << 30), 3, "GiB", PeakMemoryBytes / (double)(1L << 30));

    /// <summary>The simulation wall time a fresh process reports over the warm engine's in the same round, median of the rounds.</summary>
    public static BenchFigure FreshOverWarmEngine(double ratio) =>
        AtMost("fresh_over_warm_engine", "fresh process's simulation time / warm engine time in the same round, median of the rounds", ratio, 3, "ratio", FreshOverWarm);

    /// <summary>
    /// The target is for ten years. Start-up does not shrink with a shorter run, so a shorter one keeps the same bound
    /// and a longer one gets the extra years' share of it.
    /// </summary>
    public static BenchFigure FreshProcess(int years, double seconds) =>
        AtMost("fresh_process_seconds", $"fresh `economysim run`, {BenchPlan.YearsText(years)}, no store, start to exit", seconds, 3, "s",
            FreshProcessSeconds * Math.Max(years, 10) / 10);

    /// <summary>The target is for 100 runs; fewer runs are judged pro rata (a smoke run, not the figure itself).</summary>
    public static BenchFigure Replications(int runs, double seconds) =>
        AtMost("replications_seconds", $"{runs} replication{(runs == 1 ? "" : "s")}, wall time", seconds, 2, "s", ReplicationSeconds * runs / ReplicationRuns);

    /// <summary>Many small runs of a design, a second: the rate a calibration or sensitivity study is limited by.</summary>
    public static BenchFigure DesignRate(int runs, double seconds) =>
        AtLeast("design_runs_per_second", $"design runs a second ({runs:N0} small runs through the experiment runner, no store)", runs / seconds, 1, "runs/s",
            DesignRunsPerSecond);

    /// <summary>The target is for 10,000 runs; fewer runs are judged pro rata (a smoke run, not the figure itself).</summary>
    public static BenchFigure DesignTime(int runs, double seconds) =>
        AtMost("design_seconds", $"a design of {runs:N0} runs, wall time", seconds, 3, "s", DesignSeconds * runs / DesignRuns);

    /// <summary>
    /// A figure shown to <paramref name="decimals"/> places whose target is an upper bound. The verdict is the shown
    /// value against the shown bound, so that whoever reads the table reaches the same verdict as the bench, even for a
    /// value that rounding carries across the bound. Bounds pro rata (a short bench's) are shown to the millionth, not
    /// rounded to two places: 0.288 s for eight design runs is not 0.29.
    /// </summary>
    private static BenchFigure AtMost(string key, string what, double value, int decimals, string unit, double bound)
    {
        var (shown, shownBound) = (Math.Round(value, decimals), Math.Round(bound, 6));
        return new(key, what, shown, unit, $"<= {shownBound.ToString(CultureInfo.InvariantCulture)}", shown <= shownBound);
    }

    /// <summary>A figure whose target is a lower bound, judged as <see cref="AtMost"/> is.</summary>
    private static BenchFigure AtLeast(string key, string what, double value, int decimals, string unit, double bound)
    {
        var (shown, shownBound) = (Math.Round(value, decimals), Math.Round(bound, 6));
        return new(key, what, shown, unit, $">= {shownBound.ToString(CultureInfo.InvariantCulture)}", shown >= shownBound);
    }
}
