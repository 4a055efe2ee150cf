using System.Globalization;
using DuckDB.NET.Data;
using EconomySim.Domain;
using EconomySim.Telemetry;
using Microsoft.Data.Sqlite;

namespace EconomySim.Cli.Tests;

/// <summary>
/// Exports as a researcher reads them: through DuckDB, a Parquet and CSV reader other than the library that writes them,
/// so the names and types are the ones pandas, R and SQL see.
/// </summary>
public sealed class ExportTests(StoredExperiment stored) : IClassFixture<StoredExperiment>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-export-").FullName;
    private readonly DuckDBConnection _duck = Open();

    public void Dispose()
    {
        _duck.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        return connection;
    }

    private List<object?[]> Query(string sql)
    {
        using var command = _duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private List<(string Name, string Type)> Columns(string source) =>
        Query($"DESCRIBE SELECT * FROM {source}").Select(r => ((string)r[0]!, (string)r[1]!)).ToList();

    private long Count(string sql) => Convert.ToInt64(Query(sql).Single()[0], CultureInfo.InvariantCulture);

    private string Export(string store, string folder, params string[] args)
    {
        var result = Cli.Run(["export", .. args, "--store", store, "--out", folder]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout.Trim();
    }

    [Fact]
    public void An_experiment_exported_as_parquet_and_csv_reads_back_with_the_same_snake_case_columns_typed_and_one_row_per_replication_year_and_metric()
    {
        var folder = Path.Combine(_dir, "experiment");
        var parquet = Export(stored.Store, folder, "--experiment", StoredExperiment.Name, "--format", "parquet");
        var csv = Export(stored.Store, folder, "--experiment", StoredExperiment.Name);
        var fromParquet = $"read_parquet('{parquet}')";

        Assert.Equal(
            [("experiment", "VARCHAR"), ("variant", "VARCHAR"), ("replication", "INTEGER"), ("seed", "BIGINT"), ("scenario", "VARCHAR"), ("run_id", "VARCHAR"),
             ("year", "INTEGER"), ("date", "DATE"), ("metric", "VARCHAR"), ("unit", "VARCHAR"), ("value", "DOUBLE")],
            Columns(fromParquet));
        Assert.Equal(Columns(fromParquet).Select(c => c.Name), Columns($"read_csv('{csv}', header = true)").Select(c => c.Name));
        // Whole numbers may be absent only where a run may have none: a run of its own has no replication.
        var repetition = Query($"SELECT name, repetition_type FROM parquet_schema('{parquet}') WHERE name IN ('replication', 'year', 'seed', 'value')")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("OPTIONAL", repetition["replication"]);
        Assert.All(["year", "seed", "value"], c => Assert.Equal("REQUIRED", repetition[c]));

        // Two variants x two replications x one year, every metric once in each.
        const int Replications = 4;
        Assert.Equal(Replications * MetricCatalogue.Count, Count($"SELECT count(*) FROM {fromParquet}"));
        Assert.Equal(Replications * MetricCatalogue.Count, Count($"SELECT count(*) FROM (SELECT DISTINCT variant, replication, year, metric FROM {fromParquet})"));
        Assert.Equal(Count($"SELECT count(*) FROM {fromParquet}"), Count($"SELECT count(*) FROM read_csv('{csv}', header = true)"));
        Assert.Equal(MetricCatalogue.All.Select(i => i.Name).Order(StringComparer.Ordinal),
            Query($"SELECT DISTINCT metric FROM {fromParquet}").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));

        var waiting = Query($"SELECT strftime(date, '%Y-%m-%d'), unit, value FROM {fromParquet} WHERE run_id = '{StoredExperiment.Name}-block-r2-2' AND metric = 'waiting_list'").Single();
        var printed = stored.Result.Json.GetProperty("runs")[3].GetProperty("outcomes_by_year")[0].GetProperty("values").GetProperty("waiting_list").GetDecimal();
        Assert.Equal(new object?[] { "2016-04-01", "{patient}", (double)printed }, waiting);
        Assert.Equal("GBP", Query($"SELECT DISTINCT unit FROM {fromParquet} WHERE metric = 'spend_acute'").Single()[0]);
        // The data dictionary travels in the file: each column's meaning, each metric's unit and meaning.
        var dictionary = Query($"SELECT decode(key), decode(value) FROM parquet_kv_metadata('{parquet}')").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Contains("\"run_id\":", dictionary["economysim.columns"]);
        Assert.Contains("\"waiting_list\":{\"unit\":\"{patient}\"", dictionary["economysim.metrics"]);

        // By region, the same replications and years, and each recorded metric's regions add up to the system's figure.
        var byRegion = $"read_parquet('{Export(stored.Store, Path.Combine(_dir, "by-region"), "--experiment", StoredExperiment.Name, "--format", "parquet", "--level", "region")}')";
        Assert.Equal(Replications, Count($"SELECT count(DISTINCT run_id) FROM {byRegion}"));
        Assert.Equal(Replications, Count($"SELECT count(*) FROM (SELECT run_id, year, metric, sum(value) AS v FROM {byRegion} WHERE metric = 'waiting_list' GROUP BY ALL) r " +
            $"JOIN {fromParquet} s USING (run_id, year, metric) WHERE r.v = s.value"));
        Assert.Equal(Replications, Count($"SELECT count(*) FROM {byRegion} WHERE metric = 'waiting_list' AND region = 'Greater Manchester'"));
    }

    [Fact]
    public void A_run_exported_by_kind_sums_to_its_system_totals_month_by_month_with_kinds_named_as_prometheus_labels_them()
    {
        var store = "sqlite:" + Path.Combine(_dir, "runs.db");
        var run = Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--store", store, "--run-id", "gm");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var system = $"read_parquet('{Export(store, Path.Combine(_dir, "system"), "gm", "--format", "parquet")}')";
        var kind = $"read_parquet('{Export(store, Path.Combine(_dir, "kind"), "gm", "--format", "parquet", "--level", "kind")}')";
        var region = $"read_parquet('{Export(store, Path.Combine(_dir, "region"), "gm", "--format", "parquet", "--level", "region")}')";
        var organisation = $"read_parquet('{Export(store, Path.Combine(_dir, "organisation"), "gm", "--format", "parquet", "--level", "organisation")}')";

        Assert.Equal(12, Count($"SELECT count(DISTINCT date) FROM {system}"));
        Assert.Equal(Enum.GetValues<OrganisationKind>().Select(k => TelemetryCatalogue.Label(k)).Order(StringComparer.Ordinal),
            Query($"SELECT DISTINCT kind FROM {kind}").Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        foreach (var breakdown in new[] { kind, organisation })
        {
            var compared = Count($"SELECT count(*) FROM (SELECT date, metric, sum(value) AS v FROM {breakdown} GROUP BY date, metric) b JOIN {system} s USING (date, metric)");
            var differing = Count($"SELECT count(*) FROM (SELECT date, metric, sum(value) AS v FROM {breakdown} GROUP BY date, metric) b JOIN {system} s USING (date, metric) WHERE abs(b.v - s.value) > 1e-6 * greatest(1, abs(s.value))");
            Assert.True(compared > 100, $"only {compared} (month, metric) pairs compared");
            Assert.Equal(0, differing);
        }
        // A ratio does not add up over kinds, so it is given for a region, not a kind.
        Assert.Equal(0, Count($"SELECT count(*) FROM {kind} WHERE metric = 'bed_occupancy'"));
        Assert.Equal(12, Count($"SELECT count(*) FROM {region} WHERE metric = 'bed_occupancy' AND value > 0"));
        Assert.Equal(["kind", "region", "organisation"], Columns(organisation).Select(c => c.Name).SkipWhile(n => n != "kind").Take(3));
        Assert.Equal(0, Count($"SELECT count(*) FROM {organisation} WHERE metric LIKE '%-%' OR metric LIKE '%.%' OR kind LIKE '%-%'"));
    }

    [Fact]
    public void A_breakdown_of_a_run_whose_recomputation_does_not_give_its_digest_is_refused_and_leaves_no_file()
    {
        var db = Path.Combine(_dir, "tampered.db");
        var store = "sqlite:" + db;
        Assert.Equal(0, Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--store", store, "--run-id", "gm").ExitCode);
        using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE economysim_runs SET digest = @digest WHERE run_id = 'gm'";
            command.Parameters.AddWithValue("@digest", new string('0', 64));
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        var folder = Path.Combine(_dir, "refused");
        var refused = Cli.Run("export", "gm", "--store", store, "--out", folder, "--level", "region");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--level region: run 'gm' recomputed by this build gives digest", refused.Stderr);
        Assert.Contains("--level system", refused.Stderr);
        Assert.DoesNotContain("   at ", refused.Stderr);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder) : []);
        // The system's totals are read from the store as they were written, so they are still there to export.
        Assert.Equal(0, Cli.Run("export", "gm", "--store", store, "--out", folder).ExitCode);
    }
}
