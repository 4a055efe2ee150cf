using EconomySim.Scenarios.Experiments;
using EconomySim.Testing;

namespace EconomySim.Scenarios.Tests;

/// <summary>The expectation clauses beyond a direction of effect, read from experiment files, and their mistakes reported at file, line and key.</summary>
public sealed class ExpectationClauseFileTests : IDisposable
{
    private readonly TemporaryFolder _dir = new("economysim-scenarios-");

    public ExpectationClauseFileTests() => _dir.Write("england.yaml", File.ReadAllText(Repository.Config("england.yaml")));

    public void Dispose() => _dir.Dispose();

    // England runs 2024-2033; the clauses start on line 12.
    private string Experiment(string expect) => _dir.Write("experiment.yaml",
        "experiment:\n  name: test\n  scenario: england.yaml\n  replications: 3\n" +
        "variants:\n  - name: a\n    set:\n      contracts.acute_payment: block\n  - name: b\n  - name: c\n" +
        "expect:\n" + expect);

    [Fact]
    public void Every_clause_reads_as_the_sentence_it_was_written_as()
    {
        var experiment = ExperimentLoader.Load(Experiment("""
              - metric: waiting_list
                year: 2030
                under: b
                within: 5%
                of: a
              - metric: cost_per_head
                within: 20
                under: c
                of: a
              - metric: elective_treated
                per: population
                ordered: [c, b, a]
                order: descending
              - metric: waiting_list
                increasing_with: [a, b, c]
              - metric: waiting_list
                under: a
                from: 2025
                to: 2028
                change: grows
                than: b
              - property: money_conserved

            """));
        var e = experiment.Expectations;
        Assert.Equal(6, e.Count);
        Assert.Equal((ExpectationKind.Equivalence, "b", "a", new Margin(0.05, true), 12), (e[0].Kind, e[0].Variant, e[0].Than, e[0].Margin, e[0].Line));
        Assert.Equal("waiting_list in 2030 under b within 5% of a", e[0].ToString());
        Assert.Equal(new Margin(20, false), e[1].Margin);
        Assert.Equal((ExpectationKind.Order, ExpectedDirection.Lower, "population"), (e[2].Kind, e[2].Direction, e[2].Per));
        Assert.Equal(["c", "b", "a"], e[2].Variants);
        Assert.Equal("elective_treated per population over the run descending across c, b, a", e[2].ToString());
        Assert.Equal((ExpectationKind.Trend, ExpectedDirection.Higher), (e[3].Kind, e[3].Direction));
        Assert.Equal(["a", "b", "c"], e[3].Variants);
        Assert.Equal((ExpectationKind.Change, 2025, 2028, "a", "b"), (e[4].Kind, e[4].From, e[4].To, e[4].Variant, e[4].Than));
        Assert.Equal("waiting_list under a grows from 2025 to 2028 more than under b", e[4].ToString());
        Assert.Equal((ExpectationKind.MoneyConserved, 33), (e[5].Kind, e[5].Line));
    }

    [Theory]
    [InlineData("funder.allocation_growth", null)]
    [InlineData("funder.allocation_grwth", "`funder.allocation_grwth` is neither a design parameter nor a list of variants (did you mean `funder.allocation_growth`?)")]
    public void A_trend_along_a_design_parameter_names_one_of_the_designs_parameters(string key, string? problem)
    {
        var path = _dir.Write("design.yaml", "experiment:\n  name: test\n  scenario: england.yaml\n  replications: 2\n" +
            "design:\n  method: grid\n  samples: 2\nparameters:\n  - key: funder.allocation_growth\n    uniform: [0.01, 0.05]\n" +
            $"expect:\n  - metric: commissioner_allocations\n    year: 2026\n    increasing_with: {key}\n");
        if (problem is null)
        {
            var trend = Assert.Single(ExperimentLoader.Load(path).Expectations);
            Assert.Equal((ExpectationKind.Trend, "funder.allocation_growth"), (trend.Kind, trend.Parameter));
            Assert.Equal("commissioner_allocations in 2026 increasing with funder.allocation_growth", trend.ToString());
            return;
        }
        var error = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(path)).Errors[0];
        Assert.Equal((14, "expect[0].increasing_with", problem), (error.Line, error.Key, error.Problem));
    }

    [Theory]
    [InlineData("  - metric: waiting_list\n    under: a\n    within: 0%\n    of: b\n", 14, "expect[0].within", "the margin 0% is not positive")]
    [InlineData("  - metric: waiting_list\n    under: a\n    within: -3\n    of: b\n", 14, "expect[0].within", "the margin -3 is not positive")]
    [InlineData("  - metric: waiting_list\n    under: a\n    within: five\n    of: b\n", 14, "expect[0].within", "`five` is not a margin")]
    [InlineData("  - metric: waiting_list\n    under: a\n    within: 5%\n    of: d\n", 15, "expect[0].of", "unknown variant `d`")]
    [InlineData("  - metric: waiting_list\n    within: 5%\n    of: b\n", 12, "expect[0].under", "required key `under:` is missing from the clause")]
    [InlineData("  - metric: waiting_list\n    under: b\n    within: 5%\n    of: b\n", 15, "expect[0].of", "compares `b` with itself")]
    [InlineData("  - metric: waiting_list\n    ordered: [a]\n", 13, "expect[0].ordered", "names 1 variant")]
    [InlineData("  - metric: waiting_list\n    ordered: [a, bb]\n", 13, "expect[0].ordered", "unknown variant `bb` (did you mean `b`?)")]
    [InlineData("  - metric: waiting_list\n    ordered: [a, b, a]\n", 13, "expect[0].ordered", "names `a` twice")]
    [InlineData("  - metric: waiting_list\n    ordered: [a, b]\n    order: downwards\n", 14, "expect[0].order", "`downwards` is not allowed")]
    [InlineData("  - metric: waiting_list\n    increasing_with: tariff\n", 13, "expect[0].increasing_with", "`tariff` is neither a design parameter nor a list of variants")]
    [InlineData("  - metric: waiting_list\n    decreasing_with: [c]\n", 13, "expect[0].decreasing_with", "names 1 variant")]
    [InlineData("  - metric: waiting_list\n    under: a\n    from: 2020\n    to: 2026\n    change: grows\n", 14, "expect[0].from", "2020 is not a year of the runs")]
    [InlineData("  - metric: waiting_list\n    under: a\n    from: 2030\n    to: 2026\n    change: falls\n", 15, "expect[0].to", "2026 is not after 2030")]
    [InlineData("  - metric: waiting_list\n    under: a\n    from: 2026\n    change: grows\n", 15, "expect[0].to", "a change needs `to:`")]
    [InlineData("  - metric: waiting_list\n    under: a\n    from: 2026\n    to: 2028\n    change: rises\n", 16, "expect[0].change", "`rises` is not allowed")]
    [InlineData("  - metric: waiting_list\n    under: a\n    year: 2026\n    from: 2026\n    to: 2028\n    change: grows\n", 14, "expect[0].year", "a change is between two years")]
    [InlineData("  - metric: waiting_list\n    per: populaton\n    lower: a\n    than: b\n", 13, "expect[0].per", "unknown metric `populaton` (did you mean `population`?)")]
    [InlineData("  - property: money_conservd\n", 12, "expect[0].property", "unknown run property `money_conservd` (did you mean `money_conserved`?)")]
    [InlineData("  - property: money_conserved\n    metric: waiting_list\n", 13, "expect[0].metric", "`metric:` does not apply to the run property `money_conserved`")]
    [InlineData("  - metric: waiting_list\n    lower: a\n    than: b\n    ordered: [a, b]\n", 15, "expect[0]", "combines `lower:` and `ordered:`")]
    [InlineData("  - year: 2026\n    ordered: [a, b]\n", 12, "expect[0]", "names no `metric:`")]
    public void Mistakes_in_clauses_are_reported_at_file_line_and_key(string expect, int line, string key, string problem)
    {
        var path = Experiment(expect);
        var e = Assert.Throws<ScenarioException>(() => ExperimentLoader.Load(path));
        var error = e.Errors[0];
        Assert.Equal((path, line, key), (error.File, error.Line, error.Key));
        Assert.StartsWith(problem, error.Problem);
    }
}
