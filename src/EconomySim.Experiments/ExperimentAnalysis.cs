using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.History;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments;

/// <summary>A metric in a year (or over the run) summarised for each variant.</summary>
public sealed record VariantEstimate(string Variant, Estimate Estimate);

/// <summary>
/// One quantity a clause tests, with its 95% interval: a paired difference, a slope, a count. An equivalence also
/// carries the 90% interval its two one-sided tests compare with the margin.
/// </summary>
public sealed record Contrast(string Label, Estimate Estimate, double? Lower90 = null, double? Upper90 = null);

/// <summary>An expectation checked: the variants' means, what was tested with its interval, and whether the clause holds.</summary>
/// <param name="Margin">An equivalence's margin in the outcome's units (a relative margin times the reference mean).</param>
public sealed record ExpectationResult(Expectation Expectation, IReadOnlyList<VariantEstimate> Variants, IReadOnlyList<Contrast> Contrasts, bool Passed, double? Margin = null)
{
    /// <summary>The first tested quantity: the paired difference of a direction or equivalence clause.</summary>
    public Estimate Difference => Contrasts[0].Estimate;
}

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

    /// <summary>A metric per unit of a denominator (per head of population), each read the same way in the same year or run.</summary>
    public static double Value(RunOutcomes outcomes, string metricName, string? per, int? year)
    {
        var value = Value(outcomes, metricName, year);
        if (per is null) return value;
        var denominator = Value(outcomes, per, year);
        // A zero denominator has no rate; zero keeps the figures finite and cannot pass a clause by accident more than any constant.
        return denominator == 0 ? 0 : value / denominator;
    }

    public static IReadOnlyList<double> Values(ExperimentRuns runs, string variant, string metric, int? year) =>
        runs.Of(variant).Select(r => Value(r.Result.Outcomes, metric, year)).ToList();

    /// <summary>The clause's outcome in each replication of a variant: in its year or over the run, or its change from one year to another.</summary>
    public static IReadOnlyList<double> Values(ExperimentRuns runs, string variant, Expectation expectation) =>
        runs.Of(variant).Select(r => ClauseValue(r.Result.Outcomes, expectation)).ToList();

    /// <summary>The clause's outcome in one run: in its year or over the run, or its change from one year to another.</summary>
    public static double ClauseValue(RunOutcomes outcomes, Expectation expectation) => expectation.Kind == ExpectationKind.Change
        ? Value(outcomes, expectation.Metric, expectation.Per, expectation.To) - Value(outcomes, expectation.Metric, expectation.Per, expectation.From)
        : Value(outcomes, expectation.Metric, expectation.Per, expectation.Year);

    /// <summary>Checks one expectation with paired differences (or slopes, or counts) over replications.</summary>
    public static ExpectationResult Check(ExperimentRuns runs, Expectation expectation)
    {
        if (expectation.Kind == ExpectationKind.Trend && expectation.Parameter is { } parameter) return TrendAlong(runs, expectation, parameter);
        return Check(expectation, variant => Values(runs, variant, expectation), runs.Runs.Count(r => r.Result.PhasesConserved == r.Result.Phases), runs.Runs.Count);
    }

    /// <summary>
    /// Checks one expectation given the clause's outcome in each replication of each variant (in seed order, so that
    /// replications pair across variants), and how many of the experiment's runs conserved money.
    /// </summary>
    public static ExpectationResult Check(Expectation expectation, Func<string, IReadOnlyList<double>> valuesOf, int runsConservingMoney, int runCount)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(valuesOf);
        var lower = expectation.Direction == ExpectedDirection.Lower;
        VariantEstimate Of(string variant) => new(variant, Statistics.Describe(valuesOf(variant)));
        switch (expectation.Kind)
        {
            case ExpectationKind.MoneyConserved:
                return new ExpectationResult(expectation, [], [new Contrast($"runs that conserved money, of {runCount}", new Estimate(runCount, runsConservingMoney, 0, runsConservingMoney, runsConservingMoney))],
                    runsConservingMoney == runCount);
            case ExpectationKind.Equivalence:
            {
                var (a, b) = (valuesOf(expectation.Variant), valuesOf(expectation.Than!));
                var reference = Statistics.Describe(b);
                var test = ClauseStatistics.Equivalence(Differences(a, b), expectation.Margin!.AbsoluteFor(reference.Mean));
                return new ExpectationResult(expectation, [Of(expectation.Variant), new VariantEstimate(expectation.Than!, reference)],
                    [new Contrast($"{expectation.Variant} - {expectation.Than}", test.Difference, test.Lower90, test.Upper90)], test.Passed, test.Margin);
            }
            case ExpectationKind.Order:
            {
                // Each adjacent pair must show the step; the order holds only when every step does.
                var steps = expectation.Variants.Zip(expectation.Variants.Skip(1), (from, to) =>
                    new Contrast($"{to} - {from}", Statistics.PairedDifference(valuesOf(to), valuesOf(from)))).ToList();
                return new ExpectationResult(expectation, expectation.Variants.Select(Of).ToList(), steps,
                    steps.All(s => Statistics.ShowsDirection(s.Estimate, lower)));
            }
            case ExpectationKind.Trend:
            {
                var slope = ClauseStatistics.TrendAcross(expectation.Variants.Select(v => valuesOf(v)).ToList());
                return new ExpectationResult(expectation, expectation.Variants.Select(Of).ToList(),
                    [new Contrast($"slope per step along {string.Join(", ", expectation.Variants)}", slope)], Statistics.ShowsDirection(slope, lower));
            }
            case ExpectationKind.Change when expectation.Than is null:
            {
                var change = Statistics.Describe(valuesOf(expectation.Variant));
                return new ExpectationResult(expectation, [new VariantEstimate(expectation.Variant, change)],
                    [new Contrast($"{expectation.To} - {expectation.From} under {expectation.Variant}", change)], Statistics.ShowsDirection(change, lower));
            }
            default:
            {
                // A direction of effect, or a change against another variant (a difference in differences, paired by seed).
                var (a, b) = (valuesOf(expectation.Variant), valuesOf(expectation.Than!));
                var difference = Statistics.PairedDifference(a, b);
                return new ExpectationResult(expectation, [Of(expectation.Variant), Of(expectation.Than!)],
                    [new Contrast(expectation.Kind == ExpectationKind.Change ? $"change under {expectation.Variant} - change under {expectation.Than}" : $"{expectation.Variant} - {expectation.Than}", difference)],
                    Statistics.ShowsDirection(difference, lower));
            }
        }
    }

    public static IReadOnlyList<ExpectationResult> CheckAll(ExperimentRuns runs) => runs.Experiment.Expectations.Select(e => Check(runs, e)).ToList();

    private static List<double> Differences(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"Paired samples must have the same length ({a.Count} and {b.Count}).", nameof(b));
        return a.Zip(b, (x, y) => x - y).ToList();
    }

    /// <summary>
    /// A trend along a design parameter: the slope of the clause's outcome on the parameter's value over every run of
    /// every variant, each (variant, replication) its own group, so the level a seed gives all its points drops out.
    /// </summary>
    private static ExpectationResult TrendAlong(ExperimentRuns runs, Expectation expectation, string parameter)
    {
        var index = runs.Experiment.Space?.Parameters.Select(p => p.Key).ToList().IndexOf(parameter) ?? -1;
        var designed = runs.Runs.Where(r => r.Point is not null).ToList();
        if (index < 0 || designed.Count == 0)
            throw new InvalidOperationException($"{runs.Experiment.Path}:{expectation.Line}: `{parameter}` is not a parameter of the runs' design.");
        var arms = designed.Select(r => (r.Variant, r.Replication)).Distinct().ToList();
        var x = designed.Select(r => r.Point!.Values[index]).ToList();
        var y = designed.Select(r => Value(r.Result.Outcomes, expectation.Metric, expectation.Per, expectation.Year)).ToList();
        var groups = designed.Select(r => (long)arms.IndexOf((r.Variant, r.Replication))).ToList();
        var slope = ClauseStatistics.SlopeWithinGroups(x, y, groups);
        var variants = runs.Experiment.Variants.Select(v => new VariantEstimate(v.Name, Statistics.Describe(designed.Where(r => r.Variant == v.Name)
            .Select(r => Value(r.Result.Outcomes, expectation.Metric, expectation.Per, expectation.Year)).ToList()))).ToList();
        return new ExpectationResult(expectation, variants, [new Contrast($"slope per unit of {parameter}", slope)],
            Statistics.ShowsDirection(slope, expectation.Direction == ExpectedDirection.Lower));
    }
}
