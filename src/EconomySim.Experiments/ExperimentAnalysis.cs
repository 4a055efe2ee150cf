using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.History;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments;

/// <summary>A metric in a year (or over the run) summarised for each variant.</summary>
public sealed record VariantEstimate(string Variant, Estimate Estimate);

/// <summary>An expectation checked: the variants' means and the paired difference with its 95% interval.</summary>
public sealed record ExpectationResult(Expectation Expectation, VariantEstimate Variant, VariantEstimate Than, Estimate Difference, bool Passed);

/// <summary>Reading outcomes the way expectations name them, and checking expectations.</summary>
public static class ExperimentAnalysis
{
    /// <summary>
    /// A metric's value as a person reads it (pounds, counts, shares) in a year, or over the whole run when no year is given:
    /// the sum of the years for a flow, the last year for a stock or a derived measure.
    /// </summary>
    public static double Value(RunOutcomes outcomes, string metricName, int? year)
    {
        var info = MetricCatalogue.Find(metricName) ?? throw new ArgumentException($"Unknown metric {metricName}.", nameof(metricName));
        if (year is { } y)
        {
            var match = outcomes.Years.FirstOrDefault(o => o.Year == y) ?? throw new ArgumentException($"The run has no year {y}.", nameof(year));
            return (double)match.Display(info.Metric);
        }
        if (info.Aggregation == Aggregation.Sum)
            return (double)MetricCatalogue.Display(info.Metric, outcomes.Years.Sum(o => o.Values[info.Metric]));
        return (double)outcomes.Years[^1].Display(info.Metric);
    }

    public static IReadOnlyList<double> Values(ExperimentRuns runs, string variant, string metric, int? year) =>
        runs.Of(variant).Select(r => Value(r.Result.Outcomes, metric, year)).ToList();

    /// <summary>Checks one expectation with paired differences over replications.</summary>
    public static ExpectationResult Check(ExperimentRuns runs, Expectation expectation)
    {
        var a = Values(runs, expectation.Variant, expectation.Metric, expectation.Year);
        var b = Values(runs, expectation.Than, expectation.Metric, expectation.Year);
        var difference = Statistics.PairedDifference(a, b);
        var passed = Statistics.ShowsDirection(difference, expectation.Direction == ExpectedDirection.Lower);
        return new ExpectationResult(expectation, new VariantEstimate(expectation.Variant, Statistics.Describe(a)),
            new VariantEstimate(expectation.Than, Statistics.Describe(b)), difference, passed);
    }

    public static IReadOnlyList<ExpectationResult> CheckAll(ExperimentRuns runs) => runs.Experiment.Expectations.Select(e => Check(runs, e)).ToList();
}
