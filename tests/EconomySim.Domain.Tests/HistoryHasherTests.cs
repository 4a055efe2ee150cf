using System.Reflection;
using System.Text.Json;
using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

public class HistoryHasherTests
{
    public static TheoryData<string> EventTypes()
    {
        var data = new TheoryData<string>();
        foreach (var derived in HistoryJsonContext.Default.HistoryEvent.PolymorphismOptions!.DerivedTypes) data.Add(derived.DerivedType.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_event_is_hashed_as_the_polymorphic_json_the_serializer_writes_and_reads_back(string typeName)
    {
        var type = HistoryJsonContext.Default.HistoryEvent.PolymorphismOptions!.DerivedTypes.Single(d => d.DerivedType.Name == typeName).DerivedType;
        var e = (HistoryEvent)Sample(type);

        var canonical = HistoryHasher.Serialize(e);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(e, HistoryJsonContext.Default.HistoryEvent), canonical);
        Assert.Equal(e, HistoryHasher.Deserialize(canonical));
        using var hashed = new HistoryHasher();
        byte[]? shown = null;
        hashed.AppendAll([e], (_, json, _) => shown = json.ToArray());
        Assert.Equal(canonical, shown);
    }

    [Fact]
    public void Money_in_an_event_is_written_as_its_whole_pence_after_the_discriminator()
    {
        var e = new LedgerPosted(3, new Money(125), Money.Zero, new Money(-7), new Money(1), new Money(10_000_000_000));
        Assert.Equal("""{"type":"ledger","received":125,"sent":0,"external_income":-7,"external_spending":1,"cash":10000000000,"phase":3}""",
            System.Text.Encoding.UTF8.GetString(HistoryHasher.Serialize(e)));
    }

    [Fact]
    public void Events_hashed_directly_and_read_back_from_their_json_give_the_same_digest()
    {
        var events = HistoryJsonContext.Default.HistoryEvent.PolymorphismOptions!.DerivedTypes.Select(d => (HistoryEvent)Sample(d.DerivedType)).ToList();
        using var direct = new HistoryHasher();
        using var readBack = new HistoryHasher();
        foreach (var e in events)
        {
            direct.AppendAll([e]);
            readBack.AppendCanonical(JsonSerializer.SerializeToUtf8Bytes(HistoryHasher.Deserialize(HistoryHasher.Serialize(e)), HistoryJsonContext.Default.HistoryEvent));
        }
        Assert.Equal(events.Count, direct.Events);
        Assert.Equal(readBack.Current(), direct.Current());
    }

    [Fact]
    public void An_activation_hashed_as_one_piece_gives_the_digest_of_its_events_hashed_one_by_one_and_shows_each_in_order()
    {
        var events = HistoryJsonContext.Default.HistoryEvent.PolymorphismOptions!.DerivedTypes.Select(d => (HistoryEvent)Sample(d.DerivedType)).ToList();
        using var oneByOne = new HistoryHasher();
        using var activations = new HistoryHasher();
        foreach (var e in events) oneByOne.AppendCanonical(HistoryHasher.Serialize(e));
        activations.AppendAll([events[0]]);
        var shown = new List<(long Index, string Json, HistoryEvent Event)>();
        activations.AppendAll(events.Skip(1).ToList(), (index, json, e) => shown.Add((index, System.Text.Encoding.UTF8.GetString(json), e)));
        activations.AppendAll([]);

        Assert.Equal(oneByOne.Current(), activations.Current());
        Assert.Equal(events.Count, activations.Events);
        Assert.Equal(events.Skip(1).Select((e, i) => (i + 1L, System.Text.Encoding.UTF8.GetString(HistoryHasher.Serialize(e)), e)), shown);
    }

    /// <summary>An instance with every field set away from its default, so each one shows in the JSON.</summary>
    private static object Sample(Type type)
    {
        if (type == typeof(int) || type == typeof(int?)) return 7;
        if (type == typeof(long)) return 8L;
        if (type == typeof(double)) return 0.375;
        if (type == typeof(bool)) return true;
        if (type == typeof(string)) return "R0A \"quoted\" é";
        if (type == typeof(Money)) return new Money(-123_456_789);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Sample(p.ParameterType)).ToArray());
    }
}
