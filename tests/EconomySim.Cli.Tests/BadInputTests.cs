namespace EconomySim.Cli.Tests;

/// <summary>Every kind of bad input gets one clear line naming what is wrong and what is allowed, exit code 2, no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string name, Func<string, string> transform)
    {
        var text = File.ReadAllText(Cli.Config("greater-manchester.yaml"));
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, transform(text));
        return path;
    }

    private static void AssertOneClearLine(CliResult result, params string[] mustContain)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        foreach (var text in mustContain) Assert.Contains(text, result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }
}
