using EconomySim.Domain;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;

namespace EconomySim.Experiments;

/// <summary>
/// The economies of an experiment's arms (a variant at a design point), each built once when its first replication
/// starts and let go when its last one ends: a design of ten thousand points never holds ten thousand economies.
/// </summary>
internal sealed class ArmEconomies(ExperimentDocument experiment, IReadOnlyList<PlannedRun> plan)
{
    private sealed class Arm(int runs)
    {
        public int Remaining = runs;
        public Lazy<EconomyDefinition>? Economy;
    }

    private readonly Dictionary<(string Variant, int? Point), Arm> _arms = plan
        .GroupBy(p => (p.Variant.Name, p.Point?.Index))
        .ToDictionary(g => g.Key, g => new Arm(g.Count()));

    private static (string, int?) Key(PlannedRun run) => (run.Variant.Name, run.Point?.Index);

    /// <exception cref="ScenarioException">The point's values make a scenario the binder refuses.</exception>
    public EconomyDefinition Take(PlannedRun run)
    {
        Lazy<EconomyDefinition> economy;
        lock (_arms)
        {
            var arm = _arms[Key(run)];
            economy = arm.Economy ??= new Lazy<EconomyDefinition>(() =>
                EconomyGenerator.Build(ExperimentRunner.ScenarioOf(experiment, run.Variant, run.Point), experiment.RunYears, experiment.Scale));
        }
        return economy.Value;
    }

    public void Release(PlannedRun run)
    {
        lock (_arms)
        {
            var arm = _arms[Key(run)];
            if (--arm.Remaining == 0) arm.Economy = null;
        }
    }
}
