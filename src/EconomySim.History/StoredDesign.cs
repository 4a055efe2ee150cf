using System.Text.Json.Serialization;
using EconomySim.Designs;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.History;

/// <summary>
/// An experiment's design as the registry keeps it (in each run's options), so that a design's runs can be analysed
/// from the store alone, long after the experiment file has changed.
/// </summary>
/// <param name="Method">grid, latin_hypercube, sobol or morris, as experiment files spell it.</param>
public sealed record StoredDesign(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("samples")] int Samples,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("levels")] int Levels,
    [property: JsonPropertyName("second_order")] bool SecondOrder,
    [property: JsonPropertyName("parameters")] IReadOnlyList<StoredParameter> Parameters)
{
    public static StoredDesign? Of(ExperimentDocument experiment) =>
        experiment is { Design: { } design, Space: { } space }
            ? new StoredDesign(DesignSampler.MethodName(design.Method), design.Samples, design.Seed, design.Levels, design.SecondOrder,
                space.Parameters.Select(StoredParameter.Of).ToList())
            : null;

    /// <summary>The design as the samplers take it, to rebuild its unit rows.</summary>
    public DesignRequest ToRequest() =>
        new(Enum.GetValues<DesignMethod>().First(m => DesignSampler.MethodName(m) == Method), Parameters.Count, Samples, Seed, Levels, SecondOrder);
}

/// <summary>
/// One parameter of a stored design, as SALib's problem states it: <see cref="Distribution"/> is SALib's <c>dists</c>
/// name (<c>unif</c>, <c>logunif</c>, <c>norm</c>, <c>truncnorm</c>; <c>values</c> for a list, which SALib has not), and
/// <see cref="Low"/> and <see cref="High"/> its <c>bounds</c>: the range, or for <c>norm</c> the mean and sd.
/// </summary>
public sealed record StoredParameter(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("distribution")] string Distribution,
    [property: JsonPropertyName("low")] double Low,
    [property: JsonPropertyName("high")] double High)
{
    /// <summary>A truncated normal's mean (its bounds are <see cref="Low"/> and <see cref="High"/>); null otherwise.</summary>
    [JsonPropertyName("mean"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Mean { get; init; }

    /// <summary>A truncated normal's standard deviation; null otherwise.</summary>
    [JsonPropertyName("sd"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Sd { get; init; }

    /// <summary>The listed values of a <c>values</c> parameter; null otherwise.</summary>
    [JsonPropertyName("values"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Where the range comes from, as the experiment file says; null when it does not say.</summary>
    [JsonPropertyName("source"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    public static StoredParameter Of(DesignParameter p) => p.Distribution switch
    {
        ParameterDistribution.Uniform => new StoredParameter(p.Key, "unif", p.Low, p.High),
        ParameterDistribution.LogUniform => new StoredParameter(p.Key, "logunif", p.Low, p.High),
        ParameterDistribution.Normal => new StoredParameter(p.Key, "norm", p.Mean, p.Sd),
        ParameterDistribution.TruncatedNormal => new StoredParameter(p.Key, "truncnorm", p.Low, p.High) { Mean = p.Mean, Sd = p.Sd },
        _ => new StoredParameter(p.Key, "values", p.Low, p.High) { Values = p.Values },
    } with { Source = p.Source.Length > 0 ? p.Source : null };
}
