using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using EconomySim.Designs;
using EconomySim.Experiments;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

/// <summary>What a sensitivity study looks like on the terminal, as JSON and as a self-contained HTML report.</summary>
public static class SensitivityReports
{
    /// <summary>The sentence under every table and chart: what the intervals are and what the noise share means.</summary>
    public static string IntervalNote(SensitivityStudyResult study, int replications)
    {
        var b = study.Outcomes.FirstOrDefault()?.Report.Bootstrap ?? new BootstrapOptions();
        var units = study.Design.Method switch
        {
            DesignMethod.Sobol => "base samples",
            DesignMethod.Morris => "trajectories",
            _ => "design points",
        };
        return $"Intervals: {(b.Confidence * 100).ToString("0.#", CultureInfo.InvariantCulture)}% percentile bootstrap over the design's {units} ({b.Resamples} resamples, seed {b.Seed}); " +
               $"indices use each point's mean over {replications} replication{(replications == 1 ? "" : "s")}. " +
               "Noise share: the noise that moves one point's replications against another's (what common random numbers do not cancel) " +
               "over the variance of the point means (near or above 100%, noise rather than the parameters drives the spread).";
    }

    /// <summary>What parameters are ranked by, by design.</summary>
    public static string RankedBy(DesignMethod method) => method switch
    {
        DesignMethod.Sobol => "total index ST",
        DesignMethod.Morris => "mu*",
        _ => "|SRC|",
    };

    public static void Table(SensitivityStudyResult study, string experiment, int replications, Tables.Report report)
    {
        var method = study.Design.Method;
        report.Line($"{experiment}: {DesignSampler.MethodName(method)} design of {study.Parameters.Count} parameters, ranked by {RankedBy(method)}");
        foreach (var outcome in study.Outcomes)
        {
            var r = outcome.Report;
            report.Blank();
            report.Line($"{outcome.Metric} ({RunReport.UnitLabel(outcome.Unit)}), {outcome.Year}, variant {outcome.Variant}: R² {F(r.RSquared)}, noise share {Share(r.Noise.Share)}");
            var headers = method switch
            {
                DesignMethod.Sobol => new[] { "S1 [low, high]", "ST [low, high]" },
                DesignMethod.Morris => ["mu* [low, high]", "mu", "sigma"],
                _ => [],
            };
            var table = new Tables.TextTable(new[] { Tables.TextColumn.Key("rank"), Tables.TextColumn.Key("parameter") }.Concat(headers.Append("SRC [low, high]").Select(Tables.TextColumn.Figure)));
            var rank = 0;
            foreach (var p in r.Ranked)
            {
                var cells = new List<Tables.TextCell> { (++rank).ToString(CultureInfo.InvariantCulture), study.Parameters[p.Parameter] };
                if (p.FirstOrder is { } s1 && p.Total is { } st) cells.AddRange([Show(s1), Show(st)]);
                if (p.Morris is { } m)
                {
                    var per = Per(outcome.Unit);
                    cells.AddRange([Show(m.MuStar with { Value = m.MuStar.Value / per, Lower = m.MuStar.Lower / per, Upper = m.MuStar.Upper / per }), F(m.Mu / per), F(m.Sigma / per)]);
                }
                cells.Add(Show(p.Regression));
                table.AddRow(cells);
            }
            report.Table(table);
            if (method == DesignMethod.Morris)
                report.Line($"  mu, mu* and sigma: change in {outcome.Metric} ({RunReport.UnitLabel(outcome.Unit)}) over each parameter's whole range");
            foreach (var s in r.SecondOrder.Where(s => s.Index.Lower > 0))
                report.Line($"  interaction {study.Parameters[s.First]} x {study.Parameters[s.Second]}: S2 {Show(s.Index)}");
        }
        if (study.Unvarying.Count > 0)
            report.Line(NotMoved(study));
        report.Line(IntervalNote(study, replications));
    }

    public static string Json(SensitivityStudyResult study, string experiment, int replications, int runs) => JsonSerializer.Serialize(new
    {
        experiment,
        design = new
        {
            method = DesignSampler.MethodName(study.Design.Method),
            samples = study.Design.Samples,
            seed = study.Design.Seed,
            levels = study.Design.Method == DesignMethod.Morris ? study.Design.Levels : (int?)null,
            second_order = study.Design.SecondOrder,
            points = DesignSampler.RowCount(study.Design),
        },
        parameters = study.Parameters,
        replications,
        runs,
        ranked_by = RankedBy(study.Design.Method),
        intervals = IntervalNote(study, replications),
        outcomes = study.Outcomes.Select(o => new
        {
            variant = o.Variant, metric = o.Metric, unit = o.Unit, year = o.Year,
            r_squared = N(o.Report.RSquared),
            noise = new
            {
                replications = o.Report.Noise.Replications,
                noise_variance = N(o.Report.Noise.NoiseVariance),
                between_point_variance = N(o.Report.Noise.BetweenPointVariance),
                share = N(o.Report.Noise.Share),
            },
            parameters = o.Report.Ranked.Select((p, i) => new
            {
                parameter = study.Parameters[p.Parameter],
                rank = i + 1,
                first_order = Interval(p.FirstOrder),
                total = Interval(p.Total),
                mu = p.Morris is null ? null : N(p.Morris.Mu),
                mu_star = Interval(p.Morris?.MuStar),
                sigma = p.Morris is null ? null : N(p.Morris.Sigma),
                src = Interval(p.Regression),
            }),
            second_order = o.Report.SecondOrder.Select(s => new
            {
                first = study.Parameters[s.First], second = study.Parameters[s.Second],
                value = N(s.Index.Value), low = N(s.Index.Lower), high = N(s.Index.Upper),
            }),
        }),
        unvarying = study.Unvarying,
    });

    /// <summary>A tornado chart per outcome (parameters ranked, bars with their interval as whiskers), as inline SVG.</summary>
    public static string Html(SensitivityStudyResult study, string experiment, int replications)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>EconomySim sensitivity: ").Append(E(experiment))
            .Append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}.chart{margin:8px 0}</style></head><body>");
        html.Append("<h1>Sensitivity of ").Append(E(experiment)).Append("</h1><p>").Append(E($"{DesignSampler.MethodName(study.Design.Method)} design of {study.Parameters.Count} parameters ({string.Join(", ", study.Parameters)}); parameters ranked by {RankedBy(study.Design.Method)}.")).Append("</p>");
        html.Append("<p class=\"intervals\">").Append(E(IntervalNote(study, replications))).Append("</p>");
        foreach (var o in study.Outcomes)
        {
            var r = o.Report;
            html.Append("<h2>").Append(E($"{o.Metric}, {o.Year}, variant {o.Variant}")).Append("</h2><p>")
                .Append(E($"R² of the linear fit {F(r.RSquared)}; noise share {Share(r.Noise.Share)} over {r.Noise.Replications} replication(s) per point.")).Append("</p>");
            html.Append("<div class=\"chart\">").Append(Tornado(study, o)).Append("</div>");
        }
        if (study.Unvarying.Count > 0) html.Append("<p>").Append(E(NotMoved(study))).Append("</p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string Tornado(SensitivityStudyResult study, OutcomeSensitivity outcome)
    {
        var ranked = outcome.Report.Ranked;
        IndexEstimate Measure(ParameterSensitivity p) => p.Total ?? p.Morris?.MuStar ?? p.Regression;
        var count = ranked.Count;
        var plot = new ScottPlot.Plot();
        // The most important parameter on top, as a tornado reads.
        var positions = Enumerable.Range(0, count).Select(i => (double)(count - 1 - i)).ToArray();
        var per = study.Design.Method == DesignMethod.Morris ? Per(outcome.Unit) : 1;
        var values = ranked.Select(p => Finite(Measure(p).Value) / per).ToArray();
        var bars = plot.Add.Bars(values.Select((v, i) => new ScottPlot.Bar { Position = positions[i], Value = v }).ToArray());
        bars.Horizontal = true;
        var low = ranked.Select((p, i) => Math.Max(0, values[i] - Finite(Measure(p).Lower) / per)).ToArray();
        var high = ranked.Select((p, i) => Math.Max(0, Finite(Measure(p).Upper) / per - values[i])).ToArray();
        plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(values, positions, high, low, null!, null!));
        plot.Axes.Left.SetTicks(positions, ranked.Select(p => study.Parameters[p.Parameter]).ToArray());
        plot.XLabel(RankedBy(study.Design.Method) + (study.Design.Method == DesignMethod.Morris ? $" ({RunReport.UnitLabel(outcome.Unit)} over the range)" : "") + " with interval");
        plot.Title($"{outcome.Metric} {outcome.Year} ({outcome.Variant})");
        return plot.GetSvgXml(640, 80 + 40 * count).Replace("<?xml version=\"1.0\" encoding=\"utf-8\" ?>", "");
    }

    private static string NotMoved(SensitivityStudyResult study) =>
        $"Not analysed, moved by no parameter (the same mean at every design point): {string.Join(", ", study.Unvarying)}.";

    /// <summary>Money is shown in £m, as run and compare show it; other units as they are.</summary>
    private static double Per(string unit) => unit == "GBP" ? 1e6 : 1;

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;

    private static object? Interval(IndexEstimate? e) => e is null ? null : new { value = N(e.Value), low = N(e.Lower), high = N(e.Upper) };

    private static double? N(double v) => double.IsFinite(v) ? v : null;

    private static string F(double v) => double.IsFinite(v) ? v.ToString("#,##0.000", CultureInfo.InvariantCulture) : "n/a";

    private static string Share(double v) =>
        double.IsNaN(v) ? "n/a (one replication per point)" : v >= 10 ? "over 1,000%" : (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Show(IndexEstimate e) => $"{F(e.Value)} [{F(e.Lower)}, {F(e.Upper)}]";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
