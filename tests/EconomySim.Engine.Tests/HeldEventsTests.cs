using System.Text;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine.Tests;

public class HeldEventsTests
{
    private static string Text(EventsRecorded entry) => Encoding.UTF8.GetString(entry.Json);

    [Fact]
    public void Held_events_are_written_as_one_entry_of_the_bytes_hashed_in_the_order_recorded()
    {
        var held = new HeldEvents();
        held.Hold("{\"a\":1}"u8);
        held.Hold("{\"b\":2}"u8);
        Assert.Equal(2, held.Count);
        Assert.Equal("{\"phase\":7,\"events\":[{\"a\":1},{\"b\":2}]}", Text(held.Take(7)));
    }

    [Fact]
    public void Taking_the_held_events_leaves_none_for_the_next_entry()
    {
        var held = new HeldEvents();
        held.Hold("{\"a\":1}"u8);
        held.Take(0);
        Assert.Equal(0, held.Count);
        held.Hold("{\"c\":3}"u8);
        Assert.Equal("{\"phase\":1,\"events\":[{\"c\":3}]}", Text(held.Take(1)));
    }
}
