using Spectre.Console;
using Spectre.Console.Rendering;

namespace EconomySim.Cli.Tables;

/// <summary>
/// Lays a <see cref="TextTable"/> out as lines. On a terminal of a given width nothing goes past the last column and no
/// figure is broken: asides are cut short or left out, sentences wrap between words, and figures that do not fit side
/// by side go into successive panels that repeat the row names. Without a width (output to a file or a pipe) every row
/// is one line. No line ends in spaces.
/// </summary>
public static class TableLayout
{
    private const int Unbounded = 100_000;
    private const int ShortestNote = 16;
    private const int ShortestKey = 8;

    public static IReadOnlyList<string> Lines(TextTable table, OutputFormat format, int? width) => format switch
    {
        OutputFormat.Csv => Delimited(table, ",", Csv),
        OutputFormat.Tsv => Delimited(table, "\t", c => c.Replace('\t', ' ').Replace('\n', ' ')),
        OutputFormat.Markdown => Render(Build(table, Visible(table), null, null, TableBorder.Markdown, markdown: true)),
        _ => width is { } w ? Fitted(table, w) : Render(Build(table, Visible(table), null, null, TableBorder.Simple)),
    };

    private static List<int> Visible(TextTable table) => Enumerable.Range(0, table.Columns.Count).ToList();

    private static IReadOnlyList<string> Fitted(TextTable table, int width)
    {
        var columns = Visible(table);
        var whole = Render(Build(table, columns, null, null, TableBorder.Simple));
        if (Widest(whole) <= width) return whole;

        // Asides first: cut to the room left, or left out.
        var notes = columns.Where(c => table.Columns[c].Role == ColumnRole.Note).ToList();
        var limits = new Dictionary<int, int>();
        foreach (var note in notes)
        {
            var room = NaturalWidth(table, note) - (Widest(Render(Build(table, columns, limits, null, TableBorder.Simple))) - width);
            if (room >= ShortestNote) limits[note] = room;
            else columns.Remove(note);
        }
        // Then sentences, wrapped between words but never narrower than their longest word: the widest narrowed first.
        var wraps = new Dictionary<int, int>();
        var proses = columns.Where(c => table.Columns[c].Role == ColumnRole.Prose).ToList();
        for (var excess = Widest(Render(Build(table, columns, limits, wraps, TableBorder.Simple))) - width; excess > 0 && proses.Count > 0;)
        {
            var narrowed = false;
            for (; excess > 0; excess--)
            {
                var widest = proses.Select(c => (Column: c, Width: wraps.GetValueOrDefault(c, NaturalWidth(table, c))))
                    .Where(p => p.Width > LongestWord(table, p.Column)).OrderByDescending(p => p.Width).FirstOrDefault();
                if (widest.Width == 0) break;
                wraps[widest.Column] = widest.Width - 1;
                narrowed = true;
            }
            if (!narrowed) break;
            excess = Widest(Render(Build(table, columns, limits, wraps, TableBorder.Simple))) - width;
        }
        var shrunk = Render(Build(table, columns, limits, wraps, TableBorder.Simple));
        if (Widest(shrunk) <= width) return shrunk;

        // Then panels: the row names and sentences in each, the figures spread over as many as it takes.
        var fixedColumns = columns.Where(c => table.Columns[c].Role is ColumnRole.Key or ColumnRole.Prose).ToList();
        var figures = columns.Where(c => table.Columns[c].Role == ColumnRole.Value).ToList();
        var keyLimits = new Dictionary<int, int>();
        var widestFigure = figures.Count == 0 ? [] : new List<int> { figures.MaxBy(f => NaturalWidth(table, f)) };
        // Row names are shortened, longest first, until one figure fits beside them.
        while (Widest(Render(Build(table, Ordered(fixedColumns, widestFigure), keyLimits, wraps, TableBorder.Simple))) > width)
        {
            var longest = fixedColumns.Where(c => table.Columns[c].Role == ColumnRole.Key)
                .Select(c => (Column: c, Width: keyLimits.GetValueOrDefault(c, NaturalWidth(table, c)))).Where(k => k.Width > ShortestKey).ToList();
            if (longest.Count == 0) break;
            var key = longest.MaxBy(k => k.Width);
            keyLimits[key.Column] = key.Width - 1;
        }
        var panels = new List<List<int>>();
        foreach (var figure in figures)
        {
            if (panels.Count > 0 && Widest(Render(Build(table, Ordered(fixedColumns, [.. panels[^1], figure]), keyLimits, wraps, TableBorder.Simple))) <= width)
                panels[^1].Add(figure);
            else panels.Add([figure]);
        }
        if (panels.Count == 0) panels.Add([]);
        var lines = new List<string>();
        foreach (var panel in panels)
        {
            if (lines.Count > 0) lines.Add("");
            lines.AddRange(Render(Build(table, Ordered(fixedColumns, panel), keyLimits, wraps, TableBorder.Simple)));
        }
        return lines;
    }

    /// <summary>Columns in the table's own order.</summary>
    private static List<int> Ordered(IEnumerable<int> a, IEnumerable<int> b) => a.Concat(b).Distinct().Order().ToList();

    private static Table Build(TextTable source, IReadOnlyList<int> columns, IReadOnlyDictionary<int, int>? cuts, IReadOnlyDictionary<int, int>? wraps, TableBorder border, bool markdown = false)
    {
        var table = new Table().Border(border);
        foreach (var c in columns)
        {
            var spec = source.Columns[c];
            var column = new TableColumn(new Text(Cut(spec.Header, cuts, c))).NoWrap();
            if (wraps is not null && wraps.TryGetValue(c, out var wrap)) column = new TableColumn(new Text(spec.Header)) { Width = wrap, NoWrap = false };
            if (spec.RightAligned) column.RightAligned();
            // Two spaces between columns (the border's one and this one), so more figures fit side by side.
            if (!markdown) column.Padding(0, 0, 1, 0);
            table.AddColumn(column);
        }
        foreach (var row in source.Rows)
            table.AddRow(columns.Select(c => (IRenderable)new Text(markdown ? row[c].Text.Replace("|", "\\|") : Cut(row[c].Text, cuts, c))).ToArray());
        return table;
    }

    /// <summary>Text cut to a column's limit with "…", between words where it can be, so no figure in it is cut in two.</summary>
    private static string Cut(string text, IReadOnlyDictionary<int, int>? cuts, int column)
    {
        if (cuts is null || !cuts.TryGetValue(column, out var limit) || text.Length <= limit) return text;
        var kept = text[..Math.Max(1, limit - 1)];
        var space = kept.LastIndexOf(' ');
        return (space > 0 ? kept[..space] : kept).TrimEnd(' ', ',', ';', ':') + "…";
    }

    private static IReadOnlyList<string> Render(IRenderable renderable)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = Unbounded;
        console.Write(renderable);
        var lines = writer.ToString().Replace("\r", "").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        while (lines.Count > 0 && lines[0].Length == 0) lines.RemoveAt(0);
        return lines;
    }

    private static int Widest(IEnumerable<string> lines) => lines.Select(l => l.Length).DefaultIfEmpty(0).Max();

    private static int NaturalWidth(TextTable table, int column) =>
        table.Rows.Select(r => r[column].Text.Length).Append(table.Columns[column].Header.Length).Max();

    private static int LongestWord(TextTable table, int column) =>
        table.Rows.SelectMany(r => r[column].Text.Split(' ')).Append(table.Columns[column].Header).Select(w => w.Length).DefaultIfEmpty(1).Max();

    private static IReadOnlyList<string> Delimited(TextTable table, string separator, Func<string, string> field)
    {
        var lines = new List<string> { string.Join(separator, table.Columns.Select(c => field(c.Header))) };
        lines.AddRange(table.Rows.Select(r => string.Join(separator, r.Select(c => field(c.Plain)))));
        return lines;
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
