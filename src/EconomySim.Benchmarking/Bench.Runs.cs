using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;
using EconomySim.Engine.Persistence;
using EconomySim.Experiments;
using EconomySim.Scenarios;
using EconomySim.Scenarios.Experiments;
using MathNet.Numerics.Statistics;
using Microsoft.Data.Sqlite;

namespace EconomySim.Benchmarking;

/// <summary>The measurement routines behind the report: each warms up first and times runs in alternated rounds.</summary>
public static partial class Bench
{
    /// <param name="Activations">Organisations' activations in a run: the clock sends each a start and hears its completion.</param>
    /// <param name="TwoReferencesEach">Each round's two sequential references run at once, one a thread.</param>
    /// <param name="FreshEach">The fresh `economysim run` after each round, when the bench measures one.</param>
    /// <param name="EngineCosts">Each timed engine run's processor time, collector's pauses and allocation; <paramref name="SequentialCosts"/> the same of each reference run.</param>
    /// <param name="CoreRoundTripEach">A cache line's round trip between two cores just before each round's engine run, in nanoseconds; null on a machine of one core.</param>
    private sealed record Timed(double[] EngineEach, double[] SequentialEach, long Letters, string Digest,
        RunCost[] EngineCosts, RunCost[] SequentialCosts, long Activations, double[] TwoReferencesEach, FreshRun[]? FreshEach, double[]? CoreRoundTripEach)
    {
        public double EngineSeconds => EngineEach.Median();
        public double SequentialSeconds => SequentialEach.Median();

        public double EngineProcessorSeconds => EngineCosts.Select(c => c.ProcessorSeconds).Median();
        public double SequentialProcessorSeconds => SequentialCosts.Select(c => c.ProcessorSeconds).Median();
        public double EnginePauseSeconds => EngineCosts.Select(c => c.PauseSeconds).Median();
        public double SequentialPauseSeconds => SequentialCosts.Select(c => c.PauseSeconds).Median();
        public double EngineAllocatedBytes => EngineCosts.Select(c => (double)c.AllocatedBytes).Median();
        public double SequentialAllocatedBytes => SequentialCosts.Select(c => (double)c.AllocatedBytes).Median();

        public double TwoReferencesSeconds => TwoReferencesEach.Median();

        public double[] EngineOverSequentialEach => [.. EngineEach.Zip(SequentialEach, (engine, sequential) => engine / sequential)];

        /// <summary>Each round's engine time over the reference's in the same round, median: the rounds are pairs.</summary>
        public double EngineOverSequential => EngineOverSequentialEach.Median();

        /// <summary>
        /// How many cores' worth of work two threads got in each round (twice one reference's time over the time of two at
        /// once), median: two whole cores give 2, two threads sharing one core's execution units little more than 1.
        /// </summary>
        public double TwoThreadSpeedup => SequentialEach.Zip(TwoReferencesEach, (one, two) => 2 * one / two).Median();
    }

    /// <summary>
    /// Warm runs in alternated rounds (engine, then sequential, then two sequential references at once, one a thread),
    /// medians of each: a round's runs see nearly the same background load, and the two references show what two
    /// threads could do in it with no engine at all. The first round only warms the code up and is not counted.
    /// </summary>
    /// <param name="fresh">When given, a fresh `economysim run` closes each timed round, so that it is set against the warm
    /// engine of the same minute: on a shared machine the speed moves by a third from one minute to the next.</param>
    private static async Task<Timed> EngineAgainstSequentialAsync(HostedSystem session, EconomyDefinition economy, int pairs, Func<int, Task<FreshRun>>? fresh,
        TextWriter log, CancellationToken cancellation)
    {
        var freshEach = fresh is null ? null : new FreshRun[pairs];
        var engine = new double[pairs];
        var sequential = new double[pairs];
        var engineCosts = new RunCost[pairs];
        var sequentialCosts = new RunCost[pairs];
        var twoReferences = new double[pairs];
        // On one core the two threads would take turns on it, and a round trip would last a time slice.
        var roundTrips = Environment.ProcessorCount > 1 ? new double[pairs] : null;
        long letters = 0;
        long activations = 0;
        var digest = "";
        for (var i = -1; i < pairs; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            log.WriteLine(i < 0 ? "bench: warming up the engine and the sequential reference" : $"bench: engine, sequential reference and two references at once, round {i + 1} of {pairs}");
            Collect();
            if (i >= 0 && roundTrips is not null) roundTrips[i] = CoreRoundTrip.MedianNanoseconds();
            var before = RunCost.SoFar();
            var run = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-engine-{i + 1}", NewRun, cancellation);
            var engineCost = RunCost.SoFar().Since(before);
            Collect();
            before = RunCost.SoFar();
            var watch = Stopwatch.StartNew();
            // The warm-up, which is not timed, counts the activations.
            var reference = i < 0 ? SequentialRun.Run(economy, 1, activated: (_, _) => activations++) : SequentialRun.Run(economy, 1);
            watch.Stop();
            var sequentialSeconds = watch.Elapsed.TotalSeconds;
            var sequentialCost = RunCost.SoFar().Since(before);
            if (reference.Digest != run.Digest)
                throw new InvalidOperationException($"The engine's digest {run.Digest} differs from the sequential reference's {reference.Digest}.");
            Collect();
            watch.Restart();
            var both = await Task.WhenAll(Task.Run(() => SequentialRun.Run(economy, 1), cancellation), Task.Run(() => SequentialRun.Run(economy, 1), cancellation));
            watch.Stop();
            if (both.Any(r => r.Digest != run.Digest))
                throw new InvalidOperationException($"A sequential reference run beside another gave a digest other than the engine's {run.Digest}.");
            if (i < 0) continue;
            twoReferences[i] = watch.Elapsed.TotalSeconds;
            engine[i] = run.WallSeconds;
            sequential[i] = sequentialSeconds;
            engineCosts[i] = engineCost;
            sequentialCosts[i] = sequentialCost;
            letters = run.Messages;
            digest = run.Digest;
            if (fresh is not null) freshEach![i] = await fresh(i);
        }
        return new Timed(engine, sequential, letters, digest, engineCosts, sequentialCosts, activations,
            twoReferences, freshEach, roundTrips);
    }

    /// <summary>
    /// What the process has spent so far beyond wall time, or between two such readings: processor time on every thread
    /// (the collector's included), the collector's pauses, and bytes allocated on every thread. A pause stops every
    /// thread, so the engine's lanes wait through each of its run's pauses as the reference waits through its own.
    /// </summary>
    private readonly record struct RunCost(double ProcessorSeconds, double PauseSeconds, long AllocatedBytes)
    {
        public static RunCost SoFar()
        {
            using var self = Process.GetCurrentProcess();
            return new(self.TotalProcessorTime.TotalSeconds, GC.GetTotalPauseDuration().TotalSeconds, GC.GetTotalAllocatedBytes(precise: true));
        }

        public RunCost Since(RunCost start) =>
            new(ProcessorSeconds - start.ProcessorSeconds, PauseSeconds - start.PauseSeconds, AllocatedBytes - start.AllocatedBytes);
    }

    private sealed record PersistenceTimed(double[] Persisted, double[] Unpersisted, double[] Bulk, long Events, int Rows, string Digest);

    /// <summary>
    /// Warm runs in alternated rounds of three: the run persisted to a new SQLite file (each in an actor system of its own, as
    /// `economysim run` has), the same run with no store, and a bulk insert of the rows that run's journal wrote into
    /// another new file. The first round only warms the code up. Each round's files are removed before the next, so
    /// no run pays for the write-back of an earlier one.
    /// </summary>
    private static async Task<PersistenceTimed> PersistenceAsync(EconomyDefinition economy, int rounds, StartSystem start, TextWriter log,
        CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("economysim-bench-").FullName;
        var persisted = new double[rounds];
        var unpersisted = new double[rounds];
        var bulk = new double[rounds];
        long events = 0;
        var rows = 0;
        var digest = "";
        try
        {
            for (var i = -1; i < rounds; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                log.WriteLine(i < 0 ? "bench: warming up the persisted run, the same run with no store and the bulk insert" : $"bench: persisted run, no store, bulk insert, round {i + 1} of {rounds}");
                var store = Path.Combine(folder, "run.db");
                Collect();
                RunResult stored;
                await using (var session = await start(HistoryStore.Sqlite(store), cancellation))
                    stored = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-persisted-{i + 1}", NewRun, cancellation, persist: true);
                Collect();
                RunResult plain;
                await using (var session = await start(HistoryStore.None, cancellation))
                    plain = await SimulationEngine.RunAsync(session.System, economy, 1, $"bench-unpersisted-{i + 1}", NewRun, cancellation);
                if (stored.Digest != plain.Digest)
                    throw new InvalidOperationException($"The persisted run's digest {stored.Digest} differs from the unpersisted run's {plain.Digest}.");
                SqliteConnection.ClearAllPools();
                var journal = JournalRows.Read(store);
                Collect();
                var inserted = journal.InsertInto(Path.Combine(folder, "bulk.db"));
                foreach (var file in Directory.EnumerateFiles(folder)) File.Delete(file);
                if (i < 0) continue;
                persisted[i] = stored.WallSeconds;
                unpersisted[i] = plain.WallSeconds;
                bulk[i] = inserted.TotalSeconds;
                events = stored.Events;
                rows = journal.Count;
                digest = stored.Digest;
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        return new PersistenceTimed(persisted, unpersisted, bulk, events, rows, digest);
    }

    private static async Task<PingPongResult> PingPongAsync(HostedSystem session, int pairs, int messages, TextWriter log, CancellationToken cancellation)
    {
        log.WriteLine($"bench: Akka.NET ping-pong, {pairs:N0} pairs");
        var bounces = Math.Max(1, messages / pairs);
        await PingPong.RunAsync(session.System, pairs, Math.Max(1, bounces / 10), cancellation);
        Collect();
        return await PingPong.RunAsync(session.System, pairs, bounces, cancellation);
    }

    private static async Task<(int Runs, double Seconds)> ReplicationsAsync(HostedSystem session, ScenarioDocument scenario, BenchPlan plan, TextWriter log,
        CancellationToken cancellation)
    {
        log.WriteLine($"bench: {plan.Replications} replications of {scenario.Name}, {BenchPlan.YearsText(plan.Years)}, {Environment.ProcessorCount} at once");
        var experiment = new ExperimentDocument(scenario.Path, "bench", "replications timed by economysim bench", scenario, plan.Replications, 1, plan.Years,
            [new ExperimentVariant(scenario.Name, "", scenario)], []);
        Collect();
        var runs = await ExperimentRunner.RunAsync(session.System, experiment, cancellationToken: cancellation);
        return (runs.Runs.Count, runs.WallSeconds);
    }

    private sealed record TimedDesign(int Runs, int Points, int Replications, double Seconds, bool Conserved);

    /// <summary>
    /// The first points of a shipped design, with as many replications as make up the runs asked for when the design
    /// has too few points: many small runs, as a sensitivity study or a calibration wave makes them.
    /// </summary>
    private static async Task<TimedDesign> DesignAsync(HostedSystem session, BenchPlan plan, TextWriter log, CancellationToken cancellation)
    {
        var experiment = ExperimentLoader.Load(plan.DesignFile);
        if (experiment.Points.Count == 0) throw new InvalidOperationException($"{plan.DesignFile} has no design: the designs figure needs one");
        var arms = experiment.Variants.Count;
        var replications = Math.Max(experiment.Replications, (int)Math.Ceiling(plan.DesignRuns / (double)(arms * experiment.Points.Count)));
        var points = experiment.Points.Take((int)Math.Ceiling(plan.DesignRuns / (double)(arms * replications))).ToList();
        experiment = experiment with { Replications = replications };
        log.WriteLine($"bench: a design of {points.Count * arms * replications:N0} runs ({points.Count:N0} points of {plan.DesignFile} x {replications} replications), {Environment.ProcessorCount} at once");
        Collect();
        var runs = await ExperimentRunner.RunAsync(session.System, experiment, cancellationToken: cancellation, points: points);
        return new TimedDesign(runs.Runs.Count, points.Count, replications, runs.WallSeconds,
            runs.Runs.All(r => r.Result.PhasesConserved == r.Result.Phases));
    }

    private static async Task<JsonObject> ScaleInChildAsync(BenchPlan plan, int scale, bool verbose, CancellationToken cancellation) =>
        (await ChildAsync(["bench-scale", plan.ScenarioFile, "--scale", scale.ToString(CultureInfo.InvariantCulture), "--years", plan.Years.ToString(CultureInfo.InvariantCulture)],
            verbose, $"scale {scale}", cancellation)).Report;

    /// <summary>One fresh `economysim run`: the simulation wall time it reports and its time from start to exit.</summary>
    private sealed record FreshRun(double Simulation, double Process, string Digest);

    /// <summary>`economysim run` as a researcher starts it, in a fresh process: the <paramref name="round"/>th of the bench's.</summary>
    private static async Task<FreshRun> FreshRunAsync(BenchPlan plan, int round, bool verbose, TextWriter log, CancellationToken cancellation)
    {
        log.WriteLine($"bench: a fresh `economysim run`, {BenchPlan.YearsText(plan.Years)}, no store, {round + 1} of {plan.Pairs}");
        Collect();
        var (report, seconds) = await ChildAsync(["run", plan.ScenarioFile, "--years", plan.Years.ToString(CultureInfo.InvariantCulture), "--store", "none", "--json"],
            verbose, "the fresh run", cancellation);
        return new FreshRun(report["wall_seconds"]!.GetValue<double>(), seconds, report["digest"]!.GetValue<string>());
    }

    /// <summary>Runs this program again with <paramref name="arguments"/>: the JSON it prints and its time from start to exit.</summary>
    private static async Task<(JsonObject Report, double Seconds)> ChildAsync(string[] arguments, bool verbose, string what, CancellationToken cancellation)
    {
        var childStart = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Under `dotnet economysim.dll` the process is the host; the child needs the program named again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") childStart.ArgumentList.Add(EntryAssembly());
        foreach (var a in arguments) childStart.ArgumentList.Add(a);
        if (verbose) childStart.ArgumentList.Add("--verbose");
        var watch = Stopwatch.StartNew();
        using var child = Process.Start(childStart) ?? throw new InvalidOperationException($"{what}'s child process did not start");
        try
        {
            var stdout = child.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = child.StandardError.ReadToEndAsync(cancellation);
            await child.WaitForExitAsync(cancellation);
            watch.Stop();
            if (child.ExitCode != 0)
                throw new InvalidOperationException($"{what} failed (exit code {child.ExitCode}): {(await stderr).Trim()}");
            return (JsonNode.Parse(await stdout)!.AsObject(), watch.Elapsed.TotalSeconds);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The program the bench was started from, which holds the scale probe's command.</summary>
    private static string EntryAssembly() =>
        Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("the bench needs the program it was started from to run each scale");
}
