using System.CommandLine;
using System.Text.Json;
using EconomySim.Cli.Tables;
using EconomySim.Domain;

namespace EconomySim.Cli;

/// <summary><c>economysim metrics</c>: every outcome the model records, with its unit, how a year's value is made and what it means.</summary>
public static class MetricsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Print the catalogue as a JSON array" };
        var format = Report.FormatOption();
        var names = new Argument<string[]>("NAME") { Description = "Only these metrics (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("metrics", "List the outcomes the model records: name, unit as tables show it, how a year's value is made from the months, and meaning") { names, json, format };
        command.SetAction(async (parse, _) =>
        {
            var chosen = Chosen(parse.GetValue(names) ?? []);
            if (parse.GetValue(json))
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(chosen.Select(m => new
                {
                    name = m.Name, unit = m.Unit, shown_in = MetricDisplay.Unit(m), year_value = MetricDisplay.Aggregation(m), meaning = m.Meaning,
                })));
                return ExitCodes.Success;
            }
            var table = new TextTable(TextColumn.Key("metric"), TextColumn.Text("unit"), TextColumn.Text("year value"), TextColumn.Prose("meaning"));
            foreach (var m in chosen) table.AddRow(m.Name, MetricDisplay.Unit(m), MetricDisplay.Aggregation(m), m.Meaning);
            var report = Report.For(stdout, stderr, parse.GetValue(format));
            report.Table(table);
            report.Line("Year value: the sum of the year's months, the level at the year's end, or derived from the year's other values (shares, ratios, means). " +
                "Tables show money in £m (a cost per head in £), shares as percentages, counts as whole numbers; JSON and exports keep pounds, fractions and counts.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<MetricInfo> Chosen(string[] names)
    {
        if (names.Length == 0) return MetricCatalogue.All;
        var known = MetricCatalogue.All.Select(m => m.Name).ToList();
        return names.Select(n => MetricCatalogue.Find(n)
            ?? throw new UsageException($"metrics: '{n}' is not a metric{Scenarios.NameSuggestion.DidYouMean(n, known)}; 'economysim metrics' lists them all")).ToList();
    }
}
