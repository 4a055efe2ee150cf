using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Db;
using Akka.Persistence.Sql.Journal;
using Akka.Persistence.Sql.Journal.Dao;
using Akka.Persistence.Sql.Journal.Types;
using LinqToDB;
using LinqToDB.Async;

namespace EconomySim.Engine.Persistence;

/// <summary>
/// The SQL journal, asking for persistent actors' highest sequence numbers many at a time and, into SQLite, writing its
/// rows by one prepared statement (<see cref="SqliteJournalWriter"/>).
/// </summary>
/// <remarks>
/// Every persistent actor asks the journal for its highest sequence number when it starts, even one told to recover
/// nothing: a run starts some 1,700 organisations at once, and one query each (about 0.3 ms apiece through the plugin
/// and linq2db) made half a second of every persisted run's start. Here the questions that arrive while a query is
/// under way wait and go together in the next one, so a run's start costs a few dozen queries (Akka.Persistence lets
/// 50 actors recover at once) rather than one per actor. The answer is the
/// same as the plugin's own: the greatest sequence number stored under the id, 0 when there is none. An actor with a
/// write still in flight is answered by the plugin itself once that write is done.
/// </remarks>
public sealed class RunWriteJournal : SqlWriteJournal
{
    /// <summary>Ids per query: well within every database's limit on the size of an IN list.</summary>
    private const int IdsPerQuery = 500;

    private readonly AkkaPersistenceDataConnectionFactory _connections;
    private readonly JournalConfig _config;
    private readonly bool _readsMetadataTable;
    // SQLite's rows are serialized by the plugin's own serializer and written by the engine's writer; other databases
    // keep the plugin's writes, whose one statement a transaction suits a server reached over the network.
    private readonly bool _writesDirectly;
    private ByteArrayJournalSerializer? _serializer;
    private SqliteJournalWriter? _writer;
    // The latest write of each id still in flight, whoever writes it: a question about its highest sequence number
    // waits for it.
    private readonly Dictionary<string, Task> _latestWrite = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Dictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);
    private bool _querying;
    private IActorRef _self = ActorRefs.Nobody;

    public RunWriteJournal(Akka.Configuration.Config journalConfig) : base(journalConfig)
    {
        var config = new JournalConfig(journalConfig.WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultJournalConfiguration));
        // The same connection settings as the plugin's own connections (the engine sets SQLite's through a setup the
        // plugin keeps to itself), so a read waits out a store locked by another run just as a write does.
        var sqlite = config.ProviderName.StartsWith("SQLite", StringComparison.Ordinal);
        if (sqlite) config = config.WithDataOptions(SqliteTuning.Options(config.ConnectionString));
        _connections = new AkkaPersistenceDataConnectionFactory(config);
        _config = config;
        _writesDirectly = sqlite && config.PluginConfig.TagMode == TagMode.Csv && SqliteJournalWriter.Writes(config.TableConfig.EventJournalTable);
        // In compatibility mode the plugin also counts sequence numbers kept for deleted events in a metadata table;
        // leave that to the plugin rather than answer differently from it.
        _readsMetadataTable = config.DaoConfig.SqlCommonCompatibilityMode;
    }

    protected override void PreStart()
    {
        _self = Self;
        base.PreStart();
        if (!_writesDirectly) return;
        var table = _config.TableConfig.EventJournalTable;
        _serializer = new ByteArrayJournalSerializer(_config, Context.System.Serialization, _config.PluginConfig.TagSeparator,
            table.UseWriterUuidColumn ? Guid.NewGuid().ToString("N") : null);
        _writer = new SqliteJournalWriter(_config.ConnectionString, _config.DaoConfig.BatchSize);
    }

    protected override void PostStop()
    {
        // What is queued is still written; the actor does not wait for it, as the plugin's own queue did not.
        _ = _writer?.DisposeAsync();
        base.PostStop();
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_latestWrite.TryGetValue(persistenceId, out var writing))
                return AfterWriteAsync(writing, persistenceId, fromSequenceNr, cancellationToken);
            if (fromSequenceNr != 0 || _readsMetadataTable)
                return base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
            if (!_waiting.TryGetValue(persistenceId, out var answer))
            {
                answer = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Add(persistenceId, answer);
                cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken));
            }
            if (!_querying)
            {
                _querying = true;
                _self.Tell(QueryWaiting.Instance);
            }
            return answer.Task;
        }
    }

    /// <summary>The plugin's answer, once the id's write in flight is done, whether or not it failed.</summary>
    private async Task<long> AfterWriteAsync(Task writing, string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        await writing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);
    }

    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages as IReadOnlyCollection<AtomicWrite> ?? messages.ToList();
        var written = _writer is { } writer && _serializer is { } serializer
            ? WriteDirectly(writes, writer, serializer)
            : base.WriteMessagesAsync(writes, cancellationToken);
        var ids = writes.Select(w => w.PersistenceId).Distinct(StringComparer.Ordinal).ToList();
        lock (_gate)
            foreach (var id in ids)
                _latestWrite[id] = written;
        return ForgottenOnceDone(written, ids);
    }

    /// <summary>The write's outcome, given once its ids no longer count it as in flight.</summary>
    private async Task<IImmutableList<Exception>> ForgottenOnceDone(Task<IImmutableList<Exception>> written, List<string> ids)
    {
        try
        {
            return await written.ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
                foreach (var id in ids)
                    if (_latestWrite.TryGetValue(id, out var latest) && latest == written) _latestWrite.Remove(id);
        }
    }

    /// <summary>
    /// Serializes the writes as the plugin would, with the same time stamp for all, and queues their rows for the
    /// engine's writer. A write that cannot be serialized is rejected alone, as the plugin rejects it; the rest are
    /// written.
    /// </summary>
    private static async Task<IImmutableList<Exception>> WriteDirectly(IReadOnlyCollection<AtomicWrite> writes, SqliteJournalWriter writer,
        ByteArrayJournalSerializer serializer)
    {
        var serialized = serializer.Serialize(writes, DateTime.UtcNow.Ticks);
        var rows = serialized.Where(t => t.IsSuccess).SelectMany(t => t.Success.Value).ToList();
        // One place a write, as the plugin answers: null for a write that was serialized, the reason for one that was not.
        IImmutableList<Exception> rejections = [.. serialized.Select(t => t.Failure.Value)];
        // A failed write fails the task, which Akka.Persistence reports to each writer as a persist failure.
        await writer.WriteAsync(rows).ConfigureAwait(false);
        return rejections;
    }

    protected override bool ReceivePluginInternal(object message)
    {
        switch (message)
        {
            case QueryWaiting:
                Dictionary<string, TaskCompletionSource<long>> batch;
                lock (_gate)
                {
                    batch = _waiting;
                    _waiting = new(StringComparer.Ordinal);
                }
                AnswerAsync(batch).PipeTo(_self, success: () => QueryAnswered.Instance, failure: _ => QueryAnswered.Instance);
                return true;
            case QueryAnswered:
                lock (_gate)
                {
                    if (_waiting.Count > 0) _self.Tell(QueryWaiting.Instance);
                    else _querying = false;
                }
                return true;
            default:
                return base.ReceivePluginInternal(message);
        }
    }

    private async Task AnswerAsync(Dictionary<string, TaskCompletionSource<long>> batch)
    {
        try
        {
            var highest = new Dictionary<string, long>(batch.Count, StringComparer.Ordinal);
            await using var connection = _connections.GetConnection();
            foreach (var ids in batch.Keys.Chunk(IdsPerQuery))
            {
                var rows = await connection.GetTable<JournalRow>()
                    .Where(r => ids.Contains(r.PersistenceId))
                    .GroupBy(r => r.PersistenceId)
                    .Select(g => new { Id = g.Key, Highest = g.Max(r => r.SequenceNumber) })
                    .ToListAsync(CancellationToken.None);
                foreach (var row in rows) highest[row.Id] = row.Highest;
            }
            foreach (var (id, answer) in batch) answer.TrySetResult(highest.GetValueOrDefault(id));
        }
        catch (Exception e)
        {
            foreach (var answer in batch.Values) answer.TrySetException(e);
        }
    }

    private sealed record QueryWaiting
    {
        public static readonly QueryWaiting Instance = new();
    }

    private sealed record QueryAnswered
    {
        public static readonly QueryAnswered Instance = new();
    }
}
