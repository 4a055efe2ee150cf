using System.Globalization;
using System.Text;
using System.Text.Json;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using Calendar = EconomySim.Domain.Calendar;
using EconomySim.Engine.Persistence;
using Parquet.Serialization;

namespace EconomySim.History;

/// <summary>One value in the tidy long table: pandas and R read it as it is.</summary>
public sealed class ExportRow
{
    public string Run { get; set; } = "";
    public int? Replication { get; set; }
    public int Year { get; set; }
    public int Tick { get; set; }
    public string Organisation { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Metric { get; set; } = "";
    public double Value { get; set; }
}

/// <summary>Turns a stored history into the tidy long table: system totals per tick and every organisation's recorded figures.</summary>
public static class Export
{
    public static IEnumerable<ExportRow> Rows(StoredHistory history, EconomyDefinition economy, int? replication)
    {
        var calendar = Calendar.Build(economy.Parameters.StartYear, economy.Parameters.Years);
        var outcomes = history.Outcomes(economy);
        for (var tick = 0; tick < outcomes.Ticks.Length / MetricCatalogue.Count; tick++)
            foreach (var info in MetricCatalogue.All)
            {
                var raw = outcomes.AtTick(tick, info.Metric);
                if (raw == 0) continue;
                yield return new ExportRow
                {
                    Run = history.RunId, Replication = replication, Year = economy.Parameters.StartYear + tick / Calendar.MonthsPerYear,
                    Tick = tick, Organisation = "all", Kind = "all", Metric = info.Name, Value = (double)MetricCatalogue.Display(info.Metric, raw),
                };
            }
        foreach (var organisation in economy.Organisations)
        {
            if (!history.EventsByPersistenceId.TryGetValue(RunJournal.PersistenceId(history.RunId, organisation), out var events)) continue;
            var kind = RunJournal.Kind(organisation.Kind);
            foreach (var e in events)
            {
                var phase = calendar[e.Phase];
                using var json = JsonDocument.Parse(HistoryHasher.Serialize(e));
                var type = json.RootElement.GetProperty("type").GetString();
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.Number || property.Name is "phase" or "year" or "month") continue;
                    // Money is stored in pence; the table gives pounds like every other money figure.
                    var value = property.Value.GetDouble();
                    if (IsMoney(e, property.Name)) value /= 100;
                    yield return new ExportRow
                    {
                        Run = history.RunId, Replication = replication, Year = phase.Year, Tick = phase.Tick,
                        Organisation = organisation.Code, Kind = kind, Metric = $"{type}.{property.Name}", Value = value,
                    };
                }
            }
        }
    }

    private static bool IsMoney(HistoryEvent e, string jsonName)
    {
        var property = e.GetType().GetProperties().FirstOrDefault(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name) == jsonName);
        return property?.PropertyType == typeof(Money);
    }

    public static async Task WriteCsv(IEnumerable<ExportRow> rows, string path)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync("run,replication,year,tick,organisation,kind,metric,value");
        foreach (var r in rows)
            await writer.WriteLineAsync(string.Join(',', Csv(r.Run), r.Replication?.ToString(CultureInfo.InvariantCulture) ?? "",
                r.Year.ToString(CultureInfo.InvariantCulture), r.Tick.ToString(CultureInfo.InvariantCulture), Csv(r.Organisation),
                Csv(r.Kind), Csv(r.Metric), r.Value.ToString("R", CultureInfo.InvariantCulture)));
    }

    public static async Task WriteParquet(IEnumerable<ExportRow> rows, string path)
    {
        await using var stream = File.Create(path);
        await ParquetSerializer.SerializeAsync(rows.ToList(), stream);
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
