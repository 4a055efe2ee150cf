using EconomySim.Engine.Persistence;

namespace EconomySim.Engine.Tests;

public class HistoryWindowTests
{
    private static PhaseClosed ClosedPhase(int phase) => new(phase, 0, [], []);

    private static int[] Phases(List<PhaseClosed>? closed) => closed?.Select(c => c.Phase).ToArray() ?? [];

    [Fact]
    public void With_nothing_in_flight_the_next_phase_may_start_even_after_the_last()
    {
        var window = new HistoryWindow(organisations: 3, phases: 5, queueCapacity: 100);
        Assert.True(window.CaughtUp(0));
        Assert.True(window.CaughtUp(4));
    }

    [Fact]
    public void The_organisations_holding_events_are_told_to_write_once_in_index_order()
    {
        var window = new HistoryWindow(4, 10, 100);
        window.Reported(2, 0, UnwrittenEvents.Held);
        window.Reported(0, 0, UnwrittenEvents.Held);
        window.Reported(1, 0, UnwrittenEvents.None);
        Assert.Equal([0, 2], window.WriteDue(0));
        Assert.Equal(2, window.InFlight);
        Assert.Empty(window.WriteDue(1));
    }

    [Fact]
    public void An_organisation_writing_after_it_acted_no_longer_holds_and_its_write_is_in_flight()
    {
        var window = new HistoryWindow(2, 10, 100);
        window.Reported(1, 0, UnwrittenEvents.Held);
        window.Reported(1, 1, UnwrittenEvents.Writing);
        Assert.Equal(1, window.InFlight);
        Assert.Empty(window.WriteDue(1));
    }

    [Fact]
    public void The_run_goes_on_while_one_write_is_in_flight_but_not_past_the_next()
    {
        var window = new HistoryWindow(1, 10, 100);
        window.Reported(0, 0, UnwrittenEvents.Held);
        window.WriteDue(0);
        Assert.True(window.CaughtUp(0));
        window.Reported(0, 1, UnwrittenEvents.Held);
        window.WriteDue(1);
        Assert.False(window.CaughtUp(1));
        window.Durable(0);
        Assert.True(window.CaughtUp(1));
    }

    [Fact]
    public void The_run_waits_when_the_journals_queue_has_no_room_for_every_organisation_to_write_again()
    {
        var window = new HistoryWindow(organisations: 3, phases: 10, queueCapacity: 5);
        window.Reported(0, 0, UnwrittenEvents.Writing);
        window.Reported(1, 0, UnwrittenEvents.Writing);
        Assert.True(window.CaughtUp(0));
        window.Reported(2, 0, UnwrittenEvents.Writing);
        Assert.False(window.CaughtUp(0));
    }

    [Fact]
    public void After_the_last_phase_the_run_ends_only_when_every_write_is_durable()
    {
        var window = new HistoryWindow(1, 3, 100);
        window.Reported(0, 2, UnwrittenEvents.Writing);
        Assert.False(window.CaughtUp(2));
        window.Durable(2);
        Assert.True(window.CaughtUp(2));
    }

    [Fact]
    public void A_closed_phase_waits_until_its_history_has_been_written_and_is_durable()
    {
        var window = new HistoryWindow(2, 10, 100);
        window.Reported(0, 0, UnwrittenEvents.Held);
        window.Reported(1, 0, UnwrittenEvents.Held);
        window.Closed(ClosedPhase(0));
        Assert.Empty(Phases(window.TakeDurableClosed()));
        window.WriteDue(0);
        Assert.Empty(Phases(window.TakeDurableClosed()));
        window.Durable(0);
        Assert.Empty(Phases(window.TakeDurableClosed()));
        window.Durable(0);
        Assert.Equal([0], Phases(window.TakeDurableClosed()));
        Assert.Empty(Phases(window.TakeDurableClosed()));
    }

    [Fact]
    public void Closed_phases_are_released_in_order_up_to_the_oldest_write_still_in_flight()
    {
        var window = new HistoryWindow(1, 10, 100);
        window.Reported(0, 0, UnwrittenEvents.Writing);
        window.Closed(ClosedPhase(0));
        window.WriteDue(0);
        window.Reported(0, 1, UnwrittenEvents.Writing);
        window.Closed(ClosedPhase(1));
        window.WriteDue(1);
        window.Durable(1);
        Assert.Empty(Phases(window.TakeDurableClosed()));
        window.Durable(0);
        Assert.Equal([0, 1], Phases(window.TakeDurableClosed()));
    }

    [Fact]
    public void A_phase_is_not_recorded_closed_while_a_write_made_after_a_later_phase_still_carries_its_events()
    {
        // The year cadence: an organisation holds its events for several phases and writes them after the last.
        var window = new HistoryWindow(1, 10, 100);
        window.Reported(0, 0, UnwrittenEvents.Held);
        window.Closed(ClosedPhase(0));
        window.Reported(0, 1, UnwrittenEvents.Held);
        window.Closed(ClosedPhase(1));
        window.WriteDue(1);
        Assert.Empty(Phases(window.TakeDurableClosed()));
        window.Durable(1);
        Assert.Equal([0, 1], Phases(window.TakeDurableClosed()));
    }

    [Fact]
    public void A_write_made_as_an_organisation_acts_carries_the_events_it_held_from_earlier_phases()
    {
        var window = new HistoryWindow(2, 10, 100);
        window.Reported(0, 0, UnwrittenEvents.Held);
        window.Closed(ClosedPhase(0));
        window.Reported(0, 1, UnwrittenEvents.Writing);
        window.Reported(1, 1, UnwrittenEvents.Writing);
        window.Closed(ClosedPhase(1));
        window.WriteDue(1);
        Assert.Empty(Phases(window.TakeDurableClosed()));
        window.Durable(1);
        Assert.Empty(Phases(window.TakeDurableClosed()));
        window.Durable(1);
        Assert.Equal([0, 1], Phases(window.TakeDurableClosed()));
    }

    [Fact]
    public void A_years_phases_wait_for_that_years_write_even_once_the_previous_years_write_is_durable()
    {
        // Two years of three phases; the first year's write is still in flight when the second year's is made.
        var window = new HistoryWindow(1, 7, 100);
        for (var phase = 0; phase < 3; phase++)
        {
            window.Reported(0, phase, UnwrittenEvents.Held);
            window.Closed(ClosedPhase(phase));
        }
        window.WriteDue(2);
        for (var phase = 3; phase < 6; phase++)
        {
            window.Reported(0, phase, UnwrittenEvents.Held);
            window.Closed(ClosedPhase(phase));
        }
        window.WriteDue(5);
        window.Durable(2);
        Assert.Equal([0, 1, 2], Phases(window.TakeDurableClosed()));
        window.Durable(5);
        Assert.Equal([3, 4, 5], Phases(window.TakeDurableClosed()));
    }
}
