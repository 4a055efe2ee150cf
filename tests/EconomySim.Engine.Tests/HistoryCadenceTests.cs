using EconomySim.Domain;
using EconomySim.Engine.Persistence;

namespace EconomySim.Engine.Tests;

public class HistoryCadenceTests
{
    private static readonly IReadOnlyList<CalendarPhase> TwoYears = Calendar.Build(2024, 2);

    private static int[] WritesOf(HistoryCadence cadence) =>
        Enumerable.Range(0, TwoYears.Count).Where(p => cadence.WritesAfter(TwoYears, p)).ToArray();

    [Fact]
    public void A_phase_cadence_writes_after_every_phase()
    {
        Assert.Equal(Enumerable.Range(0, TwoYears.Count), WritesOf(HistoryCadence.Phase));
    }

    [Fact]
    public void A_year_cadence_writes_after_each_years_bailouts_and_after_the_final_settlement()
    {
        var writes = WritesOf(HistoryCadence.Year);
        Assert.Equal(2, writes.Length);
        Assert.Equal(PhaseKind.Bailouts, TwoYears[writes[0]].Kind);
        Assert.Equal(0, TwoYears[writes[0]].YearIndex);
        Assert.Equal(PhaseKind.FinalSettlement, TwoYears[writes[1]].Kind);
    }

    [Fact]
    public void A_month_cadence_writes_once_per_month_with_a_years_closing_phases_in_its_last_month()
    {
        var writes = WritesOf(HistoryCadence.Month);
        Assert.Equal(2 * Calendar.MonthsPerYear, writes.Length);
        Assert.All(writes.Select(p => TwoYears[p]), p => Assert.True(p.Kind is PhaseKind.Payment or PhaseKind.Bailouts or PhaseKind.FinalSettlement, p.ToString()));
        // Each month's own phases are written before the next month begins.
        Assert.Equal(writes.Select(p => TwoYears[p].Tick).Distinct().Count(), writes.Length);
    }

    [Theory]
    [InlineData("year", HistoryCadence.Year)]
    [InlineData(" Month ", HistoryCadence.Month)]
    [InlineData("PHASE", HistoryCadence.Phase)]
    public void A_cadence_is_read_from_its_name(string text, HistoryCadence expected)
    {
        Assert.True(HistoryCadences.TryParse(text, out var cadence));
        Assert.Equal(expected, cadence);
        Assert.Equal(text.Trim().ToLowerInvariant(), cadence.Name());
    }

    [Theory]
    [InlineData("weekly")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_cadence(string? text)
    {
        Assert.False(HistoryCadences.TryParse(text, out _));
    }
}
