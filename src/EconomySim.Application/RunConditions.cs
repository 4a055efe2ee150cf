using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;

namespace EconomySim.Application;

/// <summary>
/// What a run takes from its environment rather than from its command: a fault to inject into one organisation's
/// decision (for proving how runs fail) and how long to wait for a store that fails under it (<see cref="StoreRetry"/>).
/// </summary>
/// <param name="StoreWait">How long the run waits, from its start, for a store that failed mid-run to come back.</param>
public sealed record RunConditions(InjectedFault? Fault, TimeSpan StoreWait)
{
    /// <summary>
    /// The conditions the environment sets for a run of this economy on this store, checked before anything is
    /// registered or run so that a bad variable leaves nothing behind.
    /// </summary>
    public static RunConditions FromEnvironment(EconomyDefinition economy, HistoryStore store) => new(FaultFor(economy), StoreRetry.For(store));

    private static InjectedFault? FaultFor(EconomyDefinition economy)
    {
        InjectedFault? fault;
        try
        {
            fault = InjectedFault.FromEnvironment();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        if (fault is null) return null;
        var phases = Calendar.Build(economy.Parameters.StartYear, economy.Parameters.Years).Count;
        if (!economy.Organisations.Any(o => o.Code == fault.Organisation))
            throw new UsageException($"{InjectedFault.Variable}: no organisation '{fault.Organisation}' in this economy");
        if (fault.Phase >= phases)
            throw new UsageException($"{InjectedFault.Variable}: phase {fault.Phase} is out of range; allowed: 0 to {phases - 1}");
        return fault;
    }
}
