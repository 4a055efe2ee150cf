namespace EconomySim.Benchmarking;

/// <summary>What a bench run measures, chosen with --quick, --only and the size options.</summary>
public sealed record BenchPlan(
    string ScenarioFile,
    int Years,
    IReadOnlyList<int> Scales,
    int Replications,
    int Pairs,
    int PingPongMessages,
    IReadOnlySet<string> Parts,
    bool Quick,
    string DesignFile,
    int DesignRuns)
{
    public const string Engine = "engine";
    public const string PingPong = "ping-pong";
    public const string ScalesPart = "scales";
    public const string ReplicationsPart = "replications";
    public const string Persistence = "persistence";
    public const string DesignsPart = "designs";
    public const string FreshPart = "fresh";
    public static readonly string[] AllParts = [Engine, FreshPart, PingPong, Persistence, ScalesPart, ReplicationsPart, DesignsPart];

    /// <summary>Many small runs through the experiment runner: the shipped Sobol design on Greater Manchester, 5 years.</summary>
    public const string DefaultDesignFile = "configs/experiments/sensitivity-greater-manchester.yaml";

    /// <summary>
    /// The plan for the options given: what is not given takes the full bench's size, or the smoke run's with
    /// <paramref name="quick"/>.
    /// </summary>
    public static BenchPlan For(string scenarioFile, bool quick, IReadOnlySet<string> parts, int? years = null, IReadOnlyList<int>? scales = null,
        int? replications = null, int? pairs = null, string? designFile = null, int? designRuns = null) =>
        new(
            scenarioFile,
            years ?? (quick ? 1 : 10),
            scales ?? (quick ? [1, 2] : [1, 10, 100]),
            replications ?? (quick ? 4 : BenchTargets.ReplicationRuns),
            // A median of five rounds is a slowed round's time only when a busy host slowed three of them, a median of
            // three when it slowed two: on a shared machine, benches of three rounds gave engine / sequential anywhere
            // from 0.63 to 0.82 within the hour.
            pairs ?? (quick ? 1 : 5),
            quick ? 200_000 : 4_000_000,
            parts,
            quick,
            designFile ?? DefaultDesignFile,
            designRuns ?? (quick ? 8 : BenchTargets.DesignRuns));

    public static string YearsText(int years) => years == 1 ? "1 year" : $"{years} years";
}
