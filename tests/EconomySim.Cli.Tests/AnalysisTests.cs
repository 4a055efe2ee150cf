using System.Globalization;
using Parquet.Serialization;

namespace EconomySim.Cli.Tests;

/// <summary>Comparing and exporting stored runs through the command line.</summary>
public sealed class AnalysisTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-analysis-").FullName;
    private string Store => "sqlite:" + Path.Combine(_dir, "runs.db");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CliResult Kept(string config, string id)
    {
        var result = Cli.Run("run", Cli.Config(config), "--years", "2", "--store", Store, "--run-id", id, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result;
    }

    [Fact]
    public void Compare_puts_runs_side_by_side_with_their_differences_and_writes_an_html_report()
    {
        var devolved = Kept("greater-manchester.yaml", "devolved");
        var counterfactual = Kept("greater-manchester-no-devolution.yaml", "counterfactual");
        var report = Path.Combine(_dir, "report.html");
        var result = Cli.Run("compare", "devolved", "counterfactual", "--store", Store, "--metric", "waiting_list", "--json", "--html", report);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var rows = result.Json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        var first = rows[0];
        var a = devolved.Json.GetProperty("outcomes_by_year")[0].GetProperty("values").GetProperty("waiting_list").GetDecimal();
        var b = counterfactual.Json.GetProperty("outcomes_by_year")[0].GetProperty("values").GetProperty("waiting_list").GetDecimal();
        Assert.Equal(a, first.GetProperty("groups")[0].GetProperty("mean").GetDecimal());
        Assert.Equal(a - b, first.GetProperty("differences_from_first")[1].GetProperty("mean").GetDecimal());
        var html = File.ReadAllText(report);
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("http://cdn", html);
        Assert.DoesNotContain("<script src", html);
    }

    [Fact]
    public void Compare_refuses_an_unknown_metric_and_lists_the_metrics()
    {
        Kept("greater-manchester.yaml", "one");
        Kept("greater-manchester.yaml", "two");
        var result = Cli.Run("compare", "one", "two", "--store", Store, "--metric", "waiting_lists");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'waiting_lists' is not a metric", result.Stderr);
        Assert.Contains("waiting_list,", result.Stderr);
    }

    [Fact]
    public async Task Export_writes_a_tidy_long_table_as_csv_and_parquet_and_will_not_overwrite_without_force()
    {
        var run = Kept("greater-manchester.yaml", "tidy");
        var folder = Path.Combine(_dir, "export");
        var csv = Cli.Run("export", "tidy", "--store", Store, "--out", folder);
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        var lines = File.ReadAllLines(Path.Combine(folder, "tidy.csv"));
        Assert.Equal("run,replication,year,tick,organisation,kind,metric,value", lines[0]);
        // The system total for the last year's waiting list is the figure the run printed.
        var lastYear = run.Json.GetProperty("outcomes_by_year")[1];
        var printed = lastYear.GetProperty("values").GetProperty("waiting_list").GetDecimal();
        var exported = lines.Select(l => l.Split(',')).Single(f => f[3] == "23" && f[4] == "all" && f[6] == "waiting_list");
        Assert.Equal(printed, decimal.Parse(exported[7], CultureInfo.InvariantCulture));
        Assert.Contains(lines, l => l.Contains(",TRA-") && l.Contains("hospital.waiting_list"));

        var parquet = Cli.Run("export", "tidy", "--store", Store, "--out", folder, "--format", "parquet");
        Assert.True(parquet.ExitCode == 0, parquet.Stderr);
        await using (var stream = File.OpenRead(Path.Combine(folder, "tidy.parquet")))
        {
            var rows = await ParquetSerializer.DeserializeAsync<EconomySim.History.ExportRow>(stream);
            Assert.Equal(lines.Length - 1, rows.Data.Count);
        }

        var again = Cli.Run("export", "tidy", "--store", Store, "--out", folder);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Stderr);
        Assert.Equal(0, Cli.Run("export", "tidy", "--store", Store, "--out", folder, "--force").ExitCode);
    }
}
