namespace EconomySim.Telemetry.Dashboard;

/// <summary>A calibrated parameter: its key and the prior's range (its distribution's smallest and largest value).</summary>
public sealed record CalibrationParameter(string Key, double Low, double High);

/// <summary>
/// A finished wave (history matching) or generation (ABC): its points, how many it kept, and each parameter's range
/// over the kept points (the non-implausible box, or the population's range), in the order of the parameters.
/// </summary>
public sealed record CalibrationWaveDone(int Number, int Points, int Kept, string Note, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);

/// <summary>Where a calibration search stands, as the dashboard draws it.</summary>
/// <param name="Unit">"wave" (history matching) or "generation" (ABC).</param>
/// <param name="Current">The wave or generation under way (the last one once the search has ended).</param>
/// <param name="RunsDone">Runs finished of the batch under way.</param>
/// <param name="RunsInBatch">Runs of the batch under way (its points times the replications).</param>
/// <param name="Runs">Runs finished over the whole search.</param>
public sealed record DashboardCalibration(string Experiment, string Method, string Unit, int Waves, int PointsPerWave, int Replications,
    IReadOnlyList<CalibrationParameter> Parameters, int Current, int RunsDone, int RunsInBatch, int Runs, IReadOnlyList<CalibrationWaveDone> Done, bool Finished);

/// <summary>
/// Keeps a calibration's progress as its runs and waves finish, and hands each new state to the dashboard's feed.
/// Runs finish on several threads at once; each change is made and published under one lock, so the states the page
/// sees never go back.
/// </summary>
public sealed class CalibrationWatch
{
    private readonly Lock _lock = new();
    private readonly DashboardFeed _feed;
    private DashboardCalibration _state;

    public CalibrationWatch(DashboardFeed feed, DashboardCalibration start)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(start);
        _feed = feed;
        _state = start;
        feed.Calibration(start);
    }

    /// <summary>A run of wave <paramref name="wave"/> finished: <paramref name="done"/> of its batch's <paramref name="count"/> runs are done.</summary>
    public void RunFinished(int wave, int done, int count) => Change(s => s with { Current = wave, RunsDone = done, RunsInBatch = count, Runs = s.Runs + 1 });

    public void WaveDone(CalibrationWaveDone wave) => Change(s => s with { Done = [.. s.Done, wave] });

    public void Finished() => Change(s => s with { Finished = true });

    private void Change(Func<DashboardCalibration, DashboardCalibration> change)
    {
        lock (_lock)
        {
            _state = change(_state);
            _feed.Calibration(_state);
        }
    }
}
