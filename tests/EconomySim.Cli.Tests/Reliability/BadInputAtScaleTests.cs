using System.Collections.Concurrent;
using CsCheck;
using EconomySim.Domain.Runs;
using EconomySim.Scenarios;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// Thousands of scenario and experiment files made by mutating the shipped ones (values, keys, indentation, structure,
/// truncation), checked through the command line's own entry point in this process: each is either valid, and then
/// its economy is built and a valid scenario runs, or refused with one clear line and exit code 2. Never a crash.
/// </summary>
public sealed class BadInputAtScaleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-fuzz-").FullName;
    private int _case;

    public BadInputAtScaleTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.RepositoryRoot, "configs"), "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_dir, Path.GetRelativePath(Path.Combine(Cli.RepositoryRoot, "configs"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int ExitCode, string Stdout, string Stderr) Validate(string path)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.RunAsync(["validate", path], stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertValidOrOneClearLine((int ExitCode, string Stdout, string Stderr) result, string path)
    {
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (result.ExitCode == 0)
        {
            Assert.Contains(": valid ", result.Stdout);
            Assert.Equal("", result.Stderr);
            return;
        }
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode} for {path}:\n{result.Stderr}");
        Assert.True(lines.Length == 1, $"{lines.Length} lines for {path}:\n{result.Stderr}");
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void Mutated_scenario_files_are_valid_or_refused_in_one_clear_line()
    {
        var sources = Directory.GetFiles(_dir, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var texts = sources.Select(File.ReadAllText).ToArray();
        var ran = new ConcurrentBag<string>();
        Mutation.Of(sources.Length).Sample(c =>
        {
            var path = Path.Combine(_dir, $"mutant-{Interlocked.Increment(ref _case)}.yaml");
            File.WriteAllText(path, Mutation.Apply(texts[c.File], c.Edits));
            var result = Validate(path);
            AssertValidOrOneClearLine(result, path);
            // A scenario that validates must also build and run: one simulated year of the sequential reference, which
            // shares the model with the engine, is enough to meet every phase.
            var economy = result.ExitCode == 0 ? EconomyGenerator.Build(ScenarioLoader.Load(path), years: 1) : null;
            // Runs of England-sized economies would take most of the suite's time; the Greater Manchester family meets
            // the same code in every phase.
            if (economy is { Organisations.Count: < 500 } && ran.Count < 100)
            {
                var summary = SequentialRun.Run(economy, 1);
                Assert.Equal(summary.Phases, summary.PhasesConserved);
                ran.Add(path);
            }
            File.Delete(path);
        }, iter: ReliabilityFigures.ScenarioCases, seed: "0000000000007", print: c => $"{Path.GetFileName(sources[c.File])}: {Mutation.Describe(c.Edits)}");
        Assert.NotEmpty(ran);
    }

    [Fact]
    public void Mutated_experiment_files_are_valid_or_refused_in_one_clear_line()
    {
        var sources = Directory.GetFiles(Path.Combine(_dir, "experiments"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var texts = sources.Select(File.ReadAllText).ToArray();
        Mutation.Of(sources.Length).Sample(c =>
        {
            var path = Path.Combine(_dir, "experiments", $"mutant-{Interlocked.Increment(ref _case)}.yaml");
            File.WriteAllText(path, Mutation.Apply(texts[c.File], c.Edits));
            var result = Validate(path);
            AssertValidOrOneClearLine(result, path);
            if (result.ExitCode == 0)
                foreach (var variant in EconomySim.Scenarios.Experiments.ExperimentLoader.Load(path).Variants)
                    Assert.NotEmpty(EconomyGenerator.Build(variant.Scenario, years: 1).Organisations);
            File.Delete(path);
        }, iter: ReliabilityFigures.ExperimentCases, seed: "0000000000007", print: c => $"{Path.GetFileName(sources[c.File])}: {Mutation.Describe(c.Edits)}");
    }

    // Regressions: cases the generator found.

    [Fact]
    public void An_experiment_whose_scenario_is_a_device_that_never_ends_is_refused_instead_of_read_until_memory_runs_out()
    {
        var path = Path.Combine(_dir, "experiments", "endless.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(_dir, "experiments", "pbr-vs-block.yaml"))
            .Replace("scenario: ../cambridgeshire-peterborough-flat-cash.yaml", "scenario: /dev/zero", StringComparison.Ordinal));
        var result = Validate(path);
        AssertValidOrOneClearLine(result, path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/dev/zero: is a character device, not a regular file", result.Stderr);
    }

    [Fact]
    public void A_value_quoted_in_a_message_that_spans_lines_is_shown_on_one_line()
    {
        var path = Path.Combine(_dir, "block-value.yaml");
        File.WriteAllText(path, File.ReadAllText(Path.Combine(_dir, "greater-manchester-devolution-2016.yaml"))
            .Replace("policy_changes:", "policy_changes: |\n  block", StringComparison.Ordinal));
        var result = Validate(path);
        AssertValidOrOneClearLine(result, path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("policy_changes: expected a list but found the text `block", result.Stderr);
    }
}
