using Akka.TestKit.Xunit2;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;
using EconomySim.Testing;

namespace EconomySim.Experiments.Tests;

internal static class Repository
{
    public static string Root => EconomySim.Testing.RepositoryRoot.Directory;

    public static string Config(string relative) => Path.Combine(Root, "configs", relative);

    public static TheoryData<string> Files(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Root, folder), "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }
}

/// <summary>Each shipped scenario run once (seed 1) and shared by the tests that judge it.</summary>
internal static class ShippedRuns
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<(EconomyDefinition Economy, RunSummary Run)>> Runs = new();

    public static (EconomyDefinition Economy, RunSummary Run) Of(string file) =>
        Runs.GetOrAdd(file, f => new(() =>
        {
            var economy = EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config(f)));
            return (economy, SequentialRun.Run(economy, 1));
        })).Value;
}

/// <summary>Every file in configs/ runs with money conserved, and every shipped experiment passes.</summary>
public class ShippedFilesTests : TestKit
{
    public static TheoryData<string> Scenarios => Repository.Files("configs");
    // A design is a study of its own, minutes long: its loading and size are checked by the scenario tests, its runs
    // by the design tests on a small grid.
    public static TheoryData<string> Experiments
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var f in Directory.EnumerateFiles(Repository.Config("experiments"), "*.yaml").Order(StringComparer.Ordinal))
                if (ExperimentLoader.Load(f).Design is null) data.Add(Path.GetFileName(f));
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_scenario_runs_its_whole_length_with_money_conserved(string file)
    {
        var (economy, run) = ShippedRuns.Of(file);
        Assert.Equal(run.Phases, run.PhasesConserved);
        Assert.Equal(economy.Parameters.Years, run.Outcomes.Years.Count);
        Assert.True(run.Outcomes.Years[^1].Values[Metric.EmergencyAdmissions] > 0);
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public async Task Every_shipped_experiment_passes_its_expectations(string file)
    {
        var experiment = ExperimentLoader.Load(Repository.Config(Path.Combine("experiments", file)));
        Assert.InRange(experiment.Replications, 10, 20);
        var runs = await ExperimentRunner.RunAsync(Sys, experiment);
        Assert.Equal(experiment.Variants.Count * experiment.Replications, runs.Runs.Count);
        Assert.All(runs.Runs, r => Assert.Equal(r.Result.Phases, r.Result.PhasesConserved));
        var failed = ExperimentAnalysis.CheckAll(runs).Where(r => !r.Passed).Select(r => $"{r.Expectation}: {r.Difference.Mean} [{r.Difference.Lower}, {r.Difference.Upper}]").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }
}

/// <summary>How an experiment runs: common random numbers, run ids, order, and the same answers as single runs.</summary>
public class ExperimentRunnerTests : TestKit
{
    [Fact]
    public async Task Replication_r_uses_the_same_seed_under_every_variant_and_each_run_equals_a_single_run()
    {
        var experiment = ExperimentLoader.Load(Repository.Config("experiments/pbr-vs-block.yaml"), replications: 2);
        var runs = await ExperimentRunner.RunAsync(Sys, experiment, parallelRuns: 2);
        Assert.Equal(["pbr-vs-block-pbr-r1-1", "pbr-vs-block-pbr-r2-2", "pbr-vs-block-block-r1-1", "pbr-vs-block-block-r2-2"], runs.Runs.Select(r => r.RunId));
        Assert.Equal(runs.Of("pbr").Select(r => r.Seed), runs.Of("block").Select(r => r.Seed));
        var reference = SequentialRun.Run(EconomyGenerator.Build(experiment.Variants[1].Scenario, experiment.RunYears), 2);
        Assert.Equal(reference.Digest, runs.Of("block")[1].Result.Digest);
    }

    [Fact]
    public void Values_are_read_for_a_year_or_over_the_run()
    {
        var run = SequentialRun.Run(EconomyGenerator.Build(ScenarioLoader.Load(Repository.Config("greater-manchester.yaml")), years: 2), 1).Outcomes;
        var perYear = run.Years.Select(y => (double)y.Display(Metric.ElectiveTreated)).ToList();
        Assert.Equal(perYear[1], ExperimentAnalysis.Value(run, "elective_treated", 2017));
        Assert.Equal(perYear.Sum(), ExperimentAnalysis.Value(run, "elective_treated", null));
        Assert.Equal((double)run.Years[1].Display(Metric.WaitingList), ExperimentAnalysis.Value(run, "waiting_list", null));
    }
}

/// <summary>Runs made several at once on an engine with run lanes: each keeps to a lane's one thread.</summary>
public class LaneRunnerTests() : TestKit(EconomySim.Engine.RunLanes.Configuration(2))
{
    [Fact]
    public async Task Replications_two_at_once_each_act_on_one_thread_of_the_two_lanes_and_equal_single_runs()
    {
        var experiment = ExperimentLoader.Load(Repository.Config("experiments/pbr-vs-block.yaml"), replications: 2);
        var watched = new System.Collections.Concurrent.ConcurrentDictionary<string, EconomySim.Testing.ActingThreads>();
        var runs = await ExperimentRunner.RunAsync(Sys, experiment, parallelRuns: 2,
            watch: start => new EconomySim.Engine.RunOptions { Observer = watched.GetOrAdd(start.RunId, _ => new()) });
        Assert.Equal(4, watched.Count);
        Assert.All(watched.Values, threads => Assert.Single(threads.Threads));
        Assert.InRange(watched.Values.SelectMany(t => t.Threads).Distinct().Count(), 1, 2);
        var reference = SequentialRun.Run(EconomyGenerator.Build(experiment.Variants[0].Scenario, experiment.RunYears), 2);
        Assert.Equal(reference.Digest, runs.Of("pbr")[1].Result.Digest);
    }
}

/// <summary>A design within an experiment: each point an arm of its own, with common random numbers and its own run ids.</summary>
public class DesignRunnerTests : TestKit
{
    [Fact]
    public async Task Each_point_runs_every_replication_with_the_same_seeds_and_a_wave_of_points_runs_instead_of_the_designs()
    {
        using var folder = new TemporaryFolder("economysim-design-runner-");
        var path = folder.File("grid.yaml");
        File.WriteAllText(path, $"""
            experiment:
              name: grid
              scenario: {Repository.Config("greater-manchester.yaml")}
              replications: 2
              years: 1
            design:
              method: grid
              samples: 2
            parameters:
              - key: commissioning.proposal_probability
                values: [0.1, 0.9]
            """);
        var experiment = ExperimentLoader.Load(path);
        var runs = await ExperimentRunner.RunAsync(Sys, experiment, parallelRuns: 2);
        Assert.Equal(["grid-base-p1-r1-1", "grid-base-p1-r2-2", "grid-base-p2-r1-1", "grid-base-p2-r2-2"], runs.Runs.Select(r => r.RunId));
        Assert.Equal([0, 0, 1, 1], runs.Runs.Select(r => r.Point!.Index));
        Assert.Equal([1L, 2, 1, 2], runs.Runs.Select(r => r.Seed));
        // Each run is the single run of its point's scenario.
        var second = ExperimentRunner.ScenarioOf(experiment, experiment.Variants[0], experiment.Points[1]);
        Assert.Equal(0.9, second.Parameters.Commissioning.ProposalProbability);
        Assert.Equal(SequentialRun.Run(EconomyGenerator.Build(second, 1), 2).Digest, runs.Runs[3].Result.Digest);

        // A calibration wave names its own points: only they run, under their own indexes.
        var wave = new DesignPoint(41, [0.5], [0.9]);
        var waveRuns = await ExperimentRunner.RunAsync(Sys, experiment, parallelRuns: 2, points: [wave]);
        Assert.Equal(["grid-base-p42-r1-1", "grid-base-p42-r2-2"], waveRuns.Runs.Select(r => r.RunId));
        Assert.Equal(runs.Runs[3].Result.Digest, waveRuns.Runs[1].Result.Digest);
    }
}

/// <summary>A variant is stored as a scenario file of its own, so a stored replication rebuilds to the same economy.</summary>
public class VariantStorageTests
{
    [Fact]
    public void A_variant_packed_for_the_run_store_unpacks_to_the_same_parameters_policy_changes_included()
    {
        var experiment = ExperimentLoader.Load(Repository.Config("experiments/social-care-cuts.yaml"));
        foreach (var variant in experiment.Variants)
        {
            var rebuilt = EconomySim.History.StoredScenario.Unpack(EconomySim.History.StoredScenario.Pack(variant.Scenario), variant.Scenario.Path);
            Assert.Equal(Canonical(variant.Scenario.Parameters), Canonical(rebuilt.Parameters));
        }
        Assert.Single(experiment.Variants[1].Scenario.Parameters.PolicyChanges);
    }

    private static string Canonical(EconomyParameters p) =>
        System.Text.Json.JsonSerializer.Serialize(p, new System.Text.Json.JsonSerializerOptions { Converters = { new MoneyJsonConverter() } });
}
