using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using EconomySim.Engine;
using EconomySim.Experiments;
using EconomySim.Scenarios.Experiments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EconomySim.Cli;

/// <summary><c>economysim experiment FILE</c>: variants times replications, a comparison table, and the expectations checked.</summary>
public static class ExperimentCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Experiment file (YAML), e.g. configs/experiments/pbr-vs-block.yaml" };
        var replications = CliApp.IntOption("--replications", "Replications per variant (default: the file's)", null, 2, ExperimentLoader.MaxReplications);
        var parallel = CliApp.IntOption("--parallel", "Runs at once (default: the cores at hand)", null, 1, 256);
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the comparison instead of tables" };
        var command = new Command("experiment", "Run an experiment's variants with common random numbers and check its expectations") { file, replications, parallel, json };
        command.SetAction(async (parse, cancellation) =>
        {
            var experiment = ExperimentLoader.Load(parse.GetValue(file)!, parse.GetResult(replications) is null ? null : parse.GetValue(replications));
            var asJson = parse.GetValue(json);
            var runs = await RunAsync(experiment, parse.GetResult(parallel) is null ? null : parse.GetValue(parallel), parse.GetValue(CliApp.Verbose),
                asJson ? null : stderr, cancellation);
            var results = ExperimentAnalysis.CheckAll(runs);
            if (asJson) await stdout.WriteLineAsync(Json(runs, results));
            else Table(runs, results, RunCommand.ConsoleFor(stdout));
            var failed = results.Where(r => !r.Passed).ToList();
            foreach (var f in failed)
                await stderr.WriteLineAsync($"{experiment.Path}:{f.Expectation.Line}: expectation failed: {f.Expectation} (difference {F(f.Difference.Mean)}, 95% CI {F(f.Difference.Lower)} to {F(f.Difference.Upper)})");
            return failed.Count == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    /// <summary>What `validate` says about an experiment file: its variants and runs, without running them.</summary>
    public static async Task<int> ValidateAsync(string path, bool asJson, TextWriter stdout)
    {
        var experiment = ExperimentLoader.Load(path);
        if (asJson)
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new
            {
                file = path,
                valid = true,
                experiment = experiment.Name,
                scenario = experiment.Base.Path,
                variants = experiment.Variants.Select(v => v.Name).ToList(),
                replications = experiment.Replications,
                runs = experiment.Variants.Count * experiment.Replications,
                expectations = experiment.Expectations.Select(e => e.ToString()).ToList(),
            }));
        }
        else
        {
            await stdout.WriteLineAsync($"{path}: valid experiment '{experiment.Name}' on {experiment.Base.Path}: {experiment.Variants.Count} variants ({string.Join(", ", experiment.Variants.Select(v => v.Name))}) x {experiment.Replications} replications, {experiment.Expectations.Count} expectation(s)");
        }
        return ExitCodes.Success;
    }

    private static async Task<ExperimentRuns> RunAsync(ExperimentDocument experiment, int? parallel, bool verbose, TextWriter? progressTo, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddEconomySimEngine(new EngineOptions(Verbose: verbose));
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            if (progressTo is null || Console.IsErrorRedirected)
                return await ExperimentRunner.RunAsync(system, experiment, parallel, cancellationToken: cancellation);
            ExperimentRuns? result = null;
            var done = 0;
            await RunCommand.ConsoleFor(progressTo).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var total = experiment.Variants.Count * experiment.Replications;
                    var task = context.AddTask($"{experiment.Name}: {total} runs", maxValue: total);
                    var run = ExperimentRunner.RunAsync(system, experiment, parallel, p => Volatile.Write(ref done, p.RunsDone), cancellationToken: cancellation);
                    while (!run.IsCompleted)
                    {
                        task.Value = Volatile.Read(ref done);
                        await Task.WhenAny(run, Task.Delay(100, CancellationToken.None));
                    }
                    task.Value = total;
                    result = await run;
                });
            return result!;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static void Table(ExperimentRuns runs, IReadOnlyList<ExpectationResult> results, IAnsiConsole console)
    {
        var e = runs.Experiment;
        console.MarkupLine($"[bold]{Markup.Escape(e.Name)}[/]  {Markup.Escape(e.Path)}  on {Markup.Escape(e.Base.Path)}");
        console.MarkupLine($"{e.Variants.Count} variants x {e.Replications} replications (seeds {e.Seed} to {e.SeedOf(e.Replications - 1)}, common to every variant), {runs.Runs.Count} runs in {runs.WallSeconds:F1} s");
        console.Profile.Width = Math.Max(console.Profile.Width, 160);

        // Means with 95% CIs of every metric an expectation names, under every variant.
        var measures = e.Expectations.Select(x => (x.Metric, x.Year)).Distinct().ToList();
        var means = new Table().Border(TableBorder.Simple).AddColumn("outcome").AddColumn("year");
        foreach (var v in e.Variants) means.AddColumn(new TableColumn($"{v.Name} (mean ± 95% CI)").RightAligned());
        foreach (var (metric, year) in measures)
        {
            var row = new List<string> { metric, year?.ToString(CultureInfo.InvariantCulture) ?? "run" };
            foreach (var v in e.Variants)
            {
                var estimate = Statistics.Describe(ExperimentAnalysis.Values(runs, v.Name, metric, year));
                row.Add($"{F(estimate.Mean)} ± {F(estimate.HalfWidth)}");
            }
            means.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(means);

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("expectation").AddColumn(new TableColumn("paired difference").RightAligned()).AddColumn(new TableColumn("95% CI").RightAligned()).AddColumn("result");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Expectation.ToString()), Markup.Escape(F(r.Difference.Mean)),
                Markup.Escape($"{F(r.Difference.Lower)} to {F(r.Difference.Upper)}"), r.Passed ? "[green]passed[/]" : "[red]FAILED[/]");
        console.Write(table);
    }

    private static string Json(ExperimentRuns runs, IReadOnlyList<ExpectationResult> results)
    {
        var e = runs.Experiment;
        static object Est(Estimate x) => new { n = x.Count, mean = x.Mean, sd = x.StandardDeviation, ci_lower = x.Lower, ci_upper = x.Upper };
        return JsonSerializer.Serialize(new
        {
            experiment = e.Name,
            file = e.Path,
            scenario = e.Base.Path,
            replications = e.Replications,
            seeds = Enumerable.Range(0, e.Replications).Select(e.SeedOf).ToList(),
            wall_seconds = Math.Round(runs.WallSeconds, 3),
            runs = runs.Runs.Select(r => new { run_id = r.RunId, variant = r.Variant, replication = r.Replication + 1, seed = r.Seed, digest = r.Result.Digest, money_conserved = r.Result.PhasesConserved == r.Result.Phases }).ToList(),
            expectations = results.Select(r => new
            {
                clause = r.Expectation.ToString(),
                metric = r.Expectation.Metric,
                year = r.Expectation.Year,
                direction = r.Expectation.Direction == ExpectedDirection.Lower ? "lower" : "higher",
                variant = r.Expectation.Variant,
                than = r.Expectation.Than,
                variant_estimate = Est(r.Variant.Estimate),
                than_estimate = Est(r.Than.Estimate),
                difference = Est(r.Difference),
                passed = r.Passed,
            }).ToList(),
            passed = results.All(r => r.Passed),
        });
    }

    private static string F(double value) => Math.Abs(value) >= 1000
        ? value.ToString("#,##0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
