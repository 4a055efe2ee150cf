using System.Threading.Channels;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Journal.Types;
using Microsoft.Data.Sqlite;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// Writes a SQLite journal's rows, as the SQL plugin has serialized them, by one prepared statement on one connection:
/// the rows that arrive while a transaction is being written go together in the next, up to the journal's batch size.
/// </summary>
/// <remarks>
/// The plugin hands each batch to linq2db as a multi-row insert, whose text is built and prepared afresh for every 20
/// rows and whose nine parameters a row SQLite looks up by name with a linear search; with its queue, its bookkeeping
/// and linq2db's, that was the larger part of the processor time a persisted run spends writing (docs/PERFORMANCE.md,
/// "The journal's rows written by one prepared statement"). A prepared single-row insert is parsed once, and each row
/// binds its nine values among nine names. The rows are the plugin's own, column for column, so everything that reads
/// the journal (the plugin's recovery and queries, the engine's history reader) reads them as before; only SQLite takes
/// this path.
/// </remarks>
internal sealed class SqliteJournalWriter : IAsyncDisposable
{
    /// <summary>The plugin's journal table and its columns under the names it gives them by default.</summary>
    private const string Insert = """
        INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, tags, manifest, identifier, writer_uuid)
        VALUES (@p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
        """;

    private readonly Channel<PendingWrite> _pending = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly int _batchRows;
    private readonly Task _writing;
    private SqliteConnection? _connection;
    private SqliteCommand? _command;

    public SqliteJournalWriter(string connectionString, int batchRows)
    {
        _connectionString = connectionString;
        _batchRows = Math.Max(1, batchRows);
        _writing = Task.Run(WriteQueuedAsync);
    }

    /// <summary>
    /// Whether the journal keeps the plugin's table under its default names, which the writer's statement is written
    /// for; a journal configured with others is left to the plugin.
    /// </summary>
    public static bool Writes(EventJournalTableConfig table) =>
        table.Name == "journal" && table.ColumnNames is
        {
            Created: "created", Deleted: "deleted", PersistenceId: "persistence_id", SequenceNumber: "sequence_number", Message: "message",
            Tags: "tags", Manifest: "manifest", Identifier: "identifier", WriterUuid: "writer_uuid",
        };

    /// <summary>Completes once every row is committed; fails, with every row of its transaction, if any could not be.</summary>
    public Task WriteAsync(IReadOnlyList<JournalRow> rows)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var write = new PendingWrite(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_pending.Writer.TryWrite(write))
            write.Written.SetException(new InvalidOperationException("The journal is stopping: nothing more is written."));
        return write.Written.Task;
    }

    private async Task WriteQueuedAsync()
    {
        var batch = new List<PendingWrite>();
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var rows = 0;
            while (rows < _batchRows && _pending.Reader.TryRead(out var write))
            {
                batch.Add(write);
                rows += write.Rows.Count;
            }
            try
            {
                Commit(batch);
                foreach (var write in batch) write.Written.SetResult();
            }
            catch (Exception e)
            {
                // A connection that failed may be left mid-transaction or broken: the next batch opens a new one.
                Close();
                foreach (var write in batch) write.Written.SetException(e);
            }
            batch.Clear();
        }
        Close();
    }

    private void Commit(List<PendingWrite> batch)
    {
        var command = Prepared();
        using var transaction = _connection!.BeginTransaction();
        command.Transaction = transaction;
        var p = command.Parameters;
        foreach (var write in batch)
            foreach (var row in write.Rows)
            {
                p[0].Value = row.Timestamp;
                p[1].Value = row.Deleted;
                p[2].Value = row.PersistenceId;
                p[3].Value = row.SequenceNumber;
                p[4].Value = row.Message;
                p[5].Value = (object?)row.Tags ?? DBNull.Value;
                p[6].Value = (object?)row.Manifest ?? DBNull.Value;
                p[7].Value = (object?)row.Identifier ?? DBNull.Value;
                p[8].Value = (object?)row.WriterUuid ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        transaction.Commit();
    }

    private SqliteCommand Prepared()
    {
        if (_command is not null) return _command;
        // Unpooled: the writer holds its one connection for the journal's life, and a pooled one would outlive it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        try
        {
            connection.Open();
            SqliteTuning.TuneWriter(connection);
            var command = connection.CreateCommand();
            command.CommandText = Insert;
            for (var i = 1; i <= 9; i++) command.Parameters.Add(new SqliteParameter($"@p{i}", null));
            command.Prepare();
            _connection = connection;
            return _command = command;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Close()
    {
        _command?.Dispose();
        _command = null;
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>Writes what is queued, then closes the connection; rows offered later fail.</summary>
    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
    }

    private sealed record PendingWrite(IReadOnlyList<JournalRow> Rows, TaskCompletionSource Written);
}
