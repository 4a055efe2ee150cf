using EconomySim.Designs.Calibration;
using EconomySim.Domain.Runs;
using EconomySim.Scenarios.Targets;

namespace EconomySim.Experiments;

/// <summary>One (series, year) of a target file that a calibration judges, and the calibration's view of it.</summary>
public sealed record CalibrationYear(TargetSeries Series, int Year, CalibrationTarget Target);

/// <summary>
/// A target file read as calibration targets: one per (series, year) that has a tolerance and falls within the run's
/// years (and the years asked for). The tolerance (a relative tolerance r of a target z is r |z|) is read as three
/// standard deviations of the observation error, V_obs = (tolerance / 3)^2, so that with one run and no model
/// discrepancy a point is non-implausible at the cut-off of 3 exactly when <c>fit</c> finds it within tolerance. Series
/// without a tolerance are reported by <c>fit</c> but not judged, so they are left out here too.
/// </summary>
public static class CalibrationTargets
{
    /// <summary>Standard deviations of the observation error in a target's tolerance: the implausibility cut-off.</summary>
    public const double SdsPerTolerance = 3;

    /// <param name="discrepancy">Model discrepancy as a share of the observation error's standard deviation: V_md = discrepancy^2 x V_obs. 0 by default.</param>
    /// <exception cref="FitException">No target with a tolerance falls within the run's years.</exception>
    public static IReadOnlyList<CalibrationYear> From(TargetSet targets, IReadOnlyList<int> runYears, YearSpan? years = null, double discrepancy = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(runYears);
        if (!(discrepancy >= 0) || !double.IsFinite(discrepancy)) throw new ArgumentOutOfRangeException(nameof(discrepancy), "model discrepancy is a share of the tolerance, at least 0");
        var list = new List<CalibrationYear>();
        foreach (var series in targets.Series.Where(s => s.Tolerance is not null))
            foreach (var year in series.Years.Where(y => runYears.Contains(y) && (years?.Contains(y) ?? true)))
            {
                var observed = (double)series.Values[year];
                var tolerance = series.Tolerance!.Kind == ToleranceKind.Relative ? (double)series.Tolerance.Limit * Math.Abs(observed) : (double)series.Tolerance.Limit;
                var sd = tolerance / SdsPerTolerance;
                list.Add(new CalibrationYear(series, year, new CalibrationTarget($"{series.Id} {year}", observed, sd * sd, discrepancy * discrepancy * sd * sd)));
            }
        if (list.Count == 0)
            throw new FitException(FitProblem.NoTargetYearInRun,
                $"no series with a tolerance has a year of the run ({Fit.Describe(runYears)}); a calibration judges only series with a tolerance");
        if (list.FirstOrDefault(t => t.Target.Problem() is not null) is { } bad)
            throw new FitException(FitProblem.NoTargetYearInRun, $"{bad.Target.Problem()}: a relative tolerance of a target of 0 leaves no room; give the series an absolute tolerance");
        return list;
    }

    /// <summary>The values of every target in one run's outcomes, in the targets' display units (as <c>fit</c> reads them).</summary>
    public static double[] Read(IReadOnlyList<CalibrationYear> targets, RunOutcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(outcomes);
        var byYear = outcomes.Years.ToDictionary(y => y.Year);
        return targets.Select(t => byYear.TryGetValue(t.Year, out var y) ? (double)y.Display(t.Series.Metric) : double.NaN).ToArray();
    }

    /// <summary>Replications' outcomes at one point as the calibration sees them: per target, the value of each replication.</summary>
    public static PointRuns Gather(IReadOnlyList<CalibrationYear> targets, IReadOnlyList<RunOutcomes> replications)
    {
        ArgumentNullException.ThrowIfNull(replications);
        var values = replications.Select(r => Read(targets, r)).ToList();
        return new PointRuns(Enumerable.Range(0, targets.Count).Select(k => values.Select(v => v[k]).ToArray()).ToList());
    }
}
