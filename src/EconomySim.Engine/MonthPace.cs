using EconomySim.Domain;

namespace EconomySim.Engine;

/// <summary>
/// The least wall time a simulated month may take, so that a person can watch a run that would otherwise finish in a
/// second. Between the last phase of a month and the first of the next it says how long the run must still wait. Wall
/// time decides only when the next phase starts, never what anyone does in it; the caller passes the time, so the rule
/// is tested without a clock.
/// </summary>
public sealed class MonthPace
{
    private readonly TimeSpan _pace;
    private readonly IReadOnlyList<CalendarPhase> _calendar;
    private TimeSpan _monthStarted;
    // The wait before the next month is over: the next month starts whatever else holds the run meanwhile.
    private bool _waited;

    /// <param name="pace">The least wall time of a month; zero or less runs flat out.</param>
    public MonthPace(TimeSpan pace, IReadOnlyList<CalendarPhase> calendar)
    {
        _pace = pace;
        _calendar = calendar;
    }

    /// <summary>The run starts at <paramref name="now"/>: its first month counts from there.</summary>
    public void Started(TimeSpan now) => _monthStarted = now;

    /// <summary>
    /// How long the phase after <paramref name="phase"/> must wait at <paramref name="now"/>: zero within a month, at the
    /// run's start and end, or once the month has lasted its pace (the next month then counts from now).
    /// </summary>
    public TimeSpan WaitBefore(int phase, TimeSpan now)
    {
        if (_pace <= TimeSpan.Zero || phase < 0 || phase + 1 >= _calendar.Count) return TimeSpan.Zero;
        if (_calendar[phase + 1].Tick == _calendar[phase].Tick) return TimeSpan.Zero;
        if (_waited)
        {
            _waited = false;
            return TimeSpan.Zero;
        }
        var remaining = _pace - (now - _monthStarted);
        if (remaining > TimeSpan.Zero) return remaining;
        _monthStarted = now;
        return TimeSpan.Zero;
    }

    /// <summary>The wait asked for is over at <paramref name="now"/>: the next month may start, and counts from now.</summary>
    public void Waited(TimeSpan now)
    {
        _monthStarted = now;
        _waited = true;
    }
}
