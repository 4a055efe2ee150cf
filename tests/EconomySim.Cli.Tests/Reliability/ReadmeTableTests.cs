namespace EconomySim.Cli.Tests.Reliability;

/// <summary>The README's reliability table is the suite's own output: written by it, and checked against it.</summary>
public sealed class ReadmeTableTests
{
    public const string Start = "<!-- reliability table: written by tests/EconomySim.Cli.Tests/Reliability; do not edit by hand -->";
    public const string End = "<!-- end of reliability table -->";

    [Fact]
    public void The_readme_reliability_table_is_the_one_the_suite_produces()
    {
        var table = ReliabilityFigures.Table();
        var written = Path.Combine(AppContext.BaseDirectory, "reliability-table.md");
        File.WriteAllText(written, table);
        var readme = File.ReadAllText(Path.Combine(Cli.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var from = readme.IndexOf(Start, StringComparison.Ordinal);
        var to = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"README.md has no reliability table between\n{Start}\nand\n{End}\nIt should read:\n{table}");
        var inReadme = readme[(from + Start.Length)..to].Trim('\n') + "\n";
        Assert.True(inReadme == table, $"README.md's reliability table differs from the suite's (also written to {written}). It should read:\n{table}");
    }
}
