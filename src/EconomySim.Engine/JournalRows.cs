using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace EconomySim.Engine.Benchmarking;

/// <summary>
/// What a persisted run's journal is measured against: the very rows it wrote, read back from its SQLite store, then
/// inserted into a fresh table of the same definition (indexes included) by one prepared statement in one transaction,
/// under the same WAL settings the journal uses. No plain insert of those rows could be much cheaper.
/// </summary>
public sealed class JournalRows
{
    private const string Table = "journal";

    private readonly string _definition;
    private readonly string[] _indexes;
    private readonly string[] _columns;
    private readonly List<object?[]> _rows;

    private JournalRows(string definition, string[] indexes, string[] columns, List<object?[]> rows)
    {
        _definition = definition;
        _indexes = indexes;
        _columns = columns;
        _rows = rows;
    }

    public int Count => _rows.Count;

    public static JournalRows Read(string sqlitePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = "SELECT type, sql FROM sqlite_master WHERE tbl_name = $table AND sql IS NOT NULL";
        schema.Parameters.AddWithValue("$table", Table);
        string? definition = null;
        var indexes = new List<string>();
        using (var reader = schema.ExecuteReader())
            while (reader.Read())
                if (reader.GetString(0) == "table") definition = reader.GetString(1);
                else indexes.Add(reader.GetString(1));
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT * FROM {Table}";
        using var rows = read.ExecuteReader();
        var columns = Enumerable.Range(0, rows.FieldCount).Select(rows.GetName).ToArray();
        var values = new List<object?[]>();
        while (rows.Read())
        {
            var row = new object?[rows.FieldCount];
            rows.GetValues(row!);
            values.Add(row);
        }
        return new JournalRows(definition ?? throw new InvalidOperationException($"{sqlitePath} has no {Table} table"), [.. indexes], columns, values);
    }

    /// <summary>Creates the table in a new SQLite file and inserts every row; the time is the insert's alone.</summary>
    public TimeSpan InsertInto(string sqlitePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " + string.Join(";", [_definition, .. _indexes]);
            setup.ExecuteNonQuery();
        }
        var watch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO {Table} ({string.Join(',', _columns)}) VALUES ({string.Join(',', _columns.Select((_, i) => "@p" + i))})";
        var parameters = _columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
        insert.Prepare();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++) parameters[i].Value = row[i] ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return watch.Elapsed;
    }
}
