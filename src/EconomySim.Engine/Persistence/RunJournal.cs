using System.Text.Json;
using System.Text.Json.Serialization;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// The clock's record of a closed phase: the outcome contributions made in it (sparse: metric index and value), from
/// which the outcome table of a stored run is rebuilt exactly.
/// </summary>
public sealed record PhaseClosed(int Phase, int Tick, int[] Metrics, long[] Values);

/// <summary>
/// Everything one organisation recorded since its previous entry, as one journal entry: <c>{"phase":P,"events":[...]}</c>,
/// P being the phase after which it was written and each event in the canonical JSON its digest is computed over. The
/// entry carries the bytes the organisation already hashed, so writing it serializes nothing a second time, and reading
/// it parses nothing until its events are asked for.
/// </summary>
public sealed record EventsRecorded(byte[] Json)
{
    /// <summary>Builds an entry from events already in canonical JSON, separated by commas.</summary>
    public static EventsRecorded Compose(int phase, ReadOnlySpan<byte> commaSeparatedEvents)
    {
        var head = System.Text.Encoding.UTF8.GetBytes($"{{\"phase\":{phase.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"events\":[");
        var json = new byte[head.Length + commaSeparatedEvents.Length + 2];
        head.CopyTo(json, 0);
        commaSeparatedEvents.CopyTo(json.AsSpan(head.Length));
        json[^2] = (byte)']';
        json[^1] = (byte)'}';
        return new EventsRecorded(json);
    }

    public IReadOnlyList<Domain.HistoryEvent> Events()
    {
        using var document = JsonDocument.Parse(Json);
        return document.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => e.Deserialize(Domain.HistoryJsonContext.Default.HistoryEvent) ?? throw new JsonException("Empty history event."))
            .ToList();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PhaseClosed))]
public sealed partial class EngineJsonContext : JsonSerializerContext;

/// <summary>Persistence ids and tags of a run's history.</summary>
public static class RunJournal
{
    /// <summary>
    /// Journal entries that may wait to be written at once. The journal refuses entries beyond its queue, so the clock
    /// never lets more than this be in flight.
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
