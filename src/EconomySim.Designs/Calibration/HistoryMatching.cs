namespace EconomySim.Designs.Calibration;

/// <param name="Waves">How many waves at most; matching stops early when a wave finds no non-implausible point.</param>
/// <param name="PointsPerWave">Points of each wave's Latin hypercube.</param>
/// <param name="CutOff">Implausibility above which a point is ruled out; 3 by Pukelsheim's (1994) three-sigma rule.</param>
/// <param name="Order">1: judge a point by its largest implausibility over targets; 2: by its second largest, which
/// tolerates one target the model cannot meet (Vernon, Goldstein and Bower 2010).</param>
public sealed record HistoryMatchingSettings(int Waves, int PointsPerWave, long Seed, double CutOff = 3, int Order = 1)
{
    public string? Problem() =>
        Waves < 1 ? "waves must be at least 1"
        : PointsPerWave < 2 ? "points per wave must be at least 2"
        : !(CutOff > 0) || !double.IsFinite(CutOff) ? "the implausibility cut-off must be a positive number"
        : Order is not (1 or 2) ? "the implausibility order must be 1 (maximum over targets) or 2 (second maximum)"
        : null;
}

/// <summary>One point judged against every target.</summary>
/// <param name="Unit">The point in [0,1]^D.</param>
/// <param name="Means">E[f(x)] per target: the mean over replications.</param>
/// <param name="RunVariances">V_run(x) per target: the variance over replications.</param>
/// <param name="Implausibilities">I(x) per target.</param>
/// <param name="Implausibility">The largest (or second largest) of them, against the cut-off.</param>
public sealed record JudgedPoint(int Wave, int Index, double[] Unit, double[] Means, double[] RunVariances, int Replications,
    double[] Implausibilities, double Implausibility, bool NonImplausible);

/// <summary>A wave: the box it sampled, what it found, and the box of its non-implausible points (the next wave's box).</summary>
public sealed record HistoryMatchingWave(int Number, double[] Lower, double[] Upper, IReadOnlyList<JudgedPoint> Points)
{
    public IReadOnlyList<JudgedPoint> NonImplausible => Points.Where(p => p.NonImplausible).ToList();

    public double NonImplausibleShare => Points.Count == 0 ? 0 : (double)Points.Count(p => p.NonImplausible) / Points.Count;
}

/// <param name="Sample">The non-implausible points of the last wave that found any (empty when none did).</param>
/// <param name="Best">The point with the lowest implausibility over all waves.</param>
public sealed record HistoryMatchingResult(IReadOnlyList<HistoryMatchingWave> Waves, IReadOnlyList<JudgedPoint> Sample, JudgedPoint Best)
{
    /// <summary>The bounding box of the non-implausible sample (the whole last box sampled when it is empty).</summary>
    public (double[] Lower, double[] Upper) Bounds => Sample.Count == 0 ? (Waves[^1].Lower, Waves[^1].Upper) : HistoryMatching.BoxOf(Sample);
}

/// <summary>
/// History matching in waves (Craig, Goldstein, Seheult and Smith 1997; Vernon, Goldstein and Bower 2010; Andrianakis
/// et al. 2015), with the simulator evaluated directly at every point rather than through an emulator: a run of the
/// model costs a fraction of a second, so the emulator's own uncertainty is not worth adding. Each wave samples a Latin
/// hypercube in the bounding box of the previous wave's non-implausible points, and rules points out by their
/// implausibility I(x) = |z - E[f(x)]| / sqrt(V_obs + V_md + V_run(x)/n), where V_run(x)/n is the variance of the mean
/// of n replications.
/// </summary>
public static class HistoryMatching
{
    public static async Task<HistoryMatchingResult> RunAsync(IReadOnlyList<CalibrationTarget> targets, int dimension, HistoryMatchingSettings settings,
        BatchSimulator simulator, Action<HistoryMatchingWave>? waveDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(simulator);
        if (targets.Count == 0) throw new ArgumentException("history matching needs at least one target", nameof(targets));
        if (targets.Select(t => t.Problem()).FirstOrDefault(p => p is not null) is { } problem) throw new ArgumentException(problem, nameof(targets));
        if (settings.Problem() is { } bad) throw new ArgumentException(bad, nameof(settings));
        if (settings.Order == 2 && targets.Count < 2) throw new ArgumentException("the second-maximum implausibility needs at least two targets", nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);

        var lower = Enumerable.Repeat(0.0, dimension).ToArray();
        var upper = Enumerable.Repeat(1.0, dimension).ToArray();
        var waves = new List<HistoryMatchingWave>();
        IReadOnlyList<JudgedPoint> sample = [];
        for (var number = 1; number <= settings.Waves; number++)
        {
            // Each wave its own stream, so a wave's design does not depend on how many draws the one before took.
            var design = UnitSampler.LatinHypercube(settings.PointsPerWave, lower, upper, unchecked(settings.Seed + 7919L * number));
            var runs = await simulator(design, new CalibrationRound(number, 1), cancellationToken);
            if (runs.Count != design.Length) throw new InvalidOperationException($"the simulator returned {runs.Count} results for {design.Length} points");
            var points = design.Select((unit, i) => Judge(number, i, unit, runs[i], targets, settings)).ToList();
            var wave = new HistoryMatchingWave(number, lower, upper, points);
            waves.Add(wave);
            waveDone?.Invoke(wave);
            var kept = wave.NonImplausible;
            if (kept.Count == 0) break;
            sample = kept;
            (lower, upper) = BoxOf(kept);
        }
        var best = waves.SelectMany(w => w.Points).MinBy(p => p.Implausibility)!;
        return new HistoryMatchingResult(waves, sample, best);
    }

    /// <summary>Implausibility of one point against every target, and whether it survives the cut-off.</summary>
    public static JudgedPoint Judge(int wave, int index, double[] unit, PointRuns runs, IReadOnlyList<CalibrationTarget> targets, HistoryMatchingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(settings);
        if (runs.ByTarget.Count != targets.Count) throw new ArgumentException($"a point has {runs.ByTarget.Count} outputs for {targets.Count} targets", nameof(runs));
        var means = runs.ByTarget.Select(Replications.Mean).ToArray();
        var variances = runs.ByTarget.Select(Replications.Variance).ToArray();
        var n = runs.ByTarget.Max(r => r.Length);
        var implausibilities = targets.Select((t, k) => Implausibility(t, means[k], variances[k], runs.ByTarget[k].Length)).ToArray();
        var ordered = implausibilities.OrderDescending().ToArray();
        var measure = ordered[Math.Min(settings.Order, ordered.Length) - 1];
        return new JudgedPoint(wave, index, unit, means, variances, n, implausibilities, measure, measure <= settings.CutOff);
    }

    /// <summary>|z - E[f(x)]| / sqrt(V_obs + V_md + V_run(x)/n); infinite when the model gave no value.</summary>
    public static double Implausibility(CalibrationTarget target, double mean, double runVariance, int replications)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (replications < 1 || !double.IsFinite(mean)) return double.PositiveInfinity;
        return Math.Abs(target.Observed - mean) / Math.Sqrt(target.ObservationVariance + target.DiscrepancyVariance + runVariance / replications);
    }

    public static (double[] Lower, double[] Upper) BoxOf(IReadOnlyList<JudgedPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var dimension = points[0].Unit.Length;
        return (Enumerable.Range(0, dimension).Select(d => points.Min(p => p.Unit[d])).ToArray(),
            Enumerable.Range(0, dimension).Select(d => points.Max(p => p.Unit[d])).ToArray());
    }
}
