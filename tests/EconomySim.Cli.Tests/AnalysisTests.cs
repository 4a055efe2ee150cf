using System.Globalization;
using EconomySim.Domain;
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
        Assert.Equal("experiment,variant,replication,seed,scenario,run_id,year,date,metric,unit,value", lines[0]);
        // Every metric in every simulated month, the month's first day as its date.
        Assert.Equal(2 * 12 * MetricCatalogue.Count, lines.Length - 1);
        // The system total for the last month's waiting list is the last year's figure the run printed.
        var lastYear = run.Json.GetProperty("outcomes_by_year")[1];
        var printed = lastYear.GetProperty("values").GetProperty("waiting_list").GetDecimal();
        var exported = lines.Select(l => l.Split(',')).Single(f => f[7] == "2018-03-01" && f[8] == "waiting_list");
        Assert.Equal(["", "", "", "1", "greater-manchester", "tidy", "2017"], exported[..7]);
        Assert.Equal(("{patient}", printed), (exported[9], decimal.Parse(exported[10], CultureInfo.InvariantCulture)));

        var parquet = Cli.Run("export", "tidy", "--store", Store, "--out", folder, "--format", "parquet");
        Assert.True(parquet.ExitCode == 0, parquet.Stderr);
        await using (var stream = File.OpenRead(Path.Combine(folder, "tidy.parquet")))
        {
            var table = await ParquetSerializer.DeserializeUntypedAsync(stream);
            Assert.Equal(lines.Length - 1, table.Data.Count);
            Assert.Equal(lines[0].Split(','), table.Schema.DataFields.Select(f => f.Name));
        }

        var again = Cli.Run("export", "tidy", "--store", Store, "--out", folder);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--force", again.Stderr);
        Assert.Equal(0, Cli.Run("export", "tidy", "--store", Store, "--out", folder, "--force").ExitCode);
    }
}
