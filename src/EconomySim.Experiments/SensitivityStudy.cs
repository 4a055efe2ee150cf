using EconomySim.Designs;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Experiments;

/// <summary>One finished run of a design: its variant, design point and replication (from 0), and its outcomes.</summary>
public sealed record DesignRun(string Variant, int Point, int Replication, RunOutcomes Outcomes);

/// <summary>The sensitivity of one outcome in one year to the design's parameters, within one variant.</summary>
public sealed record OutcomeSensitivity(string Variant, string Metric, string Unit, int Year, SensitivityReport Report);

/// <summary>
/// A design's runs analysed: one report per variant, outcome and year asked for. Unvarying names the outcomes left out
/// because no parameter moved them (the same value at every run), as "metric year".
/// </summary>
public sealed record SensitivityStudyResult(
    DesignRequest Design, IReadOnlyList<string> Parameters, IReadOnlyList<OutcomeSensitivity> Outcomes, IReadOnlyList<string> Unvarying);

/// <summary>
/// Maps an experiment's design runs onto the pure sensitivity analysis: outcomes read as expectations read them
/// (<see cref="ExperimentAnalysis.Value"/>), replications averaged at each design point, a report per variant.
/// </summary>
public static class SensitivityStudy
{
    /// <summary>
    /// The runs a complete design would have and these runs lack, as "variant point replication" (counted from one),
    /// in design order; empty when the design is complete.
    /// </summary>
    public static IReadOnlyList<string> Missing(DesignRequest design, IReadOnlyList<string> variants, int replications,
        IEnumerable<(string Variant, int Point, int Replication)> finished)
    {
        var have = finished.ToHashSet();
        var rows = DesignSampler.RowCount(design);
        return (from v in variants
                from p in Enumerable.Range(0, rows)
                from r in Enumerable.Range(0, replications)
                where !have.Contains((v, p, r))
                select $"{v} p{p + 1} r{r + 1}").ToList();
    }

    /// <param name="parameters">The design's parameter keys, in the order of its columns.</param>
    /// <param name="pointValues">Each design point's parameter values, in the order of <paramref name="parameters"/>.</param>
    /// <param name="metrics">Outcomes to analyse; null for every metric of the catalogue that varies.</param>
    /// <param name="years">Years to analyse; null for the last year of the runs.</param>
    public static SensitivityStudyResult Analyse(DesignRequest design, IReadOnlyList<string> parameters, IReadOnlyList<IReadOnlyList<double>> pointValues,
        IReadOnlyList<DesignRun> runs, IReadOnlyList<string>? metrics, IReadOnlyList<int>? years, BootstrapOptions bootstrap)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("a design with no runs has nothing to analyse", nameof(runs));
        if (parameters.Count != design.Dimension || pointValues.Count != DesignSampler.RowCount(design))
            throw new ArgumentException($"a design of {design.Dimension} parameters and {DesignSampler.RowCount(design)} points; got {parameters.Count} parameters and {pointValues.Count} points' values", nameof(pointValues));
        var unit = DesignSampler.Sample(design).Rows;
        var values = pointValues.Select(v => v.ToArray()).ToList();
        var askedYears = years is { Count: > 0 } ? years : [runs[0].Outcomes.Years[^1].Year];
        var askedMetrics = metrics is { Count: > 0 } ? metrics : MetricCatalogue.All.Select(m => m.Name).ToList();
        var outcomes = new List<OutcomeSensitivity>();
        var unvarying = new List<string>();
        var variants = runs.Select(r => r.Variant).Distinct().ToList();
        foreach (var metric in askedMetrics)
        {
            var info = MetricCatalogue.Find(metric) ?? throw new ArgumentException($"unknown metric {metric}", nameof(metrics));
            foreach (var year in askedYears)
            {
                var reports = variants.Select(variant =>
                {
                    var byPoint = runs.Where(r => r.Variant == variant).GroupBy(r => r.Point)
                        .ToDictionary(g => g.Key, g => (IReadOnlyList<double>)g.OrderBy(r => r.Replication)
                            .Select(r => ExperimentAnalysis.Value(r.Outcomes, metric, year)).ToList());
                    return (Variant: variant, ByPoint: Enumerable.Range(0, unit.Count).Select(p => byPoint[p]).ToList());
                }).ToList();
                var all = reports.SelectMany(r => r.ByPoint.SelectMany(v => v)).ToList();
                // An outcome that is the same in every run (or not a number) has no variance to apportion.
                if (all.Any(v => !double.IsFinite(v)) || all.All(v => v == all[0]))
                {
                    unvarying.Add($"{metric} {year}");
                    continue;
                }
                foreach (var (variant, byPoint) in reports)
                    outcomes.Add(new OutcomeSensitivity(variant, metric, info.Unit, year,
                        SensitivityAnalysis.Analyse(design, unit, values, byPoint, bootstrap)));
            }
        }
        return new SensitivityStudyResult(design, parameters, outcomes, unvarying);
    }
}
