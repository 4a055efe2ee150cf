using System.Text.RegularExpressions;

namespace EconomySim.Cli.Tests;

/// <summary>A store holding two runs of Greater Manchester and a small experiment, for the tables read back from it.</summary>
public sealed class TerminalTableStore : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("economysim-terminal-").FullName;

    public string Store => $"sqlite:{Path.Combine(Folder, "runs.db")}";

    public string Experiment { get; }

    public TerminalTableStore()
    {
        foreach (var id in new[] { "gm-first", "gm-second" })
        {
            var run = Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "2", "--store", Store, "--run-id", id, "--json");
            Assert.True(run.ExitCode == 0, run.Stderr);
        }
        Experiment = Path.Combine(Folder, "pbr-block-terminal.yaml");
        File.WriteAllText(Experiment, Cli.PbrAgainstBlockExperiment("pbr-block-terminal", 3, """
              - {metric: elective_treated, year: 2024, higher: pbr, than: block}
              - {metric: cost_per_head, year: 2025, under: pbr, within: 1%, of: block}
              - {property: money_conserved}
            """));
        var experiment = Cli.Run("experiment", Experiment, "--store", Store, "--json");
        Assert.True(experiment.ExitCode == 0, experiment.Stderr);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>
/// The tables a researcher reads, on terminals 80 and 160 columns wide and piped to a file: no line is wider than the
/// terminal, no figure is broken across lines, and piped output is plain rows without trailing spaces.
/// </summary>
public sealed partial class TerminalTableTests(TerminalTableStore stored) : IClassFixture<TerminalTableStore>
{
    private static readonly int[] Widths = [80, 160];

    [Fact]
    public void A_run_of_Greater_Manchester_fits_80_and_160_columns_without_breaking_a_figure()
    {
        var (piped, terminals) = Everywhere("run", Cli.Config("greater-manchester.yaml"), "--store", "none", "--run-id", "gm-terminal");
        Assert.Contains(piped.Stdout.Split('\n'), l => l.Contains("2016/17") && l.Contains("2020/21"));
        foreach (var (_, shown) in terminals) Assert.Contains("waiting_list", shown.Stdout);
    }

    [Fact]
    public void A_ten_year_run_of_England_fits_80_and_160_columns_without_breaking_a_figure()
    {
        var (piped, _) = Everywhere("run", Cli.Config("england.yaml"), "--store", "none", "--run-id", "england-terminal");
        Assert.Contains(piped.Stdout.Split('\n'), l => l.Contains("2024/25") && l.Contains("2033/34"));
    }

    [Fact]
    public void The_list_of_stored_runs_fits_80_and_160_columns_without_breaking_a_figure()
    {
        var (piped, terminals) = Everywhere("runs", "--store", stored.Store);
        foreach (var (_, shown) in terminals.Append((0, piped)))
        {
            Assert.Contains("gm-first", shown.Stdout);
            Assert.Contains("pbr-block-terminal-block-r3-3", shown.Stdout);
        }
    }

    [Fact]
    public void An_experiment_fits_80_and_160_columns_without_breaking_a_figure_and_names_its_differences_first_less_second()
    {
        var (piped, terminals) = Everywhere("experiment", stored.Experiment, "--store", "none");
        foreach (var (_, shown) in terminals.Append((0, piped)))
        {
            Assert.Contains("pbr - block", shown.Stdout);
            Assert.Contains("first variant named less the second", Words(shown.Stdout));
        }
    }

    [Fact]
    public void A_comparison_of_an_experiment_fits_80_and_160_columns_and_takes_the_first_variant_less_the_second()
    {
        var (piped, terminals) = Everywhere("compare", "pbr-block-terminal", "--store", stored.Store);
        foreach (var (_, shown) in terminals.Append((0, piped)))
        {
            Assert.Contains("pbr - block", shown.Stdout);
            Assert.DoesNotContain("block - pbr", shown.Stdout);
        }
        // Payment by results treats more electives than a block: pbr - block is positive.
        var json = Cli.Run("compare", "pbr-block-terminal", "--store", stored.Store, "--metric", "elective_treated", "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.True(json.Json.GetProperty("rows")[0].GetProperty("differences_from_first")[1].GetProperty("mean").GetDouble() > 0);
    }

    [Fact]
    public void A_stored_run_shown_as_TSV_or_Markdown_is_one_table_of_whole_rows()
    {
        var tsv = Cli.Run("show", "gm-first", "--store", stored.Store, "--format", "tsv");
        Assert.True(tsv.ExitCode == 0, tsv.Stderr);
        var rows = tsv.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("outcome\tunit\t2016/17\t2017/18\tmeaning", rows[0]);
        Assert.All(rows, r => Assert.Equal(4, r.Count(c => c == '\t')));
        Assert.Contains(rows, r => r.StartsWith("waiting_list\tpatients\t", StringComparison.Ordinal));
        // The lines about the table go to stderr, so stdout reads as it is.
        Assert.Contains("digest ", tsv.Stderr);
        var markdown = Cli.Run("show", "gm-first", "--store", stored.Store, "--format", "markdown");
        Assert.True(markdown.ExitCode == 0, markdown.Stderr);
        Assert.Contains(markdown.Stdout.Split('\n'), l => l.StartsWith("| waiting_list", StringComparison.Ordinal));
    }

    /// <summary>
    /// The command piped and on terminals of each width; every output checked: piped rows unwrapped without trailing
    /// spaces, terminal lines within the width, and every figure a terminal shows one that the piped output shows whole.
    /// </summary>
    private (CliResult Piped, List<(int Width, CliResult Shown)> Terminals) Everywhere(params string[] args)
    {
        var piped = Cli.Run(args);
        Assert.True(piped.ExitCode == 0, piped.Stderr);
        var lines = piped.Stdout.TrimEnd('\n').Split('\n');
        Assert.All(lines, l => Assert.True(l == l.TrimEnd(), $"trailing spaces in '{l}'"));
        var whole = Figures(piped.Stdout);
        var terminals = new List<(int, CliResult)>();
        foreach (var width in Widths)
        {
            var shown = PseudoTerminal.Run(width, stored.Folder, args);
            Assert.True(shown.ExitCode == 0, $"exit {shown.ExitCode} at {width} columns: {shown.Stderr}{shown.Stdout}");
            Assert.All(shown.Stdout.TrimEnd('\n').Split('\n'), l => Assert.True(l.Length <= width, $"{l.Length} characters at {width} columns: '{l}'"));
            var figures = Figures(shown.Stdout);
            Assert.True(figures.Count >= whole.Count * 0.8, $"{figures.Count} figures at {width} columns against {whole.Count} piped:\n{shown.Stdout}");
            var broken = figures.Except(whole).ToList();
            Assert.True(broken.Count == 0, $"figures at {width} columns that are not whole figures of the piped output: {string.Join(" ", broken)}\n{shown.Stdout}");
            terminals.Add((width, shown));
        }
        return (piped, terminals);
    }

    /// <summary>The text's lines joined, so a figure split over two lines shows as two pieces that are not figures of the whole output.</summary>
    private static string Words(string text) => Regex.Replace(text, "\\s+", " ");

    /// <summary>Every figure in the text, less the wall times that differ between two runs of the same command.</summary>
    private static HashSet<string> Figures(string text)
    {
        var steady = WallTime().Replace(Words(text), "");
        return Figure().Matches(steady).Select(m => m.Value.TrimEnd('.', ',')).ToHashSet();
    }

    [GeneratedRegex("(?<![0-9A-Za-z_.,-])[0-9][0-9,.]*(?![0-9A-Za-z_])")]
    private static partial Regex Figure();

    [GeneratedRegex("in [0-9.]+ s( \\([0-9,]+ messages/s\\))?")]
    private static partial Regex WallTime();
}
