using System.Globalization;
using System.Text;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using Parquet.Schema;
using Parquet.Serialization;

namespace EconomySim.History;

/// <summary>One stored replication of an experiment with its yearly outcomes, and where it sits in the experiment.</summary>
/// <param name="DesignPoint">The design point the run belongs to (null without a design).</param>
/// <param name="Parameters">The design parameters' values at that point, by scenario key (null without a design).</param>
/// <param name="Replication">Counted from one, as run ids count them.</param>
public sealed record ExperimentReplication(
    string Experiment, string Variant, int? DesignPoint, IReadOnlyDictionary<string, double>? Parameters, int? Replication, long Seed, string RunId, RunOutcomes Outcomes);

/// <summary>One value of an experiment's tidy table: a metric in a year of one replication.</summary>
public sealed record ExperimentRow(
    string Experiment, string Variant, int? DesignPoint, IReadOnlyList<double?> Parameters, int? Replication, long Seed, string RunId, int Year, string Metric, double Value);

/// <summary>
/// A whole experiment as one tidy table, one row per (replication, year, metric), that pandas and R read as it is:
/// snake_case columns, the design parameters one column each named by key, and the same columns and types in CSV and Parquet.
/// </summary>
public static class ExperimentExport
{
    /// <summary>The design parameters' keys across the replications, in the order they first appear.</summary>
    public static IReadOnlyList<string> ParameterKeys(IReadOnlyList<ExperimentReplication> replications) =>
        replications.SelectMany(r => r.Parameters?.Keys ?? []).Distinct().ToList();

    /// <summary>Every metric of the catalogue in every year of every replication, zeros included, so each year has every metric.</summary>
    public static IEnumerable<ExperimentRow> Rows(IReadOnlyList<ExperimentReplication> replications, IReadOnlyList<string> parameterKeys)
    {
        foreach (var r in replications)
        {
            IReadOnlyList<double?> parameters = parameterKeys.Select(k => r.Parameters is not null && r.Parameters.TryGetValue(k, out var v) ? v : (double?)null).ToList();
            foreach (var year in r.Outcomes.Years)
                foreach (var info in MetricCatalogue.All)
                    yield return new ExperimentRow(r.Experiment, r.Variant, r.DesignPoint, parameters, r.Replication, r.Seed, r.RunId, year.Year, info.Name, (double)year.Display(info.Metric));
        }
    }

    public static IReadOnlyList<string> Columns(IReadOnlyList<string> parameterKeys) =>
        ["experiment", "variant", "design_point", .. parameterKeys, "replication", "seed", "run_id", "year", "metric", "value"];

    public static async Task WriteCsv(IEnumerable<ExperimentRow> rows, IReadOnlyList<string> parameterKeys, string path)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(',', Columns(parameterKeys).Select(Csv)));
        foreach (var r in rows)
            await writer.WriteLineAsync(string.Join(',', [Csv(r.Experiment), Csv(r.Variant), N(r.DesignPoint), .. r.Parameters.Select(p => p?.ToString("R", CultureInfo.InvariantCulture) ?? ""),
                N(r.Replication), r.Seed.ToString(CultureInfo.InvariantCulture), Csv(r.RunId), r.Year.ToString(CultureInfo.InvariantCulture), Csv(r.Metric),
                r.Value.ToString("R", CultureInfo.InvariantCulture)]));
        static string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Typed columns: whole numbers for design point, replication, seed and year (nullable where a run may have none), doubles for values.</summary>
    public static async Task WriteParquet(IEnumerable<ExperimentRow> rows, IReadOnlyList<string> parameterKeys, string path)
    {
        var schema = new ParquetSchema([
            new DataField<string>("experiment", nullable: false), new DataField<string>("variant", nullable: false), new DataField<int?>("design_point"),
            .. parameterKeys.Select(k => new DataField<double?>(k)),
            new DataField<int?>("replication"), new DataField<long>("seed"), new DataField<string>("run_id", nullable: false), new DataField<int>("year"),
            new DataField<string>("metric", nullable: false), new DataField<double>("value")]);
        var records = new List<IDictionary<string, object?>>();
        foreach (var r in rows)
        {
            var record = new Dictionary<string, object?>
            {
                ["experiment"] = r.Experiment, ["variant"] = r.Variant, ["design_point"] = r.DesignPoint, ["replication"] = r.Replication,
                ["seed"] = r.Seed, ["run_id"] = r.RunId, ["year"] = r.Year, ["metric"] = r.Metric, ["value"] = r.Value,
            };
            for (var k = 0; k < parameterKeys.Count; k++) record[parameterKeys[k]] = r.Parameters[k];
            records.Add(record);
        }
        await using var stream = File.Create(path);
        await ParquetSerializer.SerializeUntypedAsync(records, schema, stream);
    }

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
