using EconomySim.Testing;

namespace EconomySim.Cli.Tests;

/// <summary>What a researcher is told when a word on the command line is not quite right, and which store a command uses.</summary>
public sealed class CommandLineMannersTests
{
    private static void AssertOneLine(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("\\n", result.Stderr);
    }

    [Fact]
    public void A_mistyped_command_is_named_with_the_nearest_command()
    {
        AssertOneLine(Cli.Run("runz"), "economysim: unknown command 'runz' (did you mean 'run'?); commands: run, validate, experiment");
    }

    [Fact]
    public void A_mistyped_option_is_named_with_the_nearest_option_of_its_command()
    {
        AssertOneLine(Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--seeds", "2"), "economysim run: unknown option '--seeds' (did you mean '--seed'?)");
    }

    [Fact]
    public void A_scenario_file_that_is_not_there_is_named_with_the_nearest_file_beside_it()
    {
        using var scratch = new TemporaryFolder("economysim-manners-");
        var folder = scratch.Path;
        File.Copy(Cli.Config("greater-manchester.yaml"), Path.Combine(folder, "greater-manchester.yaml"));
        var result = Cli.Run(["validate", "greater-manchestr.yaml"], workingDirectory: folder);
        AssertOneLine(result, "greater-manchestr.yaml: file not found (did you mean 'greater-manchester.yaml'?)");
        var far = Cli.Run(["validate", "nothing-like-it.yaml"], workingDirectory: folder);
        AssertOneLine(far, "nothing-like-it.yaml: file not found");
        Assert.DoesNotContain("did you mean", far.Stderr);
    }

    [Theory]
    [InlineData("--pace", "2")]
    [InlineData("--linger", "30")]
    public void A_duration_without_a_unit_is_refused_naming_the_units_allowed(string option, string value)
    {
        var args = option == "--linger"
            ? new[] { "run", Cli.Config("greater-manchester.yaml"), "--store", "none", "--dashboard", "--port", "0", option, value }
            : ["run", Cli.Config("greater-manchester.yaml"), "--store", "none", option, value];
        AssertOneLine(Cli.Run(args), $"{option}: '{value}' has no unit; a duration needs one: ms, s or m");
    }

    [Fact]
    public void A_value_outside_a_list_is_refused_on_one_line_without_escaped_line_breaks()
    {
        var result = Cli.Run("export", "some-run", "--format", "xlsx", "--out", Path.GetTempPath());
        AssertOneLine(result, "'xlsx'");
        Assert.Contains("'csv' 'parquet'", result.Stderr);
    }

    [Fact]
    public void A_run_that_makes_the_default_store_warns_once_naming_where_it_is_and_a_store_named_with_the_flag_does_not()
    {
        using var scratch = new TemporaryFolder("economysim-manners-");
        var folder = scratch.Path;
        string[] run = ["run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--json"];
        var first = Cli.Run([.. run, "--run-id", "first"], workingDirectory: folder);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Contains($"economysim: warning: no store at {Path.Combine(folder, "runs", "economysim.db")}; a new one is made there", first.Stderr);
        var second = Cli.Run([.. run, "--run-id", "second"], workingDirectory: folder);
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.DoesNotContain("warning", second.Stderr);
        var named = Cli.Run([.. run, "--run-id", "named", "--store", "sqlite:" + Path.Combine(folder, "named.db")], workingDirectory: folder);
        Assert.True(named.ExitCode == 0, named.Stderr);
        Assert.True(File.Exists(Path.Combine(folder, "named.db")));
        Assert.DoesNotContain("warning", named.Stderr);
    }

    [Fact]
    public void The_metric_catalogue_gives_each_metric_its_unit_year_value_and_meaning()
    {
        var table = Cli.Run("metrics");
        Assert.True(table.ExitCode == 0, table.Stderr);
        var prevention = Assert.Single(table.Stdout.Split('\n'), l => l.TrimStart().StartsWith("spend_prevention ", StringComparison.Ordinal));
        Assert.Contains("£m", prevention);
        Assert.Contains("pump prime", prevention);
        var csv = Cli.Run("metrics", "waiting_list", "share_acute", "--format", "csv");
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        Assert.Equal(["metric,unit,year value,meaning", "waiting_list,patients,year-end level,Patients on elective waiting lists"], csv.Stdout.Split('\n').Take(2));
        Assert.StartsWith("share_acute,%,derived,", csv.Stdout.Split('\n')[2]);
        AssertOneLine(Cli.Run("metrics", "waiting_lst"), "'waiting_lst' is not a metric (did you mean 'waiting_list'?)");
    }
}
