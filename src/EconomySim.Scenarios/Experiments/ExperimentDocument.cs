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

/// <summary>
/// An expected direction of effect: <see cref="Metric"/> (in <see cref="Year"/>, or over the whole run when null) is
/// lower (or higher) under <see cref="Variant"/> than under <see cref="Than"/>.
/// </summary>
/// <param name="Line">Where the clause was written, so a failing clause can be named.</param>
public sealed record Expectation(string Metric, int? Year, ExpectedDirection Direction, string Variant, string Than, int Line)
{
    public override string ToString() =>
        $"{Metric}{(Year is { } y ? $" in {y}" : " over the run")} {(Direction == ExpectedDirection.Lower ? "lower" : "higher")} under {Variant} than under {Than}";
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
