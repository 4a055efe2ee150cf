using EconomySim.Designs.Calibration;
using EconomySim.Engine;
using EconomySim.Experiments;
using EconomySim.Scenarios.Experiments;
using EconomySim.Telemetry;
using EconomySim.Telemetry.Dashboard;

namespace EconomySim.Cli;

/// <summary>
/// How <c>calibrate</c> is watched: each run as a run of its own, labelled with its wave (or generation) and point so
/// the dashboard and Grafana group its replications, and, on the dashboard, the search's progress.
/// </summary>
public sealed class CalibrationDashboard
{
    private readonly TelemetrySession _session;
    private readonly CalibrationWatch? _watch;
    private readonly string _unit;
    private readonly TimeSpan _pace;

    private CalibrationDashboard(TelemetrySession session, CalibrationWatch? watch, string unit, TimeSpan pace) =>
        (_session, _watch, _unit, _pace) = (session, watch, unit, pace);

    /// <summary>Starts the search's progress on the session's dashboard (when it has one) with no run done yet.</summary>
    public static CalibrationDashboard Start(TelemetrySession session, CalibrationJob job, ParameterSpace space, TimeSpan pace)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(space);
        var s = job.Settings;
        var watch = session.Feed is null ? null : new CalibrationWatch(session.Feed, new DashboardCalibration(job.Experiment.Name,
            s.Method == CalibrationMethod.HistoryMatching ? "history matching" : "ABC", job.Unit, s.Waves, s.PointsPerWave, s.Replications,
            space.Parameters.Select(p => new CalibrationParameter(p.Key, p.Ends.Smallest, p.Ends.Largest)).ToList(), 1, 0, 0, 0, [], false));
        return new CalibrationDashboard(session, watch, job.Unit, pace);
    }

    /// <summary>"wave 2 point 7" (an ABC generation's with its batch): the label a run is grouped by.</summary>
    public static string Label(string unit, CalibrationRound round, DesignPoint? point) => $"{CalibrationLifecycle.WaveName(unit, round)} point {(point?.Index ?? 0) + 1}";

    public RunOptions Watch(CalibrationRound round, ReplicationStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new RunOptions { Observer = _session.Observe(RunLabels.For(start.RunId, start.Economy, Label(_unit, round, start.Point))), MonthPace = _pace };
    }

    public void RunFinished(CalibrationRound round, ExperimentProgress progress) => _watch?.RunFinished(round.Number, progress.RunsDone, progress.RunCount);

    public void StepDone(CalibrationStep step) => _watch?.WaveDone(new CalibrationWaveDone(step.Number, step.Points, step.Kept, step.Note, step.Lower, step.Upper));

    public void Finished() => _watch?.Finished();
}
