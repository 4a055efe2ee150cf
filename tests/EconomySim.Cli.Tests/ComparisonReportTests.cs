using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace EconomySim.Cli.Tests;

/// <summary>
/// A stored experiment of two variants with ten replications each (Cambridgeshire and Peterborough, two years), run once
/// through the command line and reported with `compare --html`.
/// </summary>
public sealed class ReplicatedExperimentReport : IDisposable
{
    public const string Name = "report-pbr-block";

    public ReplicatedExperimentReport()
    {
        var file = Path.Combine(Directory, "experiment.yaml");
        File.WriteAllText(file, Cli.PbrAgainstBlockExperiment(Name, 10, """
              - metric: waiting_list
                year: 2025
                lower: pbr
                than: block
              - property: money_conserved
            """));
        Experiment = Cli.Run("experiment", file, "--store", Store, "--json");
        Compare = Cli.Run("compare", "--experiment", Name, "--store", Store, "--metric", "waiting_list", "trust_surplus", "bailouts", "--html", ReportFile, "--expect", file);
        Html = File.Exists(ReportFile) ? File.ReadAllText(ReportFile) : "";
        File.Copy(ReportFile, Path.Combine(EconomySim.Testing.RepositoryRoot.TestResults, "compare-report.html"), overwrite: true);
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("economysim-report-").FullName;
    public string Store => "sqlite:" + Path.Combine(Directory, "runs.db");
    public string ReportFile => Path.Combine(Directory, "report.html");
    public CliResult Experiment { get; }
    public CliResult Compare { get; }
    public string Html { get; }

    /// <summary>The report's section for one outcome: its heading, chart and table.</summary>
    public string Section(string metric)
    {
        var match = Regex.Match(Html, $"<section class=\"outcome\" data-metric=\"{metric}\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(match.Success, $"the report has a section for {metric}");
        return match.Groups[1].Value;
    }

    public static IReadOnlyList<string> SvgTexts(string html) =>
        Regex.Matches(html, "<text[^>]*>(.*?)</text>", RegexOptions.Singleline).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value.Trim())).ToList();

    /// <summary>The table's body rows, each as its cells' text.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(string section) =>
        Regex.Matches(Regex.Match(section, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(r => (IReadOnlyList<string>)Regex.Matches(r.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToList()).ToList();

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

public sealed class ComparisonReportTests(ReplicatedExperimentReport report) : IClassFixture<ReplicatedExperimentReport>
{
    [Fact]
    public void The_report_labels_its_year_axis_with_whole_years_one_tick_a_year()
    {
        Assert.True(report.Experiment.ExitCode == 0, report.Experiment.Stderr);
        Assert.True(report.Compare.ExitCode == 0, report.Compare.Stderr);
        var texts = ReplicatedExperimentReport.SvgTexts(report.Section("waiting_list"));
        Assert.Contains("year", texts);
        var years = texts.Where(t => Regex.IsMatch(t, @"^\d{4}$")).ToList();
        Assert.Equal(["2024", "2025"], years);
        Assert.DoesNotContain(texts, t => Regex.IsMatch(t, @"^\d,\d{3}$"));
    }

    [Fact]
    public void Each_replicated_variant_gets_a_shaded_95_percent_band_in_its_own_colour_and_the_legend_names_it()
    {
        var section = report.Section("waiting_list");
        var bands = Regex.Matches(section, "<path fill=\"(#[0-9A-Fa-f]{6})\" fill-opacity=\"0\\.2\" d=\"([^\"]+)\"").ToList();
        Assert.Equal(2, bands.Select(b => b.Groups[1].Value).Distinct().Count());
        // A band is an area (four corners and back), not a line.
        Assert.All(bands, b => Assert.True(b.Groups[2].Value.Split('L').Length >= 4, b.Value));
        var legend = ReplicatedExperimentReport.SvgTexts(section);
        foreach (var entry in new[] { "pbr: 95% interval", "block: 95% interval", "pbr (mean of 10)", "block (mean of 10)" }) Assert.Contains(entry, legend);
    }

    [Fact]
    public void Units_come_from_the_metric_catalogue_on_the_axis_and_in_the_table()
    {
        var waiting = report.Section("waiting_list");
        Assert.Contains("patients", ReplicatedExperimentReport.SvgTexts(waiting));
        Assert.Contains("<small>(patients)</small>", waiting);
        Assert.Contains("Patients on elective waiting lists", waiting);
        var surplus = WebUtility.HtmlDecode(report.Section("trust_surplus"));
        Assert.Contains("£m", ReplicatedExperimentReport.SvgTexts(surplus));
        Assert.Contains("pbr <small>(£m)</small>", surplus);
    }

    [Fact]
    public void A_note_says_what_the_intervals_are_and_counts_are_whole_numbers_whose_intervals_never_go_below_zero()
    {
        var note = Regex.Match(report.Html, "<p class=\"intervals\">(.*?)</p>").Groups[1].Value;
        Assert.Contains("95% confidence interval of the mean", WebUtility.HtmlDecode(note));
        Assert.Contains("Student", note);
        Assert.Contains("bootstrap percentile interval", note);
        Assert.Contains("pbr minus each other group, paired by seed", note);
        var bailouts = ReplicatedExperimentReport.Rows(report.Section("bailouts"));
        Assert.Equal(2, bailouts.Count);
        foreach (var row in bailouts)
            foreach (var cell in row.Skip(1).Take(2))
                Assert.Matches(@"^\d[\d,]* \[\d[\d,]*, \d[\d,]*\]$", cell);
    }

    [Fact]
    public void The_table_holds_the_paired_difference_first_variant_minus_the_second_with_its_interval()
    {
        var section = report.Section("trust_surplus");
        Assert.Contains("<th class=\"difference\">pbr − block</th><th>pairs</th>", section);
        foreach (var row in ReplicatedExperimentReport.Rows(section))
        {
            var (pbr, block, difference) = (Mean(row[1]), Mean(row[2]), Mean(row[3]));
            // Every replication pairs, so the mean of the differences is the difference of the means (to rounding).
            Assert.InRange(difference, pbr - block - 0.11, pbr - block + 0.11);
            Assert.Matches(@"^[+-]?[\d,]+\.\d \[[+-]?[\d,]+\.\d, [+-]?[\d,]+\.\d\]$", row[3]);
            Assert.Equal("10", row[4]);
        }
    }

    private static double Mean(string cell) => double.Parse(cell.Split(' ')[0], NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    [Fact]
    public void The_experiment_files_expectations_are_checked_with_the_same_sign_as_the_table()
    {
        var verdicts = Regex.Match(report.Html, "<section class=\"expectations\">(.*?)</section>", RegexOptions.Singleline);
        Assert.True(verdicts.Success, "the report has the expectations' verdicts");
        var row = ReplicatedExperimentReport.Rows(verdicts.Groups[1].Value).Single();
        Assert.Equal("pbr - block", row[1]);
        Assert.Equal("holds", row[3]);
        // The clause's paired difference is the table's pbr - block in 2025, interval and all.
        var table = ReplicatedExperimentReport.Rows(report.Section("waiting_list")).Single(r => r[0] == "2025");
        Assert.Equal(table[3], row[2]);
        Assert.Contains("1 expectation(s) not checked here", verdicts.Groups[1].Value);
    }

    [Fact]
    public void An_expectation_about_a_year_the_runs_do_not_have_is_refused_in_one_line_and_no_report_is_written()
    {
        // A valid experiment file, but of five years where the stored runs ran two.
        var file = Path.Combine(report.Directory, "later.yaml");
        File.WriteAllText(file, Cli.PbrAgainstBlockExperiment(ReplicatedExperimentReport.Name, 10, """
              - metric: waiting_list
                year: 2028
                lower: pbr
                than: block
            """, years: 5));
        var target = Path.Combine(report.Directory, "later.html");
        var result = Cli.Run("compare", "--experiment", ReplicatedExperimentReport.Name, "--store", report.Store, "--html", target, "--expect", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--expect: {file}:", result.Stderr);
        Assert.Contains("reads a year the compared runs do not have (they run 2024 to 2025)", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.False(File.Exists(target));
    }
}
