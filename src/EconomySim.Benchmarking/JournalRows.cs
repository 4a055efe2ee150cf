using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace EconomySim.Benchmarking;

/// <summary>
/// What a persisted run's journal is measured against: the very rows it wrote, read back from its SQLite store, then
/// inserted into a fresh table of the same definition (indexes included) by one prepared statement in one transaction,
/// under the same WAL settings the journal uses.
/// </summary>
public sealed class JournalRows
{
    private const string Table = "journal";
    private const string ReadRows = "SELECT ordering, created, deleted, persistence_id, sequence_number, message, tags, manifest, identifier, writer_uuid FROM journal";
    private const string InsertRow = "INSERT INTO journal (ordering, created, deleted, persistence_id, sequence_number, message, tags, manifest, identifier, writer_uuid) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)";

    private readonly string _definition;
    private readonly string[] _indexes;
    private readonly List<object?[]> _rows;

    private JournalRows(string definition, string[] indexes, List<object?[]> rows)
    {
        _definition = definition;
        _indexes = indexes;
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
        read.CommandText = ReadRows;
        using var rows = read.ExecuteReader();
        var values = new List<object?[]>();
        while (rows.Read())
        {
            var row = new object?[rows.FieldCount];
            rows.GetValues(row!);
            values.Add(row);
        }
        return new JournalRows(definition ?? throw new InvalidOperationException($"{sqlitePath} has no {Table} table"), [.. indexes], values);
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
        insert.CommandText = InsertRow;
        var parameters = Enumerable.Range(0, 10).Select(i => insert.Parameters.Add(new SqliteParameter("@p" + i, null))).ToArray();
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
