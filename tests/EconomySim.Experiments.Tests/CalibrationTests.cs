using EconomySim.Designs.Calibration;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Targets;

namespace EconomySim.Experiments.Tests;

/// <summary>A target file read as calibration targets, a run's outcomes read against them, and the files a calibration writes.</summary>
public sealed class CalibrationTests
{
    private static readonly TargetSource Published = new("NHS England", "a series", "2024", null);

    private static TargetSeries Series(string id, Metric metric, Tolerance? tolerance, params (int Year, decimal Value)[] values) =>
        new(id, metric, "what it counts", "unit", Published, tolerance, values.ToDictionary(v => v.Year, v => v.Value), null);

    private static readonly TargetSet Targets = new("targets.yaml", "England", "",
    [
        Series("waits", Metric.WaitingList, new Tolerance(ToleranceKind.Relative, 0.1m), [(2015, 200m), (2016, 300m), (2030, 1m)]),
        Series("share", Metric.WaitingOver18WeeksShare, new Tolerance(ToleranceKind.Absolute, 0.05m), [(2016, 0.9m)]),
        Series("unjudged", Metric.Population, null, [(2016, 1000m)]),
    ]);

    [Fact]
    public void Targets_are_the_judged_series_years_within_the_run_with_the_tolerance_as_three_observation_sds()
    {
        var targets = CalibrationTargets.From(Targets, [2015, 2016, 2017], discrepancy: 0.5);
        Assert.Equal(["waits 2015", "waits 2016", "share 2016"], targets.Select(t => t.Target.Name));
        Assert.Equal(20.0 / 3 * (20.0 / 3), targets[0].Target.ObservationVariance, 9);
        Assert.Equal(10.0 * 10.0, targets[1].Target.ObservationVariance, 9);
        Assert.Equal(0.05 / 3 * (0.05 / 3), targets[2].Target.ObservationVariance, 12);
        Assert.Equal(0.25 * 10.0 * 10.0, targets[1].Target.DiscrepancyVariance, 9);
    }

    [Fact]
    public void Targets_outside_the_run_leave_nothing_to_calibrate_against()
    {
        var e = Assert.Throws<FitException>(() => CalibrationTargets.From(Targets, [2020, 2021]));
        Assert.Contains("no series with a tolerance has a year of the run (2020-2021)", e.Message);
    }

    [Fact]
    public void Replications_are_read_per_target_in_display_units()
    {
        var targets = CalibrationTargets.From(Targets, [2015, 2016]);
        RunOutcomes Run(long waits2015, long waits2016) => new(
        [
            new YearOutcomes(2015, new Dictionary<Metric, long> { [Metric.WaitingList] = waits2015, [Metric.WaitingOver18WeeksShare] = 900 }),
            new YearOutcomes(2016, new Dictionary<Metric, long> { [Metric.WaitingList] = waits2016, [Metric.WaitingOver18WeeksShare] = 850 }),
        ], []);
        var runs = CalibrationTargets.Gather(targets, [Run(210, 290), Run(190, 310)]);
        Assert.Equal([210.0, 190.0], runs.ByTarget[0]);
        Assert.Equal([290.0, 310.0], runs.ByTarget[1]);
        Assert.Equal([0.85, 0.85], runs.ByTarget[2]);
    }

    [Fact]
    public void Written_scenario_extends_the_base_with_the_best_values_and_loads_as_a_scenario()
    {
        var dir = Directory.CreateTempSubdirectory("economysim-calibration-").FullName;
        try
        {
            var configs = Path.Combine(EconomySim.Testing.RepositoryRoot.Directory, "configs");
            foreach (var file in Directory.GetFiles(configs, "*.yaml")) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            var settings = new CalibrationSettings(CalibrationMethod.HistoryMatching, 2, 10, 2, 42);
            var result = new CalibrationResult(settings, [], [], [0.3125, 7.6], [1.0], null);
            var text = CalibrationFiles.Scenario(result, ["commissioning.proposal_probability", "funder.pump_prime_years"], [false, true], "greater-manchester.yaml",
                "gm-calibrated", new CalibrationProvenance("calibrate.yaml", "targets.yaml", "1.2.3+abc", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)), 1);
            Assert.Contains("#   code version: 1.2.3+abc", text);
            Assert.Contains("#   seed 42, 2 wave(s) of 10 point(s), 2 replication(s) a point", text);
            var path = Path.Combine(dir, "calibrated.yaml");
            File.WriteAllText(path, text);
            var scenario = ScenarioLoader.Load(path);
            Assert.Equal("gm-calibrated", scenario.Name);
            Assert.Contains("run it with --years 1", text);
            Assert.Equal(5, scenario.Parameters.Years);
            Assert.Equal(0.3125, scenario.Parameters.Commissioning.ProposalProbability);
            Assert.Equal(8, scenario.Parameters.Funder.PumpPrimeYears);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task History_matching_over_a_mapped_parameter_reports_values_not_unit_coordinates()
    {
        // f(v) = v with v = 10 + 20 u: the truth v = 16 is u = 0.3.
        var targets = new[] { new CalibrationTarget("v", 16, 0.25) };
        BatchSimulator simulator = (points, _, _) => Task.FromResult<IReadOnlyList<PointRuns>>(points.Select(u => new PointRuns([[10 + 20 * u[0]]])).ToList());
        var result = await CalibrationSearch.RunAsync(targets, 1, (_, u) => 10 + 20 * u, new CalibrationSettings(CalibrationMethod.HistoryMatching, 3, 20, 1, 1), simulator);
        Assert.All(result.Sample, p => Assert.InRange(p.Values[0], 16 - 1.5, 16 + 1.5));
        Assert.InRange(result.Best[0], 15.5, 16.5);
        Assert.InRange(16, result.Steps[^1].Lower[0], result.Steps[^1].Upper[0]);
        var csv = CalibrationFiles.SampleCsv(result, ["key.v"], [new CalibrationYear(Series("v", Metric.WaitingList, null, (2016, 16)), 2016, targets[0])]);
        Assert.StartsWith("point,weight,implausibility,key.v,v\n", csv);
        Assert.Equal(result.Sample.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
