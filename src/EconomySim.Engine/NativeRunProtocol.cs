using System.Globalization;
using System.Text.Json.Serialization;
using EconomySim.Domain;
using EconomySim.Domain.Runs;

namespace EconomySim.Engine;

// What `economysim run` and the natively compiled engine (`economysim-native`, src/EconomySim.NativeRun) say to each
// other. The command checks everything a researcher typed, then hands a run that keeps no history to the native engine
// as one request on its standard input; the engine answers on its standard output with a line per phase while the
// command shows progress, then one line with the run. It is the same engine's code, so the history is the same.

/// <summary>Where the native engine is: beside the command, under this name.</summary>
public static class NativeRun
{
    public const string ExecutableName = "economysim-native";

    /// <summary>Whether a native engine was built beside this program.</summary>
    public static bool IsBeside() => File.Exists(Path.Combine(AppContext.BaseDirectory, ExecutableName));
}

/// <param name="Progress">Whether to write a line after each phase (only when a progress bar is drawn).</param>
public sealed record NativeRunRequest(string ScenarioPath, long Seed, int? Years, int Scale, string RunId, bool Progress);

/// <summary>
/// A finished run, with the monthly outcome table its yearly one is rebuilt from exactly as the engine builds it.
/// <paramref name="ScenarioSha256"/> is the scenario as the native engine read it, so a file changed between the two
/// reads is never reported as the file the command checked.
/// </summary>
public sealed record NativeRunReply(string ScenarioSha256, string RunId, string Scenario, long Seed, int Years, int StartYear, int Organisations,
    long Messages, long Events, string Digest, double WallSeconds, long[] Ticks, int Phases, int PhasesConserved)
{
    public static NativeRunReply Of(RunResult run, string scenarioSha256) =>
        new(scenarioSha256, run.RunId, run.Scenario, run.Seed, run.Years, run.Outcomes.Years[0].Year, run.Organisations, run.Messages, run.Events,
            run.Digest, run.WallSeconds, run.Outcomes.Ticks, run.Phases, run.PhasesConserved);

    public RunResult Result() =>
        new(RunId, Scenario, Seed, Years, Organisations, Messages, Events, Digest, WallSeconds, RunOutcomes.FromTable(StartYear, Years, Ticks),
            Phases, PhasesConserved);
}

/// <summary>The lines of the native engine's answer: progress lines, then the run as JSON.</summary>
public static class NativeRunLines
{
    private const string PhasePrefix = "phase ";

    public static string Phase(RunProgress progress) =>
        string.Create(CultureInfo.InvariantCulture, $"{PhasePrefix}{progress.PhasesDone} {progress.Phase}");

    /// <summary>The phases done and the phase's name, when <paramref name="line"/> is a progress line.</summary>
    public static bool TryReadPhase(string line, out int phasesDone, out string phase)
    {
        (phasesDone, phase) = (0, "");
        if (!line.StartsWith(PhasePrefix, StringComparison.Ordinal)) return false;
        var rest = line.AsSpan(PhasePrefix.Length);
        var space = rest.IndexOf(' ');
        if (space < 0 || !int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out phasesDone)) return false;
        phase = rest[(space + 1)..].ToString();
        return true;
    }
}

/// <summary>Written by generated code: the native engine has no reflection-built serializers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NativeRunRequest))]
[JsonSerializable(typeof(NativeRunReply))]
public sealed partial class NativeRunJson : JsonSerializerContext;
