using System.Diagnostics;
using EconomySim.Scenarios.Experiments;
using EconomySim.Testing;

namespace EconomySim.Scenarios.Tests;

/// <summary>
/// Inputs a user can make large or strange (alias bombs, named pipes, devices, text files named by <c>extends</c>, very
/// long values, names given twice) are refused at once in one bounded line naming file, line, column and key.
/// </summary>
public sealed class BoundedInputTests : IDisposable
{
    private readonly TemporaryFolder _dir = new("economysim-scenarios-");

    public void Dispose() => _dir.Dispose();

    /// <summary>Nine lists of nine, each list made of nine aliases of the one before: a few hundred bytes that expand to 9^9 values.</summary>
    private static string AliasBomb()
    {
        var lines = new List<string> { "a: &a [x, x, x, x, x, x, x, x, x]" };
        var previous = "a";
        foreach (var name in new[] { "b", "c", "d", "e", "f", "g", "h", "i" })
        {
            lines.Add($"{name}: &{name} [{string.Join(", ", Enumerable.Repeat("*" + previous, 9))}]");
            previous = name;
        }
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public void An_alias_bomb_is_refused_at_the_node_budget_quickly_and_in_little_memory()
    {
        var path = _dir.Write("bomb.yaml", AliasBomb());
        Assert.True(new FileInfo(path).Length < 1000);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 1L << 30, "allocated more than 1 GiB");
        Assert.StartsWith($"{path}:", e.Message);
        Assert.Contains("its YAML aliases (*name) expand to more than 1,000,000 values", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void An_alias_bomb_in_a_base_file_is_refused_in_the_same_way()
    {
        var bomb = _dir.Write("bomb.yaml", "scenario:\n  description: base\n" + AliasBomb());
        var child = _dir.Write("child.yaml", "extends: bomb.yaml\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(child));
        Assert.Equal(bomb, e.File);
        Assert.Contains("expand to more than 1,000,000 values", e.Message);
    }

    [Fact]
    public void An_experiment_file_that_is_an_alias_bomb_is_refused_too()
    {
        var path = _dir.Write("bomb.yaml", AliasBomb());
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.IsExperiment(path));
        Assert.Contains("expand to more than 1,000,000 values", e.Message);
    }

    [Fact]
    public async Task A_named_pipe_is_refused_at_once_instead_of_waiting_for_a_writer()
    {
        if (!OperatingSystem.IsLinux()) return;
        var pipe = MakeFifo("pipe.yaml");
        var e = await LoadFailsWithin(pipe);
        Assert.Equal($"{pipe}: is a named pipe (FIFO), not a regular file; a scenario file is a text file of a few kilobytes", e.Message);
    }

    [Fact]
    public async Task A_named_pipe_named_by_extends_is_refused_at_the_extends_line()
    {
        if (!OperatingSystem.IsLinux()) return;
        MakeFifo("pipe.yaml");
        var child = _dir.Write("child.yaml", "# a comment\nextends: pipe.yaml\n");
        var e = await LoadFailsWithin(child);
        Assert.StartsWith($"{child}:2:10: extends: {Path.Combine(_dir.Path, "pipe.yaml")}: is a named pipe (FIFO)", e.Message);
    }

    [Fact]
    public void A_device_is_refused_as_not_a_regular_file()
    {
        if (!OperatingSystem.IsLinux()) return;
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("/dev/null"));
        Assert.Equal("/dev/null: is a character device, not a regular file; a scenario file is a text file of a few kilobytes", e.Message);
    }

    [Theory]
    [InlineData("hello world, this is not a scenario\n", "it holds no mapping of sections")]
    [InlineData("# Notes\n\ntitle: my notes\nauthor: me\n", "it has none of the sections scenario, organisations, funder, ...")]
    [InlineData("a: [unclosed\n", "it is not YAML: a syntax error at line 2, column 1")]
    [InlineData("# only a comment\n", "it is empty")]
    public void A_base_that_is_not_a_scenario_is_blamed_at_the_extends_key_without_quoting_it(string content, string why)
    {
        var notes = _dir.Write("notes.txt", content);
        var child = _dir.Write("child.yaml", "# a comment\nextends: notes.txt\n");
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(child));
        Assert.Equal((child, 2, 10, "extends"), (e.File, e.Line, e.Column, e.Key));
        Assert.StartsWith($"{child}:2:10: extends: {notes}: is not a scenario file ({why}); extends must name a scenario file", e.Message);
        Assert.DoesNotContain("this is not a scenario", e.Message);
        Assert.DoesNotContain("my notes", e.Message);
    }

    [Theory]
    [InlineData("absent.yaml", null, "file not found")]
    [InlineData("notes.txt", "hello world\n", "the file holds the text `hello world`")]
    [InlineData("bad.yaml", "extends: {england}\nfunder:\n  pace_of_change: 2\n", "{base}:3:19: funder.pace_of_change: 2 is out of range")]
    [InlineData("pipe.yaml", "fifo", "is a named pipe (FIFO), not a regular file")]
    public void An_experiment_whose_base_scenario_does_not_load_is_blamed_at_its_scenario_key_with_the_bases_own_problem(string name, string? content, string baseProblem)
    {
        var basePath = Path.Combine(_dir.Path, name);
        if (content == "fifo")
        {
            if (!OperatingSystem.IsLinux()) return;
            MakeFifo(name);
        }
        else if (content is not null)
            _dir.Write(name, content.Replace("{england}", Repository.Config("england.yaml"), StringComparison.Ordinal));
        var experiment = _dir.Write("experiment.yaml", $"# an experiment\nexperiment:\n  name: x\n  scenario: {name}\n  replications: 2\nvariants:\n  - name: a\n  - name: b\n");
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(experiment));
        Assert.Equal((experiment, 4, 13, "experiment.scenario"), (e.File, e.Line, e.Column, e.Key));
        Assert.StartsWith($"{experiment}:4:13: experiment.scenario: the base scenario does not load: {basePath}", e.Message);
        Assert.Contains(baseProblem.Replace("{base}", basePath, StringComparison.Ordinal), e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("scenario:\n  name: {0}\n")]
    [InlineData("contracts:\n  acute_payment: {0}\n")]
    [InlineData("extends: {0}\n")]
    public void A_very_long_value_is_quoted_only_at_its_start(string template)
    {
        var value = new string('x', 20_000);
        // On a complete scenario, so that the long value is the first (and only) thing wrong.
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, value);
        if (!text.StartsWith("extends:", StringComparison.Ordinal)) text = $"extends: {Repository.Config("greater-manchester.yaml")}\n{text}";
        var path = _dir.Write("long.yaml", text);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.True(e.Message.Length < 800, $"a message of {e.Message.Length} characters");
        Assert.Contains(new string('x', 80) + "...", e.Message);
        Assert.DoesNotContain(new string('x', 300), e.Message);
    }

    [Fact]
    public void Two_councils_with_the_same_name_are_refused_naming_the_key_and_the_name()
    {
        var text = File.ReadAllText(Repository.Config("greater-manchester-no-devolution.yaml"))
            .Replace("extends: england-2015.yaml", $"extends: {Repository.Config("england-2015.yaml")}", StringComparison.Ordinal)
            .Replace("Trafford, Wigan]", "Trafford, Bolton]", StringComparison.Ordinal);
        var path = _dir.Write("twice.yaml", text);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path));
        Assert.Equal("organisations.council_names", e.Key);
        Assert.Contains("organisations.council_names: the name `Bolton` is given 2 times; each organisation needs a name of its own", e.Message);
    }

    [Fact]
    public void Names_differing_only_in_case_are_the_same_name()
    {
        var text = File.ReadAllText(Repository.Config("greater-manchester-no-devolution.yaml"))
            .Replace("extends: england-2015.yaml", $"extends: {Repository.Config("england-2015.yaml")}", StringComparison.Ordinal)
            .Replace("Trafford, Wigan]", "Trafford, bury]", StringComparison.Ordinal);
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(_dir.Write("case.yaml", text)));
        Assert.Contains("the name `Bury` is given 2 times", e.Message);
    }

    /// <summary>The load's error, failing the test if the load is still waiting after ten seconds (opening a pipe blocks).</summary>
    private static async Task<ScenarioException> LoadFailsWithin(string path)
    {
        var load = Task.Run(() => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(path)));
        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(10))));
        return await load;
    }

    private string MakeFifo(string name)
    {
        var path = Path.Combine(_dir.Path, name);
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }
}
