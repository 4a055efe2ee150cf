using System.Text.Json;
using System.Text.Json.Serialization;
using EconomySim.Engine.Persistence;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.History;

public enum RunStatus
{
    Running = 0,
    Completed = 1,
    Failed = 2,
    Interrupted = 3,
}

/// <summary>
/// One run as the registry knows it: what was run, how, by which code, and how it ended. A run is registered through
/// <see cref="ForNewRun"/> or <see cref="ForReplication"/>; what it belongs to and how it ended are filled in later.
/// </summary>
/// <param name="DesignPoint">The design point the run computed (from 1, as run ids count), when its experiment has a design.</param>
/// <param name="Parameters">The design point's parameter values by scenario key, when its experiment has a design.</param>
public sealed record RunRecord(
    string RunId,
    string Scenario,
    string ScenarioFile,
    string ScenarioSha256,
    string ScenarioSources,
    long Seed,
    int Years,
    int Scale,
    string CodeVersion,
    string Options,
    RunStatus Status,
    DateTimeOffset StartedAt,
    string Host,
    int ProcessId,
    string? Experiment = null,
    string? Variant = null,
    int? Replication = null,
    DateTimeOffset? EndedAt = null,
    string? Digest = null,
    int? Organisations = null,
    long? Messages = null,
    long? Events = null,
    double? WallSeconds = null,
    string? Failure = null,
    int? DesignPoint = null,
    IReadOnlyDictionary<string, double>? Parameters = null)
{
    /// <summary>A run of a scenario of its own, starting now in this process.</summary>
    public static RunRecord ForNewRun(string runId, ScenarioDocument scenario, long seed, RunRecordOptions options) =>
        Starting(runId, scenario, seed, options);

    /// <summary>
    /// Replication <paramref name="replication"/> (from 0) of a variant of an experiment, starting now in this process: an
    /// ordinary run of the variant's own scenario (the base extended by its overrides) with the replication's id and seed.
    /// </summary>
    public static RunRecord ForReplication(ExperimentDocument experiment, ExperimentVariant variant, int replication, RunRecordOptions options) =>
        Starting(experiment.RunIdOf(variant.Name, replication), variant.Scenario, experiment.SeedOf(replication), options) with
        {
            Experiment = experiment.Name,
            Variant = variant.Name,
            // People count replications from one, as the run id does.
            Replication = replication + 1,
        };

    /// <summary>
    /// Replication <paramref name="replication"/> of a variant at a design point: an ordinary run of
    /// <paramref name="scenario"/> (the variant with the point's values set), registered with the point and its values.
    /// </summary>
    public static RunRecord ForReplication(ExperimentDocument experiment, ExperimentVariant variant, DesignPoint? point, ScenarioDocument scenario,
        int replication, RunRecordOptions options) =>
        point is null ? ForReplication(experiment, variant, replication, options) :
        Starting(experiment.RunIdOf(variant.Name, replication, point), scenario, experiment.SeedOf(replication), options) with
        {
            Experiment = experiment.Name,
            Variant = variant.Name,
            Replication = replication + 1,
            DesignPoint = point.Index + 1,
            Parameters = ParametersOf(experiment, point),
        };

    /// <summary>A point's values by the keys they set, in the order of the experiment's parameters.</summary>
    public static IReadOnlyDictionary<string, double>? ParametersOf(ExperimentDocument experiment, DesignPoint? point) =>
        point is null || experiment.Space is not { } space ? null
            : space.Parameters.Select((p, i) => (p.Key, Value: point.Values[i])).ToDictionary(x => x.Key, x => x.Value);

    private static RunRecord Starting(string runId, ScenarioDocument scenario, long seed, RunRecordOptions options) =>
        new(runId, scenario.Name, scenario.Path, scenario.Sha256, StoredScenario.Pack(scenario), seed, options.Years, options.Scale,
            History.CodeVersion.Current, options.ToJson(), RunStatus.Running, DateTimeOffset.UtcNow, Environment.MachineName, Environment.ProcessId);
}

/// <summary>
/// The options a run was started with, kept in the registry as JSON (<see cref="RunRecord.Options"/>) so that a
/// resumed run carries on as it began. The JSON's keys are the stored format: registries written before a key
/// existed read its default.
/// </summary>
public sealed record RunRecordOptions(
    [property: JsonPropertyName("years")] int Years,
    [property: JsonPropertyName("scale")] int Scale,
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("experiment_file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExperimentFile,
    [property: JsonPropertyName("history_cadence"), JsonConverter(typeof(CadenceNameConverter))] HistoryCadence HistoryCadence,
    [property: JsonPropertyName("design"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StoredDesign? Design = null)
{
    public static RunRecordOptions ForRun(int years, int scale, HistoryStore store, HistoryCadence cadence) =>
        new(years, scale, store.Display, null, cadence);

    /// <summary>Every replication of an experiment runs at the experiment's scale over its years; a design is kept with each, so it can be read back from the store.</summary>
    public static RunRecordOptions ForExperiment(ExperimentDocument experiment, HistoryStore store, HistoryCadence cadence) =>
        new(experiment.RunYears, experiment.Scale, store.Display, experiment.Path, cadence, StoredDesign.Of(experiment));

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>
    /// The options a registered run was started with. Years and scale have columns of their own; a store or file the
    /// JSON does not name reads as none, and a cadence it does not name (or JSON that does not parse) as the default.
    /// </summary>
    public static RunRecordOptions Of(RunRecord record)
    {
        var recorded = new RunRecordOptions(record.Years, record.Scale, "", null, default);
        try
        {
            using var options = JsonDocument.Parse(record.Options);
            var root = options.RootElement;
            return recorded with
            {
                Store = root.TryGetProperty("store", out var store) && store.ValueKind == JsonValueKind.String ? store.GetString()! : recorded.Store,
                ExperimentFile = root.TryGetProperty("experiment_file", out var file) && file.ValueKind == JsonValueKind.String ? file.GetString() : null,
                HistoryCadence = root.TryGetProperty("history_cadence", out var name) && HistoryCadences.TryParse(name.GetString(), out var cadence) ? cadence : default,
                Design = root.TryGetProperty("design", out var design) && design.ValueKind == JsonValueKind.Object ? design.Deserialize<StoredDesign>() : null,
            };
        }
        catch (JsonException)
        {
            return recorded;
        }
    }
}

/// <summary>A cadence is stored by its option name (<c>year</c>, <c>month</c>, <c>phase</c>); a name this version does not know reads as the default.</summary>
internal sealed class CadenceNameConverter : JsonConverter<HistoryCadence>
{
    public override HistoryCadence Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        HistoryCadences.TryParse(reader.GetString(), out var cadence) ? cadence : default;

    public override void Write(Utf8JsonWriter writer, HistoryCadence value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name());
}
