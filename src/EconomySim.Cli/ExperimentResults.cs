using System.CommandLine;
using EconomySim.Engine.Persistence;
using EconomySim.History;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

/// <summary>A stored experiment's replications, found by the experiment's name, for the commands that work on a whole experiment.</summary>
public static class ExperimentResults
{
    public static Option<string?> Option(string what) => new("--experiment") { Description = $"{what} every replication of the stored experiment NAME (as its file's experiment.name says)" };

    /// <summary>The experiments a store holds runs of, by name.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<RunRecord> runs) => runs.Select(r => r.Experiment).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Every run of the experiment <paramref name="name"/>, in (variant as first registered, replication) order; refused
    /// with what the store holds when there is none, or when one has not completed.
    /// </summary>
    public static IReadOnlyList<RunRecord> RunsOf(IReadOnlyList<RunRecord> runs, string name, HistoryStore store)
    {
        var of = runs.Where(r => r.Experiment == name).ToList();
        if (of.Count == 0)
        {
            var names = Names(runs);
            throw new UsageException(names.Count == 0
                ? $"--experiment: {store.Display} holds no experiment's runs; 'economysim experiment FILE --store {store.Display}' runs and keeps one"
                : $"--experiment: no experiment '{name}' in {store.Display}{NameSuggestion.DidYouMean(name, names)}; experiments there: {string.Join(", ", names)}");
        }
        var incomplete = of.FirstOrDefault(r => r.Status != RunStatus.Completed);
        if (incomplete is not null)
            throw new UsageException($"--experiment: run '{incomplete.RunId}' of experiment '{name}' is {RunRegistry.StatusText(incomplete.Status)}; only an experiment whose runs have all completed can be read ('{store.ResumeCommand(incomplete.RunId)}' carries it on)");
        var variants = of.Select(r => r.Variant ?? "").Distinct().ToList();
        return of.OrderBy(r => variants.IndexOf(r.Variant ?? "")).ThenBy(r => r.DesignPoint).ThenBy(r => r.Replication).ToList();
    }

    /// <summary>A replication's group in a comparison of its experiment: its variant (and design point, with a design).</summary>
    public static string GroupOf(RunRecord record) => (record.Variant ?? record.RunId) + (record.DesignPoint is { } point ? $"/p{point}" : "");

    /// <summary>Each run's outcome table, rebuilt from its stored phases and its kept scenario.</summary>
    public static async Task<IReadOnlyList<StoredOutcomes>> ReadAsync(IReadOnlyList<RunRecord> records, HistoryStore store, bool verbose, CancellationToken cancellation)
    {
        var runs = new List<StoredOutcomes>();
        await using var session = await EngineSession.StartAsync(store, verbose, cancellation);
        foreach (var record in records)
        {
            var (_, economy) = StoredScenario.Rebuild(record);
            var history = await StoredHistory.ReadPhasesAsync(session.System, record.RunId);
            runs.Add(new StoredOutcomes(record, economy, history.Outcomes(economy)));
        }
        return runs;
    }
}
