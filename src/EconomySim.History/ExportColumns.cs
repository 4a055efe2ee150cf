using System.Globalization;
using System.Text;
using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace EconomySim.History;

/// <summary>One column of the tidy table: its snake_case name, its type in Parquet, and how it is written in either format.</summary>
public abstract class ExportColumn(string name, string meaning)
{
    public string Name { get; } = name;
    public string Meaning { get; } = meaning;
    public abstract DataField Field { get; }
    public abstract string Csv(ExportRow row);
    public abstract Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<ExportRow> rows);

    private protected static string Quoted(string s) => s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}

/// <summary>
/// The columns of an export, the same names and order in CSV and Parquet: what the run is (experiment, variant, design
/// point and parameters, replication, seed, scenario, run id), which part of it (kind, region, organisation, as the
/// level has them), when (financial year and date), and the metric with its unit and value.
/// </summary>
public static class ExportColumns
{
    public static IReadOnlyList<ExportColumn> For(ExportLevel level, IReadOnlyList<StoredOutcomes> runs)
    {
        var columns = new List<ExportColumn>
        {
            new Text("experiment", "Experiment the run belongs to (empty for a run of its own)", true, r => r.Run.Record.Experiment),
            new Text("variant", "Variant of the experiment", true, r => r.Run.Record.Variant),
        };
        if (runs.Any(r => r.DesignPoint is not null))
        {
            columns.Add(new Whole("design_point", "Design point, counted from 1", r => r.Run.DesignPoint));
            var keys = runs.SelectMany(r => r.Record.Parameters?.Keys ?? []).Distinct().ToList();
            foreach (var key in keys)
                columns.Add(new Real(ParameterColumn(key), $"Design parameter {key} at the run's design point", r => r.Run.Record.Parameters?.GetValueOrDefault(key)));
        }
        columns.Add(new Whole("replication", "Replication of the variant, counted from 1 (empty for a run of its own)", r => r.Run.Replication));
        columns.Add(new Long("seed", "Seed of every organisation's random stream", r => r.Run.Record.Seed));
        columns.Add(new Text("scenario", "Scenario name", false, r => r.Run.Record.Scenario));
        columns.Add(new Text("run_id", "Run id in the store", false, r => r.Run.Record.RunId));
        if (level is ExportLevel.Kind or ExportLevel.Organisation)
            columns.Add(new Text("kind", "Organisation kind, as Prometheus's organisation_kind label", false, r => r.Unit.Kind));
        if (level is ExportLevel.Region or ExportLevel.Organisation)
            columns.Add(new Text("region", "Region, as Prometheus's region label", false, r => r.Unit.Region));
        if (level == ExportLevel.Organisation)
            columns.Add(new Text("organisation", "Organisation code", false, r => r.Unit.Organisation));
        columns.Add(new Whole("year", "Financial year by its first calendar year (2024 for 2024/25)", r => r.Year, nullable: false));
        columns.Add(new Date("date", "First day of the simulated month, or of the financial year"));
        columns.Add(new Text("metric", "Metric, named as the catalogue (economysim metrics) and Prometheus name it", false, r => r.Metric.Name));
        columns.Add(new Text("unit", "Unit of value: GBP (pounds), 1 (a fraction), or a count such as {patient}", false, r => r.Metric.Unit));
        columns.Add(new Real("value", "The metric's value in its unit", r => r.Value, nullable: false));
        var duplicate = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two columns would be named '{duplicate.Key}'", nameof(runs));
        return columns;
    }

    /// <summary>A scenario key as a column name every reader takes unquoted: funder.allocation_growth becomes funder_allocation_growth.</summary>
    public static string ParameterColumn(string key) =>
        new(key.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());

    public static async Task WriteCsv(IEnumerable<ExportRow> rows, IReadOnlyList<ExportColumn> columns, string path)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(',', columns.Select(c => c.Name)));
        foreach (var row in rows)
            await writer.WriteLineAsync(string.Join(',', columns.Select(c => c.Csv(row))));
    }

    /// <summary>Written in row groups, so a large export is never held whole; each column's meaning and each metric's unit and meaning go in the file's key-value metadata.</summary>
    public static async Task WriteParquet(IEnumerable<ExportRow> rows, IReadOnlyList<ExportColumn> columns, string path)
    {
        const int RowGroup = 250_000;
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => c.Field)), stream);
        writer.CustomMetadata = new Dictionary<string, string>
        {
            ["economysim.columns"] = JsonSerializer.Serialize(columns.ToDictionary(c => c.Name, c => c.Meaning)),
            ["economysim.metrics"] = JsonSerializer.Serialize(Domain.MetricCatalogue.All.ToDictionary(i => i.Name, i => new Dictionary<string, string> { ["unit"] = i.Unit, ["meaning"] = i.Meaning })),
        };
        var batch = new List<ExportRow>(RowGroup);
        async Task Flush()
        {
            using var group = writer.CreateRowGroup();
            foreach (var column in columns) await column.WriteAsync(group, batch);
            batch.Clear();
        }
        foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == RowGroup) await Flush();
        }
        if (batch.Count > 0) await Flush();
    }

    private sealed class Text(string name, string meaning, bool nullable, Func<ExportRow, string?> value) : ExportColumn(name, meaning)
    {
        public override DataField Field { get; } = new DataField<string>(name, nullable);
        public override string Csv(ExportRow row) => Quoted(value(row) ?? "");
        public override Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<ExportRow> rows) => group.WriteAsync(Field, rows.Select(value).ToArray()!);
    }

    private sealed class Whole(string name, string meaning, Func<ExportRow, int?> value, bool nullable = true) : ExportColumn(name, meaning)
    {
        public override DataField Field { get; } = nullable ? new DataField<int?>(name) : new DataField<int>(name);
        public override string Csv(ExportRow row) => value(row)?.ToString(CultureInfo.InvariantCulture) ?? "";
        public override async Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<ExportRow> rows)
        {
            if (nullable) await group.WriteAsync<int>(Field, rows.Select(value).ToArray().AsMemory());
            else await group.WriteAsync<int>(Field, rows.Select(r => value(r)!.Value).ToArray().AsMemory());
        }
    }

    private sealed class Long(string name, string meaning, Func<ExportRow, long> value) : ExportColumn(name, meaning)
    {
        public override DataField Field { get; } = new DataField<long>(name);
        public override string Csv(ExportRow row) => value(row).ToString(CultureInfo.InvariantCulture);
        public override Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<ExportRow> rows) => group.WriteAsync<long>(Field, rows.Select(value).ToArray().AsMemory());
    }

    private sealed class Real(string name, string meaning, Func<ExportRow, double?> value, bool nullable = true) : ExportColumn(name, meaning)
    {
        public override DataField Field { get; } = nullable ? new DataField<double?>(name) : new DataField<double>(name);
        public override string Csv(ExportRow row) => value(row)?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        public override async Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<ExportRow> rows)
        {
            if (nullable) await group.WriteAsync<double>(Field, rows.Select(value).ToArray().AsMemory());
            else await group.WriteAsync<double>(Field, rows.Select(r => value(r)!.Value).ToArray().AsMemory());
        }
    }

    private sealed class Date(string name, string meaning) : ExportColumn(name, meaning)
    {
        public override DataField Field { get; } = new DataField<DateOnly>(name);
        public override string Csv(ExportRow row) => row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        public override Task WriteAsync(ParquetRowGroupWriter group, IReadOnlyList<ExportRow> rows) => group.WriteAsync<DateOnly>(Field, rows.Select(r => r.Date).ToArray().AsMemory());
    }
}
