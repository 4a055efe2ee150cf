using System.CommandLine;
using System.Text.Json;
using EconomySim.Domain;
using EconomySim.Scenarios;

namespace EconomySim.Cli;

public static class ValidateCommand
{
    public static Command Create(TextWriter stdout)
    {
        var file = CliApp.ScenarioFileArgument();
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object" };
        var ignoreMemory = MemoryBudget.IgnoreOption();
        var command = new Command("validate", "Check a scenario or experiment file without running it, and that a run of it fits in this machine's memory") { file, json, ignoreMemory };
        command.SetAction(async (parse, _) =>
        {
            var path = parse.GetValue(file)!;
            if (EconomySim.Scenarios.Experiments.ExperimentLoader.IsExperiment(path)) return await ExperimentCommand.ValidateAsync(path, parse.GetValue(json), stdout);
            var scenario = ScenarioLoader.Load(path);
            MemoryBudget.Check(EconomySize.Of(scenario), 1, scenario.Path, parse.GetValue(ignoreMemory));
            var economy = EconomyGenerator.Build(scenario);
            var counts = economy.Organisations.GroupBy(o => o.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    file = path,
                    valid = true,
                    scenario = scenario.Name,
                    sha256 = scenario.Sha256,
                    start_year = scenario.Parameters.StartYear,
                    years = scenario.Parameters.Years,
                    organisations = economy.Organisations.Count,
                    by_kind = counts.ToDictionary(kv => Naming.Kind(kv.Key), kv => kv.Value),
                }));
            }
            else
            {
                var kinds = string.Join(", ", counts.Select(kv => $"{kv.Value:N0} {Naming.Kind(kv.Key).Replace('_', ' ')}"));
                await stdout.WriteLineAsync($"{path}: valid scenario '{scenario.Name}': {economy.Organisations.Count:N0} organisations ({kinds}), {scenario.Parameters.Years} years from {scenario.Parameters.StartYear}");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}

public static class Naming
{
    public static string Kind(OrganisationKind kind) => kind switch
    {
        OrganisationKind.NationalFunder => "national_funder",
        OrganisationKind.Commissioner => "commissioners",
        OrganisationKind.Trust => "trusts",
        OrganisationKind.GpFederation => "gp_federations",
        OrganisationKind.Council => "councils",
        _ => kind.ToString(),
    };
}
