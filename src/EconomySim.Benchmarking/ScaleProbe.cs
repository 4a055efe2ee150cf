using System.Diagnostics;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.Scenarios;

namespace EconomySim.Benchmarking;

/// <summary>
/// The child process behind each scale: one run, then its own time, peak memory and allocations, so that no earlier run
/// in the same process is charged to it.
/// </summary>
public static class ScaleProbe
{
    public static async Task<Dictionary<string, object>> MeasureAsync(string scenarioFile, int scale, int years, StartSystem start, CancellationToken cancellation)
    {
        var economy = EconomyGenerator.Build(ScenarioLoader.Load(scenarioFile), years, scale);
        RunResult result;
        TimeSpan paused;
        TimeSpan compiling;
        long compiled;
        await using (var session = await start(HistoryStore.None, cancellation))
        {
            var pausedBefore = GC.GetTotalPauseDuration();
            var compilingBefore = System.Runtime.JitInfo.GetCompilationTime();
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            result = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-scale-{scale}", Bench.NewRun, cancellation);
            paused = GC.GetTotalPauseDuration() - pausedBefore;
            compiling = System.Runtime.JitInfo.GetCompilationTime() - compilingBefore;
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new Dictionary<string, object>
        {
            ["scale"] = scale,
            ["organisations"] = result.Organisations,
            ["letters"] = result.Messages,
            ["wall_seconds"] = result.WallSeconds,
            ["peak_working_set_bytes"] = self.PeakWorkingSet64,
            ["allocated_bytes"] = GC.GetTotalAllocatedBytes(precise: false),
            ["gc_collections"] = GC.CollectionCount(0),
            ["gc_collections_gen1"] = GC.CollectionCount(1),
            ["gc_collections_gen2"] = GC.CollectionCount(2),
            // What grows faster than the organisations at a large scale is the collector's share of the run: its pauses
            // while the run simulated (the economy's generation before it is not in the run's time, nor here).
            ["gc_pause_seconds"] = paused.TotalSeconds,
            // What a fresh process pays that a warm one does not: the just-in-time compiler's time, on every thread, while
            // the run simulated (methods met for the first time, and hot ones compiled again optimised).
            ["jit_seconds"] = compiling.TotalSeconds,
            ["jit_methods"] = compiled,
            ["digest"] = result.Digest,
        };
    }
}
