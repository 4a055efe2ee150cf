using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Scenarios.Targets;

namespace EconomySim.Experiments.Tests;

/// <summary>Fit.Compare on hand-built outcomes and targets: the arithmetic of each row, the judgements and the summaries.</summary>
public sealed class FitTests
{
    private static readonly TargetSource Published = new("NHS England", "a series", "2024", null);

    /// <summary>A run from <paramref name="start"/> with raw values (pence for money, thousandths for shares) per metric and year.</summary>
    private static RunOutcomes Run(int start, params (Metric Metric, long[] Raw)[] metrics)
    {
        var years = metrics[0].Raw.Length;
        return new RunOutcomes(Enumerable.Range(0, years)
            .Select(y => new YearOutcomes(start + y, metrics.ToDictionary(m => m.Metric, m => m.Raw[y])))
            .ToList(), []);
    }

    private static TargetSeries Series(string id, Metric metric, Tolerance? tolerance, params (int Year, decimal Value)[] values) =>
        new(id, metric, "what it counts", "unit", Published, tolerance, values.ToDictionary(v => v.Year, v => v.Value), null);

    private static TargetSet Targets(params TargetSeries[] series) => new("targets.yaml", "England", "", series);

    [Fact]
    public void Errors_are_model_less_target_and_the_relative_error_is_over_the_targets_magnitude()
    {
        var run = Run(2015, (Metric.WaitingList, [110, -150, 7]));
        var fit = Fit.Compare(run, Targets(Series("w", Metric.WaitingList, null, (2015, 100), (2016, -200), (2017, 0))));

        Assert.Equal([10m, 50m, 7m], fit.Rows.Select(r => r.AbsoluteError));
        Assert.Equal(0.1, fit.Rows[0].RelativeError!.Value, 12);
        Assert.Equal(0.25, fit.Rows[1].RelativeError!.Value, 12);
        Assert.Null(fit.Rows[2].RelativeError);
        Assert.Equal(0.25, fit.Series[0].MaxAbsoluteRelativeError!.Value, 12);
        Assert.Equal(0.175, fit.Series[0].MeanAbsoluteRelativeError!.Value, 12);
    }

    [Fact]
    public void Money_is_compared_in_pounds_and_shares_as_fractions()
    {
        var run = Run(2015, (Metric.CommissionerAllocations, [150_000]), (Metric.WaitingOver18WeeksShare, [250]));
        var fit = Fit.Compare(run, Targets(
            Series("money", Metric.CommissionerAllocations, null, (2015, 1_500m)),
            Series("share", Metric.WaitingOver18WeeksShare, null, (2015, 0.2m))));

        Assert.Equal([(1_500m, 1_500m), (0.25m, 0.2m)], fit.Rows.Select(r => (r.Model, r.Target)));
        Assert.Equal(0m, fit.Rows[0].AbsoluteError);
        Assert.Equal(0.25, fit.Rows[1].RelativeError!.Value, 12);
    }

    [Fact]
    public void A_relative_tolerance_admits_a_gap_up_to_its_share_of_the_target()
    {
        var run = Run(2015, (Metric.WaitingList, [110, 111, 89, 0]));
        var fit = Fit.Compare(run, Targets(Series("w", Metric.WaitingList, new Tolerance(ToleranceKind.Relative, 0.10m),
            (2015, 100), (2016, 100), (2017, 100), (2018, 0))));

        Assert.Equal([true, false, false, true], fit.Rows.Select(r => r.Within));
        Assert.Equal(2, fit.Series[0].YearsWithin);
        Assert.Equal((1, 1, 4, 2), (fit.Summary.Series, fit.Summary.SeriesJudged, fit.Summary.RowsJudged, fit.Summary.RowsWithin));
    }

    [Fact]
    public void An_absolute_tolerance_admits_a_gap_up_to_its_amount_in_the_metrics_unit()
    {
        // 0.85 against 0.80 is off by 0.05: within an absolute 0.05, though 6% of the target.
        var run = Run(2015, (Metric.BedOccupancy, [850, 860]));
        var fit = Fit.Compare(run, Targets(Series("beds", Metric.BedOccupancy, new Tolerance(ToleranceKind.Absolute, 0.05m), (2015, 0.80m), (2016, 0.80m))));

        Assert.Equal([true, false], fit.Rows.Select(r => r.Within));
    }

    [Fact]
    public void A_series_without_tolerance_is_reported_but_not_judged()
    {
        var run = Run(2015, (Metric.WaitingList, [100]), (Metric.Population, [1_000]));
        var fit = Fit.Compare(run, Targets(
            Series("judged", Metric.WaitingList, new Tolerance(ToleranceKind.Relative, 0m), (2015, 100)),
            Series("reported", Metric.Population, null, (2015, 2_000))));

        Assert.Equal([true, null], fit.Rows.Select(r => r.Within));
        Assert.Null(fit.Series[1].YearsWithin);
        Assert.Equal(1, fit.Series[1].YearsCompared);
        Assert.Equal((2, 1, 2, 1, 1), (fit.Summary.Series, fit.Summary.SeriesJudged, fit.Summary.Rows, fit.Summary.RowsJudged, fit.Summary.RowsWithin));
    }

    [Fact]
    public void Direction_is_right_when_model_and_target_move_the_same_way_and_flat_agrees_only_with_flat()
    {
        // target: 100 -> 120 (up) -> 120 (flat) -> 110 (down) -> 110 (flat)
        // model:  50  -> 60  (up) -> 60  (flat) -> 60  (flat) -> 70  (up)
        var run = Run(2015, (Metric.WaitingList, [50, 60, 60, 60, 70]));
        var fit = Fit.Compare(run, Targets(Series("w", Metric.WaitingList, null, (2015, 100), (2016, 120), (2017, 120), (2018, 110), (2019, 110))));

        Assert.Equal([null, true, true, false, false], fit.Rows.Select(r => r.DirectionRight));
        Assert.Equal((2, 4), (fit.Series[0].DirectionsRight, fit.Series[0].DirectionsCompared));
    }

    [Fact]
    public void Direction_is_not_judged_across_a_year_the_target_skips()
    {
        var run = Run(2015, (Metric.WaitingList, [1, 2, 3]));
        var fit = Fit.Compare(run, Targets(Series("w", Metric.WaitingList, null, (2015, 1), (2017, 3))));

        Assert.Equal([null, null], fit.Rows.Select(r => r.DirectionRight));
        Assert.Equal(0, fit.Series[0].DirectionsCompared);
    }

    [Fact]
    public void Sign_is_right_when_model_and_target_share_a_sign_or_are_both_zero()
    {
        var run = Run(2015, (Metric.TrustSurplus, [-500, 300, 0, 0]));
        var fit = Fit.Compare(run, Targets(Series("surplus", Metric.TrustSurplus, null, (2015, -1m), (2016, -1m), (2017, 0m), (2018, 2m))));

        Assert.Equal([true, false, true, false], fit.Rows.Select(r => r.SignRight));
        Assert.Equal(2, fit.Series[0].SignsRight);
    }

    [Fact]
    public void Target_years_the_run_does_not_cover_are_listed_not_compared()
    {
        var run = Run(2015, (Metric.WaitingList, [1, 2, 3]), (Metric.Population, [4, 5, 6]));
        var fit = Fit.Compare(run, Targets(
            Series("w", Metric.WaitingList, null, (2013, 1), (2016, 2), (2030, 3)),
            Series("p", Metric.Population, null, (2014, 1), (2017, 6))));

        Assert.Equal([("w", 2016), ("p", 2017)], fit.Rows.Select(r => (r.Series, r.Year)));
        Assert.Equal([2013, 2014, 2030], fit.Summary.YearsNotCovered);
        Assert.Equal([2013, 2030], fit.Series[0].YearsNotCovered);
        Assert.Equal([2015, 2016, 2017], fit.RunYears);
    }

    [Fact]
    public void Targets_with_no_year_in_the_run_are_refused_naming_both_sides_years()
    {
        var run = Run(2016, (Metric.WaitingList, [1, 2, 3, 4, 5]));
        var e = Assert.Throws<FitException>(() => Fit.Compare(run, Targets(Series("w", Metric.WaitingList, null, (2010, 1), (2011, 1), (2012, 1), (2014, 1)))));

        Assert.Equal(FitProblem.NoTargetYearInRun, e.Problem);
        Assert.Contains("(2010-2012, 2014)", e.Message);
        Assert.Contains("(2016-2020)", e.Message);
    }

    [Fact]
    public void Years_asked_for_restrict_the_rows_and_must_lie_within_the_run()
    {
        var run = Run(2015, (Metric.WaitingList, [1, 2, 3]));
        var targets = Targets(Series("w", Metric.WaitingList, null, (2015, 1), (2016, 2), (2017, 3)));

        Assert.Equal([2016, 2017], Fit.Compare(run, targets, new YearSpan(2016, 2017)).Rows.Select(r => r.Year));
        var outside = Assert.Throws<FitException>(() => Fit.Compare(run, targets, new YearSpan(1990, 1991)));
        Assert.Equal(FitProblem.YearsOutsideRun, outside.Problem);
        Assert.Equal("1990-1991 is outside the run's years, 2015-2017", outside.Message);
        Assert.Throws<FitException>(() => Fit.Compare(run, targets, new YearSpan(2016, 2018)));
    }

    [Theory]
    [InlineData("2016-2018", 2016, 2018)]
    [InlineData("2016", 2016, 2016)]
    [InlineData(" 2016-2016 ", 2016, 2016)]
    [InlineData("2018-2016", 0, 0)]
    [InlineData("2016-", 0, 0)]
    [InlineData("16-18", 0, 0)]
    [InlineData("2016-2017-2018", 0, 0)]
    [InlineData("twenty", 0, 0)]
    public void A_span_of_years_is_read_as_from_to_or_one_year(string text, int from, int to)
    {
        var span = YearSpan.Parse(text);
        Assert.Equal(from == 0 ? null : new YearSpan(from, to), span);
    }
}
