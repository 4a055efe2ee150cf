using EconomySim.Designs;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Experiments;

namespace EconomySim.Experiments.Tests;

public class SensitivityStudyTests
{
    private const string Outcome = "avoidable_admissions";

    // Runs whose avoidable admissions in the last year are 1000 (3 x1 + 0.2 x2) plus a little replication noise (a seed's
    // shock of opposite sign at alternate points, so common random numbers do not cancel it), whose
    // trusts in deficit differ between replications but not between points, and every other outcome is the same in every run.
    private static (DesignRequest Design, List<IReadOnlyList<double>> Values, List<DesignRun> Runs) Study(string[] variants, int replications)
    {
        var design = new DesignRequest(DesignMethod.Sobol, 2, 64, Seed: 3);
        var rows = DesignSampler.Sample(design).Rows;
        var values = rows.Select(r => (IReadOnlyList<double>)[10 * r[0], 0.5 + r[1]]).ToList();
        var metric = MetricCatalogue.Find(Outcome)!.Metric;
        var runs = new List<DesignRun>();
        foreach (var variant in variants)
            for (var p = 0; p < rows.Count; p++)
                for (var r = 0; r < replications; r++)
                {
                    var last = (long)Math.Round(1000 * (3 * rows[p][0] + 0.2 * rows[p][1])) + (r % 2 == 0 ? 2 : -2) * (p % 2 == 0 ? 1 : -1);
                    runs.Add(new DesignRun(variant, p, r, new RunOutcomes([Year(2019, metric, 7, r), Year(2020, metric, last, r)], [])));
                }
        return (design, values, runs);
    }

    private static YearOutcomes Year(int year, Metric varied, long value, int replication) =>
        new(year, MetricCatalogue.All.ToDictionary(m => m.Metric, m => m.Metric == varied ? value : m.Metric == Metric.TrustsInDeficit ? 5L + replication : 0L));

    [Fact]
    public void Study_ranks_the_parameter_that_moves_an_outcome_first_in_the_last_year_and_reports_the_noise()
    {
        var (design, values, runs) = Study(["base"], replications: 2);
        var result = SensitivityStudy.Analyse(design, ["a", "b"], values, runs, null, null, new BootstrapOptions(200, Seed: 1));
        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal((Outcome, 2020, "base"), (outcome.Metric, outcome.Year, outcome.Variant));
        Assert.Equal(0, outcome.Report.Ranked[0].Parameter);
        Assert.InRange(outcome.Report.Parameters[0].Total!.Value, 0.9, 1.1);
        Assert.Equal(2, outcome.Report.Noise.Replications);
        Assert.InRange(outcome.Report.Noise.Share, 1e-9, 0.01);
        Assert.Contains("trust_surplus 2020", result.Unvarying);
        // Moved only by the replications' noise, the same mean at every point: no parameter moves it.
        Assert.Contains("trusts_in_deficit 2020", result.Unvarying);
    }

    [Fact]
    public void Study_analyses_each_variant_apart_and_the_years_asked()
    {
        var (design, values, runs) = Study(["pbr", "block"], replications: 1);
        var result = SensitivityStudy.Analyse(design, ["a", "b"], values, runs, [Outcome], [2019, 2020], new BootstrapOptions(50));
        Assert.Equal([("pbr", 2020), ("block", 2020)], result.Outcomes.Select(o => (o.Variant, o.Year)));
        Assert.Equal([$"{Outcome} 2019"], result.Unvarying);
    }

    [Fact]
    public void Missing_names_each_run_a_complete_design_would_have()
    {
        var (design, _, study) = Study(["base"], replications: 2);
        var runs = study.Select(r => (r.Variant, r.Point, r.Replication)).ToList();
        Assert.Empty(SensitivityStudy.Missing(design, ["base"], 2, runs));
        runs.RemoveAll(r => r is { Point: 4, Replication: 1 });
        Assert.Equal(["base p5 r2"], SensitivityStudy.Missing(design, ["base"], 2, runs));
        Assert.Equal(256, SensitivityStudy.Missing(design, ["base"], 3, runs).Count(m => m.EndsWith("r3", StringComparison.Ordinal)));
    }
}
