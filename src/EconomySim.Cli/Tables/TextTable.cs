namespace EconomySim.Cli.Tables;

/// <summary>How a column gives way when a table is wider than the terminal.</summary>
public enum ColumnRole
{
    /// <summary>Names the row (outcome, unit, year): repeated in every panel; text may be shortened with "…" as a last resort.</summary>
    Key,
    /// <summary>A figure: never shortened or wrapped; when the values do not fit side by side they go into successive panels.</summary>
    Value,
    /// <summary>A sentence: wrapped between words to the room left.</summary>
    Prose,
    /// <summary>A helpful aside (a metric's meaning): cut short with "…" to the room left, or left out when too little is left.</summary>
    Note,
}

public sealed record TextColumn(string Header, ColumnRole Role = ColumnRole.Value, bool RightAligned = false)
{
    public static TextColumn Key(string header) => new(header, ColumnRole.Key);

    public static TextColumn Figure(string header) => new(header, ColumnRole.Value, RightAligned: true);

    public static TextColumn Text(string header) => new(header, ColumnRole.Value);

    public static TextColumn Prose(string header) => new(header, ColumnRole.Prose);

    public static TextColumn Note(string header) => new(header, ColumnRole.Note);
}

/// <summary>
/// A cell: what people read, and for CSV and TSV the same figure without thousands separators, so a spreadsheet reads
/// it as a number.
/// </summary>
public readonly record struct TextCell(string Text, string Plain)
{
    public static implicit operator TextCell(string text) => new(text, text);
}

/// <summary>A table as rows of text, laid out by <see cref="TableLayout"/> for a terminal's width or written as TSV, CSV or Markdown.</summary>
public sealed class TextTable
{
    private readonly List<TextCell[]> _rows = [];

    public TextTable(params TextColumn[] columns) => Columns = columns;

    public TextTable(IEnumerable<TextColumn> columns) => Columns = columns.ToList();

    public IReadOnlyList<TextColumn> Columns { get; }

    public IReadOnlyList<IReadOnlyList<TextCell>> Rows => _rows;

    public TextTable AddRow(params TextCell[] cells)
    {
        if (cells.Length != Columns.Count) throw new ArgumentException($"a row of {cells.Length} cells in a table of {Columns.Count} columns", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public TextTable AddRow(IEnumerable<TextCell> cells) => AddRow(cells.ToArray());
}
