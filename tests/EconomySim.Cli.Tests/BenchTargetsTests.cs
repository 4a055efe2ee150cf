using System.Globalization;
using CsCheck;
using EconomySim.Benchmarking;

namespace EconomySim.Cli.Tests;

/// <summary>
/// A bench figure's verdict is what a reader of its table would conclude: the value as shown against the target as
/// shown. A verdict taken from the unrounded value could pass a figure the table shows above its bound.
/// </summary>
public sealed class BenchTargetsTests
{
    [Fact]
    public void A_short_benchs_pro_rata_target_is_shown_as_computed_not_rounded_to_two_places()
    {
        Assert.Equal("<= 0.288", BenchTargets.DesignTime(8, 0.2).Target);
        Assert.Equal("<= 4.32", BenchTargets.Replications(4, 1).Target);
        Assert.Equal("<= 2.1", BenchTargets.ScaleTime(2, 1, 2, 1).Target);
    }

    [Fact]
    public void Every_verdict_is_the_shown_value_against_the_shown_target()
    {
        var figures = Gen.Select(Gen.Double[0, 200], Gen.Int[1, 120], Gen.Long[1, 3L << 30], (seconds, count, bytes) => new[]
        {
            BenchTargets.DesignTime(count, seconds / 100),
            BenchTargets.DesignRate(count, seconds / 100 + 0.01),
            BenchTargets.Replications(count, seconds),
            BenchTargets.PersistedRun(count % 10 + 1, 3, seconds / 20),
            BenchTargets.PersistingRate(seconds / 50, seconds / 100, seconds / 150),
            BenchTargets.EngineRatio(seconds / 200),
            BenchTargets.FreshOverWarmEngine(seconds / 100),
            BenchTargets.FreshProcess(count % 20 + 1, seconds / 50),
            BenchTargets.ScaleTime(count, 1, seconds, 1.5),
            BenchTargets.ScaleMemory(count, 1, bytes, 1L << 24),
            BenchTargets.PeakMemory(count, bytes),
        });
        figures.Sample(all =>
        {
            foreach (var f in all)
            {
                var bound = double.Parse(f.Target![3..], CultureInfo.InvariantCulture);
                Assert.Equal(f.Target.StartsWith(">= ", StringComparison.Ordinal) ? f.Value >= bound : f.Value <= bound, f.Passed);
            }
        });
    }

    [Fact]
    public void A_value_that_rounds_onto_its_bound_passes_and_one_that_rounds_past_it_fails()
    {
        Assert.Equal((0.7, true), Verdict(BenchTargets.EngineRatio(0.70049)));
        Assert.Equal((0.701, false), Verdict(BenchTargets.EngineRatio(0.7006)));
        Assert.Equal((2.0, true), Verdict(BenchTargets.PeakMemory(100, (2L << 30) + (1L << 18))));
        Assert.Equal((2.001, false), Verdict(BenchTargets.PeakMemory(100, (2L << 30) + (1L << 20))));
        Assert.Equal((0.288, true), Verdict(BenchTargets.DesignTime(8, 0.2883)));
        Assert.Equal((0.289, false), Verdict(BenchTargets.DesignTime(8, 0.2886)));
    }

    [Fact]
    public void The_engine_ratio_is_also_given_over_the_rounds_with_the_cores_near_and_over_those_far_apart()
    {
        var byDistance = BenchTargets.EngineRatioByCoreDistance([0.6, 0.8, 0.65, 0.9, 0.7], [100, 450, 120, 480, 299.5]);
        Assert.Equal(["engine_over_sequential_cores_near", "engine_over_sequential_cores_far"], byDistance.Select(f => f.Key));
        Assert.Equal([0.65, 0.85], byDistance.Select(f => f.Value));
        Assert.Contains("median of the 3 of 5 rounds with the cores near (a round trip under 300 ns)", byDistance[0].What);
        Assert.Contains("median of the 2 of 5 rounds with the cores far apart (a round trip of 300 ns or more)", byDistance[1].What);
        // Reported, not judged: the target is the ratio over every round.
        Assert.All(byDistance, f => Assert.Null(f.Target));
        Assert.All(byDistance, f => Assert.Null(f.Passed));
    }

    [Fact]
    public void A_distance_no_round_had_gives_no_figure()
    {
        var near = Assert.Single(BenchTargets.EngineRatioByCoreDistance([0.62, 0.7], [90, 110]));
        Assert.Equal(("engine_over_sequential_cores_near", 0.66), (near.Key, near.Value));
        var far = Assert.Single(BenchTargets.EngineRatioByCoreDistance([0.81], [300]));
        Assert.Equal("engine_over_sequential_cores_far", far.Key);
        Assert.Throws<ArgumentOutOfRangeException>(() => BenchTargets.EngineRatioByCoreDistance([0.7], []));
    }

    private static (double Value, bool? Passed) Verdict(BenchFigure figure) => (figure.Value, figure.Passed);
}
