namespace EconomySim.Cli.Tests;

public class RunCommandTests
{
    private static readonly string GreaterManchester = Cli.Config("greater-manchester.yaml");

    [Fact]
    public void Running_greater_manchester_prints_the_run_figures_as_json()
    {
        var result = Cli.Run("run", GreaterManchester, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = result.Json;
        foreach (var field in new[] { "run_id", "scenario", "seed", "years", "organisations", "messages", "digest", "wall_seconds", "outcomes" })
            Assert.True(json.TryGetProperty(field, out _), $"missing {field}");
        Assert.Matches("^[0-9a-f]{64}$", json.GetProperty("digest").GetString());
        Assert.True(json.GetProperty("money_conserved").GetBoolean());
        Assert.True(json.GetProperty("outcomes").GetProperty("emergency_admissions").GetDecimal() > 0);
        Assert.StartsWith("greater-manchester-", json.GetProperty("run_id").GetString());
    }

    [Fact]
    public void The_same_file_and_seed_give_the_same_digest_on_one_core_and_on_all()
    {
        var all = Cli.Run("run", GreaterManchester, "--seed", "7", "--json");
        var again = Cli.Run("run", GreaterManchester, "--seed", "7", "--json");
        var oneCore = Cli.Run(["run", GreaterManchester, "--seed", "7", "--json"], new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" });
        Assert.True(all.ExitCode == 0 && again.ExitCode == 0 && oneCore.ExitCode == 0, all.Stderr + again.Stderr + oneCore.Stderr);
        var digest = all.Json.GetProperty("digest").GetString();
        Assert.Equal(digest, again.Json.GetProperty("digest").GetString());
        Assert.Equal(digest, oneCore.Json.GetProperty("digest").GetString());
    }

    [Fact]
    public void A_different_seed_gives_a_different_digest()
    {
        var a = Cli.Run("run", GreaterManchester, "--seed", "1", "--years", "2", "--json");
        var b = Cli.Run("run", GreaterManchester, "--seed", "2", "--years", "2", "--json");
        Assert.NotEqual(a.Json.GetProperty("digest").GetString(), b.Json.GetProperty("digest").GetString());
    }

    [Fact]
    public void Years_and_scale_change_the_size_of_the_run()
    {
        var one = Cli.Run("run", GreaterManchester, "--years", "1", "--json").Json;
        var scaled = Cli.Run("run", GreaterManchester, "--years", "1", "--scale", "3", "--json").Json;
        Assert.Equal(1, one.GetProperty("years").GetInt32());
        Assert.Equal(1, one.GetProperty("outcomes_by_year").GetArrayLength());
        var organisations = one.GetProperty("organisations").GetInt32();
        // The national funder is not multiplied.
        Assert.Equal((organisations - 1) * 3 + 1, scaled.GetProperty("organisations").GetInt32());
    }

    [Fact]
    public void Without_json_the_run_prints_a_table_of_outcomes_per_year()
    {
        var result = Cli.Run("run", GreaterManchester, "--years", "2", "--run-id", "gm-table");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("gm-table", result.Stdout);
        Assert.Contains("waiting_list", result.Stdout);
        Assert.Contains("2016/17", result.Stdout);
        Assert.Contains("2017/18", result.Stdout);
        Assert.Contains("money conserved: yes", result.Stdout);
    }

    [Fact]
    public void Validate_accepts_every_shipped_scenario()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.RepositoryRoot, "configs"), "*.yaml"))
        {
            var result = Cli.Run("validate", file);
            Assert.True(result.ExitCode == 0, $"{file}: {result.Stderr}");
            Assert.Contains("valid scenario", result.Stdout);
        }
    }
}
