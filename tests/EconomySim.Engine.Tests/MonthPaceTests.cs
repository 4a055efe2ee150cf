using EconomySim.Domain;

namespace EconomySim.Engine.Tests;

public class MonthPaceTests
{
    private static readonly IReadOnlyList<CalendarPhase> OneYear = Calendar.Build(2024, 1);

    // The last phase of month 1 (the year's opening phases share its tick); the phase after it starts month 2.
    private static readonly int EndOfFirstMonth = OneYear.First(p => p.Month == 1 && p.Kind == PhaseKind.Payment).Index;

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void The_next_month_waits_until_the_month_has_lasted_its_pace()
    {
        var pace = new MonthPace(Ms(200), OneYear);
        pace.Started(Ms(1_000));
        Assert.Equal(Ms(150), pace.WaitBefore(EndOfFirstMonth, Ms(1_050)));
    }

    [Fact]
    public void Phases_within_a_month_never_wait()
    {
        var pace = new MonthPace(Ms(200), OneYear);
        pace.Started(Ms(0));
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(-1, Ms(0)));
        for (var phase = 0; phase < EndOfFirstMonth; phase++) Assert.Equal(TimeSpan.Zero, pace.WaitBefore(phase, Ms(1)));
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(OneYear.Count - 1, Ms(1)));
    }

    [Fact]
    public void Without_a_pace_the_run_never_waits()
    {
        var pace = new MonthPace(TimeSpan.Zero, OneYear);
        pace.Started(Ms(0));
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(EndOfFirstMonth, Ms(0)));
    }

    [Fact]
    public void A_month_that_took_longer_than_its_pace_starts_the_next_at_once_and_the_next_counts_from_then()
    {
        var pace = new MonthPace(Ms(200), OneYear);
        pace.Started(Ms(0));
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(EndOfFirstMonth, Ms(300)));
        var endOfSecondMonth = EndOfFirstMonth + 3;
        Assert.Equal(Ms(180), pace.WaitBefore(endOfSecondMonth, Ms(320)));
    }

    [Fact]
    public void After_the_wait_the_next_month_starts_and_counts_from_the_end_of_the_wait()
    {
        var pace = new MonthPace(Ms(200), OneYear);
        pace.Started(Ms(0));
        Assert.Equal(Ms(200), pace.WaitBefore(EndOfFirstMonth, Ms(0)));
        pace.Waited(Ms(200));
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(EndOfFirstMonth, Ms(200)));
        Assert.Equal(Ms(190), pace.WaitBefore(EndOfFirstMonth + 3, Ms(210)));
    }

    [Fact]
    public void A_month_whose_wait_is_over_is_not_held_again_while_the_history_catches_up()
    {
        var pace = new MonthPace(Ms(200), OneYear);
        pace.Started(Ms(0));
        pace.WaitBefore(EndOfFirstMonth, Ms(0));
        pace.Waited(Ms(200));
        // The run held back for the history and asks again later, still before the same month.
        Assert.Equal(TimeSpan.Zero, pace.WaitBefore(EndOfFirstMonth, Ms(250)));
    }
}
