using System.Globalization;
using System.Text;
using System.Text.Json;
using EconomySim.Designs;
using EconomySim.Experiments;

namespace EconomySim.Cli;

/// <summary>A parameter as SALib's problem definition names it: its distribution (dists) and that distribution's bounds.</summary>
public sealed record SalibParameter(string Name, string Distribution, IReadOnlyList<double> Bounds);

/// <summary>
/// Files for checking a study in Python with SALib: problem.json (num_vars, names, bounds, dists), X.txt (one design point
/// per line, the parameters' values) and one Y file per outcome (the point means, in the design's order), with a README
/// saying how to load them.
/// </summary>
public static class SalibExport
{
    public static IReadOnlyDictionary<string, string> Files(SensitivityStudyResult study, IReadOnlyList<SalibParameter> parameters,
        IReadOnlyList<IReadOnlyList<double>> pointValues)
    {
        var files = new Dictionary<string, string>
        {
            ["problem.json"] = JsonSerializer.Serialize(new
            {
                num_vars = parameters.Count,
                names = parameters.Select(p => p.Name),
                bounds = parameters.Select(p => p.Bounds),
                dists = parameters.Select(p => p.Distribution),
            }, new JsonSerializerOptions { WriteIndented = true }),
            ["X.txt"] = Lines(pointValues.Select(row => string.Join(' ', row.Select(R)))),
        };
        foreach (var o in study.Outcomes)
            files[YFile(o)] = Lines(o.Report.PointMeans.Select(R));
        files["README.txt"] = Readme(study);
        return files;
    }

    public static string YFile(OutcomeSensitivity o) => $"Y_{Safe(o.Variant)}_{o.Metric}_{o.Year}.txt";

    private static string Readme(SensitivityStudyResult study)
    {
        var example = study.Outcomes.Count > 0 ? YFile(study.Outcomes[0]) : "Y_VARIANT_METRIC_YEAR.txt";
        var analyse = study.Design.Method switch
        {
            DesignMethod.Sobol => $"from SALib.analyze import sobol; Si = sobol.analyze(problem, Y, calc_second_order={(study.Design.SecondOrder ? "True" : "False")})",
            DesignMethod.Morris => $"from SALib.analyze import morris; Si = morris.analyze(problem, X, Y, num_levels={study.Design.Levels})",
            _ => "from SALib.analyze import delta; Si = delta.analyze(problem, X, Y)",
        };
        return $"""
            Load in Python (SALib, numpy): import json, numpy as np; problem = json.load(open("problem.json")); X = np.loadtxt("X.txt", ndmin=2); Y = np.loadtxt("{example}"); {analyse}
            X.txt holds one line per design point (the parameters' values, in the order of problem.json's names); each Y file holds the outcome's mean over the replications at each point, in the same order.
            The design was {DesignSampler.MethodName(study.Design.Method)} with {study.Design.Samples} samples and seed {study.Design.Seed}; a parameter given as a list of values is described as uniform over its smallest and largest value.

            """;
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Lines(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        return text.ToString();
    }
}
