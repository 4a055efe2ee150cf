namespace EconomySim.Cli.Tests;

/// <summary>Every kind of bad input gets one clear line naming what is wrong and what is allowed, exit code 2, no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-bad-input-").FullName;
    private static readonly string GreaterManchester = Cli.Config("greater-manchester.yaml");
    // Mutated copies are written elsewhere, so they start from a scenario that extends nothing.
    private static readonly string England = Cli.Config("england.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Mutated(string name, string find, string replace)
    {
        var text = File.ReadAllText(England);
        Assert.Contains(find, text);
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text.Replace(find, replace));
        return path;
    }

    private static int LineOf(string path, string text) =>
        File.ReadAllLines(path).Select((line, i) => (line, i)).First(x => x.line.Contains(text)).i + 1;

    private static void AssertOneClearLine(CliResult result, params string[] mustContain)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        foreach (var text in mustContain) Assert.Contains(text, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        AssertOneClearLine(Cli.Run("run", Path.Combine(_dir, "nope.yaml")), "nope.yaml: file not found");
    }

    [Fact]
    public void A_yaml_syntax_error_names_file_and_line()
    {
        var path = Mutated("syntax.yaml", "  acute_share: 0.5 ", "  acute_share: [0.5 ");
        AssertOneClearLine(Cli.Run("run", path), $"syntax.yaml:{LineOf(path, "acute_share")}:", "YAML syntax error");
    }

    [Fact]
    public void An_unknown_key_names_the_nearest_allowed_key()
    {
        var path = Mutated("unknown.yaml", "  pace_of_change:", "  pace_of_chang:");
        AssertOneClearLine(Cli.Run("run", path), $"unknown.yaml:{LineOf(path, "pace_of_chang")}:3: funder.pace_of_chang", "did you mean `pace_of_change`");
    }

    [Fact]
    public void A_value_of_the_wrong_type_says_what_type_is_wanted()
    {
        var path = Mutated("type.yaml", "  years: 10 ", "  years: ten ");
        AssertOneClearLine(Cli.Run("run", path), $"type.yaml:{LineOf(path, "years: ten")}:", "scenario.years", "whole number between 1 and 50");
    }

    [Fact]
    public void A_value_out_of_range_gives_the_range()
    {
        var path = Mutated("range.yaml", "  pace_of_change: 0.25", "  pace_of_change: 1.5");
        AssertOneClearLine(Cli.Run("validate", path), $"range.yaml:{LineOf(path, "pace_of_change")}:", "funder.pace_of_change: 1.5 is out of range", "between 0 and 1");
    }

    [Fact]
    public void Shares_that_do_not_add_up_say_what_they_add_up_to()
    {
        var path = Mutated("shares.yaml", "  acute_share: 0.5 ", "  acute_share: 0.45 ");
        AssertOneClearLine(Cli.Run("run", path), "shares.yaml:", "add up to 0.95", "must sum to 1");
    }

    [Fact]
    public void An_unknown_regime_lists_the_regimes_allowed()
    {
        var path = Mutated("regime.yaml", "  acute_payment: blended", "  acute_payment: blendid");
        AssertOneClearLine(Cli.Run("run", path), $"regime.yaml:{LineOf(path, "acute_payment")}:", "contracts.acute_payment", "payment_by_results, block, blended, capitation");
    }

    [Theory]
    [InlineData("--seed", "abc", "--seed: 'abc' is not a whole number")]
    [InlineData("--seed", "-3", "--seed: '-3' is not a whole number")]
    [InlineData("--years", "0", "--years: 0 is out of range; allowed: 1 to 50")]
    [InlineData("--scale", "zero", "--scale: 'zero' is not a whole number; allowed: 1 to 1000")]
    [InlineData("--store", "bogus", "--store: 'bogus' is not a store; allowed: none, sqlite, sqlite:PATH, postgres:CONNECTION-STRING")]
    [InlineData("--store", "postgres:Host=;Password=secret", "is not a PostgreSQL connection string")]
    [InlineData("--run-id", "Bad Id", "--run-id: 'Bad Id' is not a valid run id")]
    [InlineData("--history-cadence", "weekly", "--history-cadence: 'weekly' is not a cadence; allowed: year, month, phase")]
    [InlineData("--join-wait", "0", "--join-wait: 0 is out of range; allowed: 1 to 3600")]
    [InlineData("--join-wait", "soon", "--join-wait: 'soon' is not a whole number; allowed: 1 to 3600")]
    public void A_bad_flag_value_names_the_flag_and_what_is_allowed(string flag, string value, string message)
    {
        AssertOneClearLine(Cli.Run("run", GreaterManchester, flag, value), message);
    }

    [Theory]
    [InlineData("run", "--join-wait", "5")]
    [InlineData("run", "--listen", "127.0.0.1:0")]
    [InlineData("experiment", "--join-wait", "5")]
    [InlineData("experiment", "--listen", "127.0.0.1:0")]
    [InlineData("calibrate", "--join-wait", "5")]
    public void A_cluster_node_flag_without_a_cluster_is_refused_rather_than_ignored(string command, string flag, string value)
    {
        string[] file = command switch
        {
            "run" => [GreaterManchester],
            "experiment" => [Cli.Config("experiments/pbr-vs-block.yaml")],
            _ => [Cli.Config("experiments/calibrate-england-2015.yaml"), "--targets", Cli.Config("targets/england.yaml")],
        };
        AssertOneClearLine(Cli.Run([command, .. file, flag, value]), $"{flag}: only with --cluster HOST:PORT");
    }

    [Fact]
    public void An_unknown_flag_is_named()
    {
        AssertOneClearLine(Cli.Run("run", GreaterManchester, "--bogus"), "'--bogus'", "economysim run --help");
    }

    [Fact]
    public void A_missing_scenario_file_argument_is_explained()
    {
        AssertOneClearLine(Cli.Run("run"), "FILE is missing");
    }

    [Fact]
    public void Verbose_adds_the_details_behind_the_message()
    {
        var path = Mutated("verbose.yaml", "  pace_of_change: 0.25", "  pace_of_change: 1.5");
        var result = Cli.Run("run", path, "--verbose");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("   at ", result.Stderr);
    }
}
