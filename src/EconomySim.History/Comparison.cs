using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.History;

/// <summary>One stored run's outcome table and where it belongs: its group (a variant, or the run itself) and seed.</summary>
public sealed record ComparedRun(string RunId, string Group, long Seed, RunOutcomes Outcomes);

/// <summary>
/// One line of a comparison: a metric in a year, each group's estimate, and each group's difference from the first, the
/// first group less that group (the first named minus the second, as an experiment's clauses are read).
/// </summary>
public sealed record ComparisonRow(string Metric, string Unit, int Year, IReadOnlyList<Estimate> Groups, IReadOnlyList<Estimate?> DifferencesFromFirst);

public sealed record Comparison(IReadOnlyList<string> Groups, IReadOnlyList<ComparisonRow> Rows);

public static class Comparisons
{
    /// <summary>
    /// Puts runs side by side per year. Runs in one group are replications: each group gets a mean with its 95% interval,
    /// and the first group less each other group is paired by seed where the groups share seeds (otherwise a difference
    /// of means without an interval).
    /// </summary>
    public static Comparison Compare(IReadOnlyList<ComparedRun> runs, IReadOnlyList<Metric> metrics)
    {
        var groups = runs.Select(r => r.Group).Distinct().ToList();
        var years = runs[0].Outcomes.Years.Select(y => y.Year).ToList();
        var rows = new List<ComparisonRow>();
        foreach (var metric in metrics)
        {
            var info = MetricCatalogue.Info(metric);
            foreach (var year in years)
            {
                var bySeed = groups.Select(g => runs.Where(r => r.Group == g && r.Outcomes.Years.Any(y => y.Year == year))
                    .GroupBy(r => r.Seed).ToDictionary(s => s.Key, s => (double)s.First().Outcomes.Years.First(y => y.Year == year).Display(metric))).ToList();
                if (bySeed.Any(s => s.Count == 0)) continue;
                var estimates = bySeed.Select(s => Statistics.Describe(s.Values.ToList())).ToList();
                var differences = new List<Estimate?> { null };
                for (var g = 1; g < groups.Count; g++)
                {
                    // Replications are paired by seed (common random numbers); groups that share no seed get a difference of means.
                    var shared = bySeed[0].Keys.Intersect(bySeed[g].Keys).Order().ToList();
                    differences.Add(shared.Count > 0
                        ? Statistics.PairedDifference(shared.Select(seed => bySeed[0][seed]).ToList(), shared.Select(seed => bySeed[g][seed]).ToList())
                        : Statistics.Describe([estimates[0].Mean - estimates[g].Mean]));
                }
                rows.Add(new ComparisonRow(info.Name, info.Unit, year, estimates, differences));
            }
        }
        return new Comparison(groups, rows);
    }
}
