namespace EconomySim.Scenarios.Experiments;

/// <summary>One arm of an experiment: the base scenario with the variant's overrides, bound and validated like any scenario.</summary>
public sealed record ExperimentVariant(string Name, string Description, ScenarioDocument Scenario);

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
/// Replication r runs with seed <see cref="Seed"/> + r under every variant (common random numbers).
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
    public int RunYears => Years ?? Base.Parameters.Years;

    public long SeedOf(int replication) => checked(Seed + replication);

    /// <summary>The id of one replication's run: readable, unique within the experiment, and the same on every machine.</summary>
    public string RunIdOf(string variant, int replication) => $"{Name}-{variant}-r{replication + 1}-{SeedOf(replication)}";
}
