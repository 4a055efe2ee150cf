using System.Globalization;
using System.Text;
using EconomySim.Designs.Calibration;

namespace EconomySim.Experiments;

/// <summary>Where a calibration came from, written beside its results so the calibrated scenario can be traced and rerun.</summary>
public sealed record CalibrationProvenance(string CalibrationFile, string TargetsFile, string CodeVersion, DateTime WrittenUtc);

/// <summary>A calibration's results as files a researcher reads in pandas or R, and the calibrated scenario.</summary>
public static class CalibrationFiles
{
    /// <summary>One row per point of the sample: its weight, implausibility or distance, parameter values and each target's model mean.</summary>
    public static string SampleCsv(CalibrationResult result, IReadOnlyList<string> keys, IReadOnlyList<CalibrationYear> targets)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(targets);
        var measure = result.Settings.Method == CalibrationMethod.HistoryMatching ? "implausibility" : "distance";
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', new[] { "point", "weight", measure }.Concat(keys).Concat(targets.Select(t => Csv(t.Target.Name)))));
        for (var i = 0; i < result.Sample.Count; i++)
        {
            var p = result.Sample[i];
            text.AppendLine(string.Join(',', new[] { (i + 1).ToString(CultureInfo.InvariantCulture), Number(p.Weight), Number(p.Measure) }
                .Concat(p.Values.Select(Number)).Concat(p.Means.Select(Number))));
        }
        return text.ToString();
    }

    /// <summary>
    /// Each target against the model: the observation and its standard deviation, the model at the best point (history
    /// matching) and across the sample (weighted mean, least and greatest of the points' means).
    /// </summary>
    public static string FitCsv(CalibrationResult result, IReadOnlyList<CalibrationYear> targets)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(targets);
        var text = new StringBuilder("series,metric,year,target,target_sd,best,best_implausibility,sample_mean,sample_min,sample_max\n");
        for (var k = 0; k < targets.Count; k++)
        {
            var t = targets[k];
            var sd = Math.Sqrt(t.Target.ObservationVariance);
            var best = result.BestMeans is { } b ? b[k] : double.NaN;
            var implausibility = result.BestMeans is null ? double.NaN : HistoryMatching.Implausibility(t.Target, best, 0, 1);
            var sample = result.Sample.Where(p => double.IsFinite(p.Means[k])).ToList();
            var weight = sample.Sum(p => p.Weight);
            var mean = sample.Count == 0 || weight <= 0 ? double.NaN : sample.Sum(p => p.Weight * p.Means[k]) / weight;
            text.AppendLine(string.Join(',', Csv(t.Series.Id), Csv(t.Series.MetricName), t.Year.ToString(CultureInfo.InvariantCulture), Number(t.Target.Observed), Number(sd),
                Number(best), Number(implausibility), Number(mean), Number(sample.Count == 0 ? double.NaN : sample.Min(p => p.Means[k])),
                Number(sample.Count == 0 ? double.NaN : sample.Max(p => p.Means[k]))));
        }
        return text.ToString();
    }

    /// <summary>
    /// A scenario that extends the base and overrides the calibrated keys with the best point (history matching) or the
    /// posterior median (ABC), with its provenance in comments. Dotted keys are written as nested sections.
    /// </summary>
    /// <param name="baseFile">The base scenario, as the written file will name it after <c>extends:</c> (relative to the written file).</param>
    /// <param name="name">The calibrated scenario's name (it becomes part of its run ids).</param>
    /// <param name="years">The years each calibration run lasted, when the experiment set them; named in a comment.</param>
    public static string Scenario(CalibrationResult result, IReadOnlyList<string> keys, IReadOnlyList<bool> integerKeys, string baseFile, string name,
        CalibrationProvenance provenance, int? years)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(integerKeys);
        ArgumentNullException.ThrowIfNull(provenance);
        var s = result.Settings;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Calibrated by economysim calibrate ({(s.Method == CalibrationMethod.HistoryMatching ? "history matching" : "ABC-SMC")}), {provenance.WrittenUtc:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine(CultureInfo.InvariantCulture, $"#   calibration file: {provenance.CalibrationFile}");
        text.AppendLine(CultureInfo.InvariantCulture, $"#   targets: {provenance.TargetsFile}");
        text.AppendLine(CultureInfo.InvariantCulture, $"#   seed {s.Seed}, {s.Waves} wave(s) of {s.PointsPerWave} point(s), {s.Replications} replication(s) a point (run seeds as the experiment's), model discrepancy sd {Number(s.Discrepancy)} x observation sd");
        text.AppendLine(CultureInfo.InvariantCulture, $"#   code version: {provenance.CodeVersion}");
        text.AppendLine(s.Method == CalibrationMethod.HistoryMatching
            ? "#   values: the point of lowest implausibility (maximum over targets) found in any wave"
            : "#   values: the weighted posterior median of each parameter");
        // The run length stays a command-line setting: written as scenario.years it would refuse the base's later policy changes.
        if (years is { } y) text.AppendLine(CultureInfo.InvariantCulture, $"#   calibrated over {y} year(s): run it with --years {y} to reproduce the runs judged");
        if (result.Stopped is { } stopped) text.AppendLine(CultureInfo.InvariantCulture, $"#   note: {stopped}");
        text.AppendLine(CultureInfo.InvariantCulture, $"extends: {baseFile}");
        text.AppendLine();
        text.AppendLine("scenario:");
        text.AppendLine(CultureInfo.InvariantCulture, $"  name: {name}");
        var values = keys.Select((k, i) => (Path: k.Split('.'), Value: integerKeys[i] ? Math.Round(result.Best[i]).ToString("0", CultureInfo.InvariantCulture) : Number(result.Best[i])))
            .Where(v => !(v.Path.Length == 2 && v.Path[0] == "scenario" && v.Path[1] == "name"))
            .ToList();
        foreach (var v in values.Where(v => v.Path[0] == "scenario")) text.AppendLine(CultureInfo.InvariantCulture, $"  {string.Join('.', v.Path[1..])}: {v.Value}");
        WriteNested(text, values.Where(v => v.Path[0] != "scenario").Select(v => (v.Path, v.Value)).ToList(), 0);
        return text.ToString();
    }

    private static void WriteNested(StringBuilder text, IReadOnlyList<(string[] Path, string Value)> values, int depth)
    {
        foreach (var group in values.GroupBy(v => v.Path[depth]))
        {
            var indent = new string(' ', 2 * depth);
            var leaf = group.FirstOrDefault(v => v.Path.Length == depth + 1);
            if (leaf.Path is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{group.Key}: {leaf.Value}");
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"{indent}{group.Key}:");
            WriteNested(text, group.ToList(), depth + 1);
        }
    }

    /// <summary>Round-trip precision, so a value read back from the CSV or scenario is the value found.</summary>
    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Csv(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
