using EconomySim.Designs;
using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Experiments;

/// <summary>One arm of an experiment: the base scenario with the variant's overrides, bound and validated like any scenario.</summary>
public sealed record ExperimentVariant(string Name, string Description, ScenarioDocument Scenario)
{
    /// <summary>The variant's overrides as written, so a design point's values can be set over them.</summary>
    internal TreeMap? Overrides { get; init; }
}

public enum ExpectedDirection
{
    Lower = 0,
    Higher = 1,
}

/// <summary>What an expectation claims, and so which test checks it.</summary>
public enum ExpectationKind
{
    /// <summary><c>lower:</c>/<c>higher:</c> ... <c>than:</c>: one variant's outcome is below (above) another's.</summary>
    Direction = 0,
    /// <summary><c>within:</c>: no material difference between two variants, by two one-sided tests.</summary>
    Equivalence = 1,
    /// <summary><c>ordered:</c>: several variants in increasing (or decreasing) order, pair by adjacent pair.</summary>
    Order = 2,
    /// <summary><c>increasing_with:</c>/<c>decreasing_with:</c>: a trend across variants or along a design parameter.</summary>
    Trend = 3,
    /// <summary><c>change:</c>: growth (or fall) between two years within each run, alone or against another variant.</summary>
    Change = 4,
    /// <summary><c>property: money_conserved</c>: every run of the experiment conserved money.</summary>
    MoneyConserved = 5,
}

/// <summary>An equivalence margin: absolute, in the outcome's units, or relative to the reference variant's mean.</summary>
public sealed record Margin(double Value, bool Relative)
{
    /// <summary>The margin in the outcome's units, given the reference variant's mean.</summary>
    public double AbsoluteFor(double referenceMean) => Relative ? Value * Math.Abs(referenceMean) : Value;

    public override string ToString() => Relative
        ? $"{(Value * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}%"
        : Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A clause of an experiment's <c>expect:</c> list. The original form, an expected direction of effect, reads
/// <see cref="Metric"/> (in <see cref="Year"/>, or over the whole run when null) lower (or higher) under
/// <see cref="Variant"/> than under <see cref="Than"/>; <see cref="Kind"/> says which other claim it makes, with the
/// properties that claim needs. <see cref="Direction"/> is also the sense of an order, a trend (higher: increasing) and
/// a change (higher: grows).
/// </summary>
/// <param name="Than">The variant compared against; null for a change within one variant or a claim over many.</param>
/// <param name="Line">Where the clause was written, so a failing clause can be named.</param>
public sealed record Expectation(string Metric, int? Year, ExpectedDirection Direction, string Variant, string? Than, int Line)
{
    public ExpectationKind Kind { get; init; } = ExpectationKind.Direction;

    /// <summary>A denominator metric: the outcome is divided by it, read the same way (per head of <c>population</c>).</summary>
    public string? Per { get; init; }

    public Margin? Margin { get; init; }

    /// <summary>The variants of an order, or of a trend across variants, in the order written.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary>The design parameter (a scenario key) of a trend along a parameter.</summary>
    public string? Parameter { get; init; }

    public int? From { get; init; }

    public int? To { get; init; }

    private bool Lower => Direction == ExpectedDirection.Lower;

    /// <summary>The outcome as the clause reads it: the metric, per head of its denominator, in its year or over the run.</summary>
    public string Outcome => $"{Metric}{(Per is null ? "" : $" per {Per}")}{(Year is { } y ? $" in {y}" : Kind == ExpectationKind.Change ? "" : " over the run")}";

    public override string ToString() => Kind switch
    {
        ExpectationKind.Equivalence => $"{Outcome} under {Variant} within {Margin} of {Than}",
        ExpectationKind.Order => $"{Outcome} {(Lower ? "descending" : "ascending")} across {string.Join(", ", Variants)}",
        ExpectationKind.Trend => $"{Outcome} {(Lower ? "decreasing" : "increasing")} with {Parameter ?? string.Join(", ", Variants)}",
        ExpectationKind.Change => $"{Outcome} under {Variant} {(Lower ? "falls" : "grows")} from {From} to {To}{(Than is null ? "" : $" more than under {Than}")}",
        ExpectationKind.MoneyConserved => "every run conserves money",
        _ => $"{Outcome} {(Lower ? "lower" : "higher")} under {Variant} than under {Than}",
    };
}

/// <summary>
/// A loaded experiment file: a base scenario, its variants, how many replications with which seeds, and what is expected.
/// Replication r runs with seed <see cref="Seed"/> + r under every variant and at every design point (common random numbers).
/// With a design, every variant runs at every one of <see cref="Points"/>.
/// </summary>
/// <param name="Years">Overrides the base scenario's years for every run, when given.</param>
public sealed record ExperimentDocument(
    string Path,
    string Name,
    string Description,
    ScenarioDocument Base,
    int Replications,
    long Seed,
    int? Years,
    IReadOnlyList<ExperimentVariant> Variants,
    IReadOnlyList<Expectation> Expectations)
{
    /// <summary>The parameters a design varies; null without a design.</summary>
    public ParameterSpace? Space { get; init; }

    /// <summary>The design over <see cref="Space"/>; null without one.</summary>
    public DesignRequest? Design { get; init; }

    /// <summary>The design's rows, each mapped to parameter values; empty without a design.</summary>
    public IReadOnlyList<DesignPoint> Points { get; init; } = [];

    /// <summary>Organisation counts, population and money multiplied by this, as `run --scale` does.</summary>
    public int Scale { get; init; } = 1;

    /// <summary>The base scenario's tree (without <c>extends:</c>), over which variants and design points are bound.</summary>
    internal TreeMap? BaseTree { get; init; }

    public int RunYears => Years ?? Base.Parameters.Years;

    /// <summary>How many runs the experiment makes: every variant at every design point (or once without a design), times the replications.</summary>
    public int RunCount => checked(Variants.Count * Math.Max(1, Points.Count) * Replications);

    public long SeedOf(int replication) => checked(Seed + replication);

    /// <summary>The id of one replication's run: readable, unique within the experiment, and the same on every machine.</summary>
    public string RunIdOf(string variant, int replication) => $"{Name}-{variant}-r{replication + 1}-{SeedOf(replication)}";

    /// <summary>The id of one replication at one design point (counted from one, as replications are); without a point, as <see cref="RunIdOf(string, int)"/>.</summary>
    public string RunIdOf(string variant, int replication, DesignPoint? point) =>
        point is null ? RunIdOf(variant, replication) : $"{Name}-{variant}-p{point.Index + 1}-r{replication + 1}-{SeedOf(replication)}";
}
