using System.Text.Json.Serialization;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// The clock's record of a closed phase: the outcome contributions made in it (sparse: metric index and value), from
/// which the outcome table of a stored run is rebuilt exactly.
/// </summary>
public sealed record PhaseClosed(int Phase, int Tick, int[] Metrics, long[] Values);

/// <summary>
/// Everything one organisation recorded in one activation, written as one journal entry: an activation is the unit
/// that is durable or not, and one entry per activation halves the journal's writes against one per event.
/// </summary>
public sealed record ActivationRecorded(int Phase, IReadOnlyList<Domain.HistoryEvent> Events);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PhaseClosed))]
public sealed partial class EngineJsonContext : JsonSerializerContext;

/// <summary>Persistence ids and tags of a run's history.</summary>
public static class RunJournal
{
    /// <summary>
    /// Journal entries that may wait to be written at once. The journal refuses entries beyond its queue, so the clock
    /// never lets more than this be in flight (an organisation has at most one entry in flight).
    /// </summary>
    public const int WriteQueueCapacity = 262_144;

    public static string PersistenceId(string runId, Domain.OrganisationProfile organisation) =>
        $"{runId}|{Kind(organisation.Kind)}|{organisation.Code}";

    public static string ClockPersistenceId(string runId) => $"{runId}|clock|calendar";

    public static string Kind(Domain.OrganisationKind kind) => kind switch
    {
        Domain.OrganisationKind.NationalFunder => "national-funder",
        Domain.OrganisationKind.Commissioner => "commissioner",
        Domain.OrganisationKind.Trust => "trust",
        Domain.OrganisationKind.GpFederation => "gp-federation",
        Domain.OrganisationKind.Council => "council",
        _ => kind.ToString(),
    };
}
