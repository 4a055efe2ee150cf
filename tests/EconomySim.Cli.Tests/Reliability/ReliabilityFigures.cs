using System.Globalization;
using System.Text;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// The reliability suite's counts, used by the tests themselves as their trial and case counts, and the README table
/// they make. Every figure is fixed (seeded generators, fixed iterations), so the table is the same on every machine;
/// each row's test fails if anything was lost, so a published table always says nothing was.
/// </summary>
public static class ReliabilityFigures
{
    public const int KillTrials = 20;
    public const int KillSeed = 20_261_124;
    public const int ScenarioCases = 3_000;
    public const int ExperimentCases = 1_000;
    public const long FuzzSeed = 7;
    public const int CommandLineCases = 150;
    public const int ConcurrentRuns = 8;

    /// <summary>
    /// Pairs of processes racing for one run, per store and per kind of claim. The registry's own tests race as many
    /// pairs of each claim on each store in-process (tests/EconomySim.History.Tests/RunRegistryClaimTests.cs).
    /// </summary>
    public const int ClaimPairs = 50;

    /// <summary>
    /// Pairs racing at a time, each in a store of its own: the two processes of a pair still start together. Two pairs
    /// are four processes of up to ten PostgreSQL connections each, well inside the test server's hundred.
    /// </summary>
    public const int ClaimPairsAtOnce = 2;

    /// <summary>The calendar of <see cref="Faults.SmallRun"/>: two years of 45 phases and the final settlement.</summary>
    public static readonly IReadOnlyList<EconomySim.Domain.CalendarPhase> SmallRunCalendar = EconomySim.Domain.Calendar.Build(2024, 2);

    /// <summary>How long each month of a killed run lasts at least, so a kill lands before the run can end.</summary>
    public static readonly TimeSpan KillRunMonth = TimeSpan.FromMilliseconds(200);
    public static string KillRunPace => string.Create(CultureInfo.InvariantCulture, $"{KillRunMonth.TotalMilliseconds:0}ms");

    /// <summary>Paced months every kill point leaves before the run's end: over a second in which to land the kill.</summary>
    public const int KillMarginMonths = 6;

    /// <summary>
    /// The number of closed phases after which each trial kills its run, each leaving at least
    /// <see cref="KillMarginMonths"/> paced months to run (the months after it are what holds the run there). Trial k
    /// draws its point from the k-th of as many equal stretches of the calendar as there are trials, so the points
    /// spread over the whole of it: a paced run is killed while it waits between months, so points drawn anywhere
    /// would land on fewer distinct phases than there are trials.
    /// </summary>
    public static int[] KillPoints(int trials)
    {
        var latest = SmallRunCalendar.Count(p => ShortestRemaining(p.Index + 1) >= KillMarginMonths * KillRunMonth);
        var random = new Random(KillSeed);
        return Enumerable.Range(0, trials).Select(k => 1 + (int)((k + random.NextDouble()) * latest / trials)).ToArray();
    }

    /// <summary>
    /// The least wall time a paced <see cref="Faults.SmallRun"/> still takes once <paramref name="closedPhases"/> phases
    /// are closed: every whole month after the last closed phase's, but the last month (the run ends, it does not wait).
    /// </summary>
    public static TimeSpan ShortestRemaining(int closedPhases)
    {
        var tick = SmallRunCalendar[closedPhases - 1].Tick;
        var lastTick = SmallRunCalendar[^1].Tick;
        return Math.Max(0, lastTick - 1 - tick) * KillRunMonth;
    }

    /// <summary>Runs given each signal (SIGINT, SIGTERM) at seeded random moments; ECONOMYSIM_SOAK_SIGNALS sets more.</summary>
    public const int SignalTrials = 30;
    public const int SignalSeed = 20_261_202;

    /// <summary>
    /// How long each month of a signalled run lasts at least, so that the run cannot finish before
    /// <see cref="SignalRunShortest"/>: its eleven waits between one year's twelve months.
    /// </summary>
    public static readonly TimeSpan SignalRunMonth = TimeSpan.FromMilliseconds(200);
    public static string SignalRunPace => string.Create(CultureInfo.InvariantCulture, $"{SignalRunMonth.TotalMilliseconds:0}ms");
    public static TimeSpan SignalRunShortest => 11 * SignalRunMonth;

    /// <summary>
    /// Signal trials run this many at a time: a paced run mostly waits, so several share the cores without any trial's
    /// moment meaning less (each is measured from its own process's start).
    /// </summary>
    public const int SignalTrialsAtOnce = 3;

    /// <summary>The cases of <see cref="BusyPortTests.Cases"/>.</summary>
    public static int BusyPortCases => BusyPortTests.Cases.Count;

    /// <summary>A larger soak on demand: the variable names the count (e.g. ECONOMYSIM_SOAK_KILLS=200); CI runs the default.</summary>
    public static int Soak(string variable, int standard) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : standard;

    public static readonly (string Fault, string How, int Trials)[] Rows =
    [
        ("process killed (SIGKILL) after a seeded random phase, then `resume`", "Greater Manchester, 2 years paced to 200 ms a month, SQLite, history written by phase (and by year in every fourth trial), killed at points spread over all but its last six months; every digest equals the uninterrupted run's", KillTrials),
        ("SQLite file made read-only", "`resume` refused in one line, exit 3, file unchanged; resumed once writable", 1),
        ("SQLite store in a folder nobody may write (as on a read-only mount)", "`runs`, `show`, `compare` and `export` read it (opened read-only); the folder's files byte for byte the same", 1),
        ("disk full mid-run", "a 2 MB tmpfs (where the machine allows mounting) and SQLite's page limit: exit 3, one line; resumed with room", 2),
        ("SQLite file locked by another process mid-run", "exit 3, one line; resumed once the lock is released", 1),
        ("PostgreSQL stopped and restarted mid-run", "the run waits, carries on and completes with the uninterrupted digest", 1),
        ("PostgreSQL stopped for longer than the wait allowed", "exit 3, one line, status interrupted; resumed once the server is back", 1),
        ("SIGINT, and SIGTERM, at seeded random moments from process start to past the run's end (half the trials each)", "Cambridgeshire and Peterborough, 1 year paced to 200 ms a month, SQLite: exit 130 \"cancelled\" and status interrupted, then `resume` to the uninterrupted digest; or exit 0 with it, only for a signal sent after the run's paced months could have passed; before the runtime has started the program: exit 143, nothing stored", 2 * SignalTrials),
        ("a dashboard or Prometheus port already in use", "`run` and `experiment` refused in one line, exit 2, before anything is registered: the store holds no run, and the same command runs at once without the listener", BusyPortCases),
        ("an alias bomb, a named pipe as scenario or `extends:` target, `--scale 1000` on England, a million GP federations, a bad `ECONOMYSIM_STORE`, a 20,000-character argument", "the real `economysim` process: refused in one line, exit 2 (3 for a store file that cannot be opened), nothing written; each command's peak resident memory as the kernel counts it (GNU time) under 1 GiB, its processor time under 10 s", BoundedInputCliTests.MeasuredCases),
        ("exception inside an organisation's decision", "exit 1 naming organisation, tick and phase; status failed; resumed once the fault is removed", 1),
        ("scenario files generated and mutated (CsCheck)", "loaded in-process: a valid scenario or one clear message, never a crash", ScenarioCases),
        ("experiment files generated and mutated (CsCheck)", "the same, through the experiment loader", ExperimentCases),
        ("command lines, run ids and export paths (CsCheck)", "the real `economysim` process: exit 0 or 2/3, one line, no stack trace, no half-written file", CommandLineCases),
        ("runs at once into one SQLite store", "separate processes; each digest equals the same run alone", ConcurrentRuns),
        ("runs at once into one PostgreSQL store", "the same", ConcurrentRuns),
        ("two `run`s started at once with one `--run-id`, on SQLite and on PostgreSQL (half the pairs each)", "Cambridgeshire and Peterborough, 1 year: exactly one runs; the other exits 2 with one line, \"already exists\"; the registry holds the winner's completed run with the uninterrupted digest, and nothing else", 2 * ClaimPairs),
        ("two `resume`s started at once of one killed run, on SQLite and on PostgreSQL (half the pairs each)", "exactly one carries it on to the uninterrupted digest; the other exits 2 with one line; the registry holds the run completed, and nothing else", 2 * ClaimPairs),
    ];

    /// <summary>The README's table, exactly.</summary>
    public static string Table()
    {
        var text = new StringBuilder();
        text.Append("| fault or input | what the test does and checks | trials or cases | lost |\n");
        text.Append("|---|---|---|---|\n");
        foreach (var (fault, how, trials) in Rows)
            text.Append(CultureInfo.InvariantCulture, $"| {fault} | {how} | {trials:N0} | nothing |\n");
        return text.ToString();
    }
}
