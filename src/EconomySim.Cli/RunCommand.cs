using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Engine;
using EconomySim.Scenarios;
using EconomySim.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace EconomySim.Cli;

public static partial class RunCommand
{
    private static readonly string[] Stores = ["none"];

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex RunIdPattern();

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = CliApp.ScenarioFileArgument();
        var seed = CliApp.SeedOption();
        var years = CliApp.IntOption("--years", "Simulated years (default: the scenario's)", null, 1, 50);
        var scale = CliApp.IntOption("--scale", "Multiply organisation counts, population and money by K (for benchmarks)", 1, 1, 1000);
        var store = new Option<string>("--store") { Description = "Where the run history goes: none (keep no history)", DefaultValueFactory = _ => "none" };
        store.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Stores.Contains(value))
                result.AddError($"--store: '{value}' is not a store this version can write; allowed: {string.Join(", ", Stores)}");
        });
        var runId = new Option<string?>("--run-id") { Description = "Name the run (default: <scenario>-<yyyyMMdd-HHmmss>-<seed>)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with the run's figures instead of tables" };
        var command = new Command("run", "Run a scenario and print its outcomes per simulated year") { file, seed, years, scale, store, runId, json };
        var telemetry = new TelemetryOptions();
        foreach (var option in telemetry.All) command.Options.Add(option);
        command.SetAction(async (parse, cancellation) =>
        {
            var scenario = ScenarioLoader.Load(parse.GetValue(file)!);
            var runSeed = parse.GetValue(seed);
            var given = parse.GetValue(runId);
            if (given is not null && !RunIdPattern().IsMatch(given))
                throw new UsageException($"--run-id: '{given}' is not a valid run id; allowed: 1 to 100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
            var economy = EconomyGenerator.Build(scenario, parse.GetResult(years) is null ? null : parse.GetValue(years), parse.GetValue(scale));
            var id = given ?? $"{scenario.Name}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{runSeed}";
            var asJson = parse.GetValue(json);
            var verbose = parse.GetValue(CliApp.Verbose);
            telemetry.Validate(parse, asJson);

            var settings = telemetry.Settings(parse);
            await using var session = settings.Any ? await TelemetrySession.StartAsync(settings, stderr, cancellation) : null;
            using var observer = session?.Observe(RunLabels.For(id, economy));
            var watch = new RunOptions { Observer = observer, MonthPace = parse.GetValue(telemetry.Pace) };
            var result = await RunAsync(economy, runSeed, id, verbose, asJson ? null : stderr, watch, cancellation);
            if (asJson) await stdout.WriteLineAsync(RunReport.Json(result, scenario));
            else RunReport.Table(result, scenario, ConsoleFor(stdout));
            if (session is not null) await telemetry.LingerAsync(parse, session, stderr, cancellation);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<RunResult> RunAsync(EconomyDefinition economy, long seed, string runId, bool verbose, TextWriter? progressTo, RunOptions watch, CancellationToken cancellation)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddEconomySimEngine(new EngineOptions(Verbose: verbose));
        using var host = builder.Build();
        await host.StartAsync(cancellation);
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var phases = Domain.Calendar.Build(economy.Parameters.StartYear, economy.Parameters.Years).Count;
            if (progressTo is null || Console.IsErrorRedirected)
                return await SimulationEngine.RunAsync(system, economy, seed, runId, watch, cancellation);

            var done = 0;
            var label = "starting";
            var console = ConsoleFor(progressTo);
            RunResult? result = null;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"{economy.ScenarioName} seed {seed}", maxValue: phases);
                    var run = SimulationEngine.RunAsync(system, economy, seed, runId, watch with
                    {
                        Progress = p =>
                        {
                            Volatile.Write(ref done, p.PhasesDone);
                            Volatile.Write(ref label, p.Phase.ToString());
                        },
                    }, cancellation);
                    while (!run.IsCompleted)
                    {
                        task.Value = Volatile.Read(ref done);
                        task.Description = Volatile.Read(ref label);
                        await Task.WhenAny(run, Task.Delay(100, CancellationToken.None));
                    }
                    task.Value = phases;
                    result = await run;
                });
            return result!;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    public static IAnsiConsole ConsoleFor(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
}

/// <summary>How a finished run is shown: a table for people, one JSON object for scripts.</summary>
public static class RunReport
{
    private static readonly Metric[] Headline =
    [
        Metric.CommissionerAllocations, Metric.SpendAcute, Metric.SpendPrimaryCare, Metric.SpendPrevention, Metric.PooledTransfers,
        Metric.SocialCareSpend, Metric.TrustSurplus, Metric.TrustsInDeficit, Metric.BailoutCount, Metric.BailoutValue,
        Metric.GpAppointments, Metric.AandEAttendances, Metric.EmergencyAdmissions, Metric.AvoidableAdmissions,
        Metric.ElectiveTreated, Metric.WaitingList, Metric.WaitingOver18Weeks, Metric.DelayedDischargeBedDays,
        Metric.PeopleSupported, Metric.UnmetSocialCareNeed, Metric.Proposals, Metric.Vetoes, Metric.ReformsAdopted, Metric.QalysMilli,
    ];

    public static string Json(RunResult run, ScenarioDocument scenario)
    {
        var final = run.Outcomes.Years[^1];
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["run_id"] = run.RunId,
            ["scenario"] = scenario.Name,
            ["scenario_file"] = scenario.Path,
            ["scenario_sha256"] = scenario.Sha256,
            ["seed"] = run.Seed,
            ["start_year"] = run.Outcomes.Years[0].Year,
            ["years"] = run.Years,
            ["organisations"] = run.Organisations,
            ["phases"] = run.Phases,
            ["messages"] = run.Messages,
            ["events"] = run.Events,
            ["digest"] = run.Digest,
            ["wall_seconds"] = Math.Round(run.WallSeconds, 3),
            ["messages_per_second"] = run.WallSeconds > 0 ? Math.Round(run.Messages / run.WallSeconds) : 0,
            ["money_conserved"] = run.PhasesConserved == run.Phases,
            ["outcomes"] = Values(final),
            ["outcomes_by_year"] = run.Outcomes.Years.Select(y => new Dictionary<string, object> { ["year"] = y.Year, ["values"] = Values(y) }).ToList(),
        });
    }

    private static Dictionary<string, decimal> Values(Domain.Runs.YearOutcomes year) =>
        MetricCatalogue.All.ToDictionary(m => m.Name, m => year.Display(m.Metric));

    public static void Table(RunResult run, ScenarioDocument scenario, IAnsiConsole console)
    {
        console.MarkupLine($"[bold]{Markup.Escape(run.RunId)}[/]  {Markup.Escape(scenario.Path)}  seed {run.Seed}");
        console.MarkupLine($"{run.Organisations:N0} organisations, {run.Phases:N0} phases, {run.Messages:N0} messages, {run.Events:N0} events in {run.WallSeconds:F2} s ({(run.WallSeconds > 0 ? run.Messages / run.WallSeconds : 0):N0} messages/s)");
        console.MarkupLine($"money conserved: {(run.PhasesConserved == run.Phases ? "[green]yes, every phase[/]" : "[red]NO[/]")}   digest {run.Digest}");
        // Redirected output has no terminal width; give a year's column room rather than wrap every figure.
        console.Profile.Width = Math.Max(console.Profile.Width, 40 + 12 * run.Outcomes.Years.Count);
        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("outcome").NoWrap()).AddColumn(new TableColumn("unit").NoWrap());
        foreach (var year in run.Outcomes.Years) table.AddColumn(new TableColumn($"{year.Year}/{(year.Year + 1) % 100:00}").RightAligned().NoWrap());
        foreach (var metric in Headline)
        {
            var info = MetricCatalogue.Info(metric);
            var row = new List<string> { info.Name, UnitLabel(info.Unit) };
            row.AddRange(run.Outcomes.Years.Select(y => Format(info, y.Display(metric))));
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
    }

    private static string UnitLabel(string unit) => unit switch
    {
        "GBP" => "£m",
        "{QALY}" => "QALYs",
        _ => unit.Trim('{', '}'),
    };

    private static string Format(MetricInfo info, decimal value) => info.Unit == "GBP"
        ? (value / 1_000_000m).ToString("#,##0.0", CultureInfo.InvariantCulture)
        : value.ToString("#,##0", CultureInfo.InvariantCulture);
}
