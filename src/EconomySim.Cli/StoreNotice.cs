using EconomySim.Engine.Persistence;

namespace EconomySim.Cli;

/// <summary>
/// Says which store a command uses, on standard error: the default store is relative to the working folder, so a
/// command run from another folder would otherwise read or start a different store without a word.
/// </summary>
public static class StoreNotice
{
    /// <summary>One line naming the store, on a terminal (scripts reading standard error keep their one-line messages).</summary>
    public static void Opened(HistoryStore store, TextWriter stderr)
    {
        if (!store.Persists || !ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected) return;
        stderr.WriteLine($"economysim: store {Where(store)}");
    }

    /// <summary>
    /// Before a command writes runs: a warning when the store was not named on the command line (the default, or
    /// the variable) and its SQLite file does not exist yet, because that is the store a command run from the wrong
    /// folder makes without a word; a store named with --store is the one its user asked for. Otherwise the line
    /// <see cref="Opened"/> prints.
    /// </summary>
    public static void BeforeWriting(HistoryStore store, bool namedOnCommandLine, TextWriter stderr)
    {
        if (!namedOnCommandLine && store is { Kind: StoreKind.Sqlite, SqliteFile: { } file } && !File.Exists(file))
            stderr.WriteLine($"economysim: warning: no store at {file}; a new one is made there, holding none of the runs kept elsewhere (--store or {CliApp.StoreVariable} names another)");
        else Opened(store, stderr);
    }

    private static string Where(HistoryStore store) =>
        store.SqliteFile is { } file && store.Display != $"sqlite:{file}" ? $"{store.Display} ({file})" : store.Display;
}
