using EconomySim.Designs.Calibration;

namespace EconomySim.Experiments;

public enum CalibrationMethod
{
    /// <summary>History matching in waves (Vernon, Goldstein and Bower 2010).</summary>
    HistoryMatching = 0,
    /// <summary>ABC rejection, then sequential Monte Carlo (Toni et al. 2009; Beaumont et al. 2009).</summary>
    Abc = 1,
}

/// <param name="Waves">Waves of history matching, or generations of ABC (the first is the rejection step).</param>
/// <param name="PointsPerWave">Points of each wave, or particles of each ABC population.</param>
/// <param name="Replications">Runs at each point, with the same seeds at every point (common random numbers).</param>
/// <param name="Discrepancy">Model discrepancy's standard deviation as a multiple of each target's observation sd (V_md = share^2 x V_obs); 0 by default.</param>
public sealed record CalibrationSettings(CalibrationMethod Method, int Waves, int PointsPerWave, int Replications, long Seed,
    double Discrepancy = 0, double CutOff = 3, int Order = 1);

/// <summary>A point of the calibrated sample: where it is, its weight in the sample, and what the model gave there.</summary>
/// <param name="Values">Parameter values, in the order of the parameters.</param>
/// <param name="Measure">History matching: the point's implausibility; ABC: its distance.</param>
/// <param name="Means">The mean over replications of each target's model value.</param>
public sealed record CalibratedPoint(double[] Unit, double[] Values, double Weight, double Measure, double[] Means);

/// <summary>A wave or generation as the terminal reports it.</summary>
public sealed record CalibrationStep(int Number, int Points, int Kept, double[] Lower, double[] Upper, string Note);

/// <param name="Best">History matching: the point of lowest implausibility; ABC: the posterior median (its values only).</param>
/// <param name="BestMeans">The model's mean value of each target at the best point, when it was evaluated there (history matching).</param>
public sealed record CalibrationResult(CalibrationSettings Settings, IReadOnlyList<CalibrationStep> Steps, IReadOnlyList<CalibratedPoint> Sample,
    double[] Best, double[]? BestMeans, string? Stopped);

/// <summary>Runs the chosen search over a parameter space whose unit coordinates the caller maps to values.</summary>
public static class CalibrationSearch
{
    /// <param name="valueAt">Maps (parameter, unit coordinate) to the parameter's value through its distribution's quantile function.</param>
    public static async Task<CalibrationResult> RunAsync(IReadOnlyList<CalibrationTarget> targets, int dimension, Func<int, double, double> valueAt,
        CalibrationSettings settings, BatchSimulator simulator, Action<CalibrationStep>? stepDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(valueAt);
        ArgumentNullException.ThrowIfNull(settings);
        double[] Values(double[] unit) => unit.Select((u, d) => valueAt(d, u)).ToArray();
        if (settings.Method == CalibrationMethod.HistoryMatching)
        {
            CalibrationStep Step(HistoryMatchingWave w)
            {
                var (lower, upper) = w.NonImplausible.Count == 0 ? (w.Lower, w.Upper) : HistoryMatching.BoxOf(w.NonImplausible);
                return new CalibrationStep(w.Number, w.Points.Count, w.NonImplausible.Count, Values(lower), Values(upper), $"non-implausible {w.NonImplausibleShare:P1}");
            }
            var hm = await HistoryMatching.RunAsync(targets, dimension, new HistoryMatchingSettings(settings.Waves, settings.PointsPerWave, settings.Seed, settings.CutOff, settings.Order),
                simulator, w => stepDone?.Invoke(Step(w)), cancellationToken);
            var steps = hm.Waves.Select(Step).ToList();
            var weight = hm.Sample.Count == 0 ? 0 : 1.0 / hm.Sample.Count;
            return new CalibrationResult(settings, steps, hm.Sample.Select(p => new CalibratedPoint(p.Unit, Values(p.Unit), weight, p.Implausibility, p.Means)).ToList(),
                Values(hm.Best.Unit), hm.Best.Means,
                hm.Sample.Count == 0 ? $"no wave found a non-implausible point (lowest implausibility {hm.Best.Implausibility:F2}); the best point is written, but nothing fits within the cut-off"
                : hm.Waves[^1].NonImplausible.Count == 0 ? $"wave {hm.Waves.Count} found no non-implausible point, so the search stopped there; the sample is wave {hm.Waves.Count - 1}'s"
                : null);
        }
        var abc = await Abc.RunAsync(targets, dimension, new AbcSettings(settings.Waves, settings.PointsPerWave, settings.Seed), simulator, g =>
            stepDone?.Invoke(Step(g, Values)), cancellationToken);
        return new CalibrationResult(settings, abc.Generations.Select(g => Step(g, Values)).ToList(),
            abc.Posterior.Select(p => new CalibratedPoint(p.Unit, Values(p.Unit), p.Weight, p.Distance, p.Means)).ToList(),
            Values(abc.Median()), null, abc.Stopped);
    }

    private static CalibrationStep Step(AbcGeneration g, Func<double[], double[]> values)
    {
        var dimension = g.Particles[0].Unit.Length;
        var lower = Enumerable.Range(0, dimension).Select(d => g.Particles.Min(p => p.Unit[d])).ToArray();
        var upper = Enumerable.Range(0, dimension).Select(d => g.Particles.Max(p => p.Unit[d])).ToArray();
        return new CalibrationStep(g.Number, g.Proposed, g.Particles.Count, values(lower), values(upper),
            $"tolerance {g.Tolerance:G4}, acceptance {g.AcceptanceRate:P1}");
    }
}
