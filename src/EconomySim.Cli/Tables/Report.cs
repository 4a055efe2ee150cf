using System.CommandLine;

namespace EconomySim.Cli.Tables;

public enum OutputFormat
{
    Table,
    Tsv,
    Csv,
    Markdown,
}

/// <summary>
/// What a command prints for people: lines of text and tables, sized to the terminal when standard output is one, and
/// plain unwrapped rows otherwise. With TSV or CSV, standard output holds the tables alone and the lines about them go
/// to standard error, so the output can be read as it is.
/// </summary>
public sealed class Report(TextWriter stdout, TextWriter stderr, OutputFormat format, int? width)
{
    private bool _tableWritten;

    public OutputFormat Format => format;

    /// <summary>The terminal's width when <paramref name="stdout"/> is the process's own standard output and that is a terminal; null otherwise.</summary>
    public static int? TerminalWidth(TextWriter stdout)
    {
        if (!ReferenceEquals(stdout, Console.Out) || Console.IsOutputRedirected) return null;
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    public static Report For(TextWriter stdout, TextWriter stderr, OutputFormat format = OutputFormat.Table) =>
        new(stdout, stderr, format, format == OutputFormat.Table ? TerminalWidth(stdout) : null);

    public static Option<OutputFormat> FormatOption() => new("--format")
    {
        Description = "How tables are printed: table (the default: sized to the terminal, plain rows when output is not a terminal), tsv, csv or markdown",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (Enum.TryParse<OutputFormat>(token, ignoreCase: true, out var format) && !int.TryParse(token, out _)) return format;
            result.AddError($"--format: '{token}' is not a table format; allowed: table, tsv, csv, markdown");
            return OutputFormat.Table;
        },
    };

    /// <summary>A line about the tables (what was run, a note under a table): wrapped between words on a terminal.</summary>
    public void Line(string text)
    {
        var to = format is OutputFormat.Csv or OutputFormat.Tsv ? stderr : stdout;
        foreach (var line in width is { } w ? Wrap(text, w) : [text.TrimEnd()]) to.WriteLine(line);
    }

    /// <summary>A blank line between parts, where people read the output (not between TSV or CSV tables' notes).</summary>
    public void Blank()
    {
        if (format is OutputFormat.Table or OutputFormat.Markdown) stdout.WriteLine();
    }

    public void Table(TextTable table)
    {
        // Tables after the first are set apart, so TSV and CSV readers can split them.
        if (_tableWritten && format != OutputFormat.Table) stdout.WriteLine();
        foreach (var line in TableLayout.Lines(table, format, width)) stdout.WriteLine(line);
        _tableWritten = true;
        if (format == OutputFormat.Markdown) stdout.WriteLine();
    }

    /// <summary>Words put on lines of at most <paramref name="width"/> characters; a word longer than that has a line of its own.</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
