using EconomySim.Domain;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine.Tests;

public class ResumedHistoryTests
{
    private static readonly IReadOnlyList<CalendarPhase> OneYear = Calendar.Build(2024, 1);

    private static ResumedHistory Journal(params string[] entries)
    {
        var stored = new ResumedHistory("TRA-1");
        for (var i = 0; i < entries.Length; i++)
            stored.Recovered(EventsRecorded.Compose(i, System.Text.Encoding.UTF8.GetBytes(entries[i])));
        return stored;
    }

    private static byte[] Bytes(string json) => System.Text.Encoding.UTF8.GetBytes(json);

    [Fact]
    public void A_recomputed_history_equal_to_the_stored_one_passes_and_only_later_events_are_written()
    {
        var stored = Journal("{\"a\":1},{\"b\":2}", "{\"c\":3}");
        Assert.Equal(3, stored.Events);
        stored.Check(0, Bytes("{\"a\":1}"), OneYear[0]);
        stored.Check(1, Bytes("{\"b\":2}"), OneYear[0]);
        stored.Check(2, Bytes("{\"c\":3}"), OneYear[1]);
        stored.CheckActivation(2, 3);
        Assert.True(stored.Holds(2));
        Assert.False(stored.Holds(3));
    }

    [Fact]
    public void A_mismatching_stored_history_is_reported_with_the_organisation_and_the_first_differing_event()
    {
        var stored = Journal("{\"a\":1},{\"b\":2},{\"c\":3}");
        stored.Check(0, Bytes("{\"a\":1}"), OneYear[5]);
        var mismatch = Assert.Throws<InvalidOperationException>(() => stored.Check(1, Bytes("{\"b\":20}"), OneYear[5]));
        Assert.StartsWith("TRA-1: the stored history differs", mismatch.Message);
        Assert.Contains("at event 2 of its history", mismatch.Message);
        Assert.Contains($"in phase {OneYear[5]}", mismatch.Message);
        Assert.Contains("{\"b\":20}", mismatch.Message);
    }

    [Fact]
    public void A_journal_ending_inside_an_activation_is_reported_as_inconsistent()
    {
        var stored = Journal("{\"a\":1},{\"b\":2}");
        var inconsistent = Assert.Throws<InvalidOperationException>(() => stored.CheckActivation(1, 3));
        Assert.Equal("TRA-1: the stored history ends inside an activation; the journal is inconsistent.", inconsistent.Message);
    }

    [Fact]
    public void A_journal_ending_between_activations_is_consistent()
    {
        var stored = Journal("{\"a\":1},{\"b\":2}");
        stored.CheckActivation(0, 2);
        stored.CheckActivation(2, 5);
        stored.CheckActivation(0, 1);
    }
}
