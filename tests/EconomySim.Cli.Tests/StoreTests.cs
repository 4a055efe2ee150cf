using Microsoft.Data.Sqlite;

namespace EconomySim.Cli.Tests;

/// <summary>Persisted run histories on a real SQLite file: kept, listed, read back, checked, resumed after a kill.</summary>
public sealed class StoreTests : IDisposable
{
    private static readonly string GreaterManchester = Cli.Config("greater-manchester.yaml");
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store(string name = "runs.db") => "sqlite:" + Path.Combine(_dir, name);

    private static string Digest(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Json.GetProperty("digest").GetString()!;
    }

    private static readonly Lazy<string> Unpersisted = new(() => Digest(Cli.Run("run", GreaterManchester, "--seed", "5", "--store", "none", "--json")));

    [Fact]
    public void A_stored_run_has_the_digest_of_an_unstored_one_and_show_recomputes_it_from_the_store()
    {
        var run = Cli.Run("run", GreaterManchester, "--seed", "5", "--store", Store(), "--run-id", "gm-five", "--json");
        Assert.Equal(Unpersisted.Value, Digest(run));

        var show = Cli.Run("show", "gm-f", "--store", Store(), "--json");
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Equal(Unpersisted.Value, show.Json.GetProperty("recomputed_digest").GetString());
        Assert.True(show.Json.GetProperty("digest_verified").GetBoolean());
        // The outcome table rebuilt from the store is the one the run printed.
        Assert.Equal(run.Json.GetProperty("outcomes_by_year").GetRawText(), show.Json.GetProperty("outcomes_by_year").GetRawText());
    }

    [Fact]
    public void Every_history_cadence_stores_the_same_history_in_fewer_larger_entries_the_coarser_it_is()
    {
        var entries = new Dictionary<string, (long Entries, long MostPerOrganisation)>();
        var years = 0;
        foreach (var cadence in new[] { "phase", "month", "year" })
        {
            var store = Store($"{cadence}.db");
            var run = Cli.Run("run", GreaterManchester, "--seed", "5", "--store", store, "--run-id", $"gm-{cadence}", "--history-cadence", cadence, "--json");
            Assert.Equal(Unpersisted.Value, Digest(run));
            years = run.Json.GetProperty("years").GetInt32();
            Cli.AssertStoredDigestVerified($"gm-{cadence}", store, $"{cadence}: ");
            var show = Cli.Run("show", $"gm-{cadence}", "--store", store, "--json");
            Assert.Equal(run.Json.GetProperty("outcomes_by_year").GetRawText(), show.Json.GetProperty("outcomes_by_year").GetRawText());
            entries[cadence] = (StoreProbe.OrganisationEntries(store), StoreProbe.MostEntriesOfOneOrganisation(store));
        }
        Assert.True(entries["phase"].Entries > entries["month"].Entries && entries["month"].Entries > entries["year"].Entries,
            string.Join(", ", entries.Select(e => $"{e.Key}: {e.Value.Entries}")));
        Assert.True(entries["year"].MostPerOrganisation <= years, $"an organisation wrote {entries["year"].MostPerOrganisation} entries in {years} years");
    }

    [Fact]
    public void Runs_lists_what_the_store_holds_with_status_and_digest()
    {
        Digest(Cli.Run("run", GreaterManchester, "--years", "1", "--store", Store(), "--run-id", "listed-one", "--json"));
        var runs = Cli.Run("runs", "--store", Store(), "--json");
        Assert.True(runs.ExitCode == 0, runs.Stderr);
        var only = Assert.Single(runs.Json.EnumerateArray());
        Assert.Equal("listed-one", only.GetProperty("run_id").GetString());
        Assert.Equal("completed", only.GetProperty("status").GetString());
        Assert.Equal(64, only.GetProperty("digest").GetString()!.Length);
    }

    [Fact]
    public void An_unknown_or_ambiguous_run_id_is_explained_with_the_runs_nearby()
    {
        Digest(Cli.Run("run", GreaterManchester, "--years", "1", "--store", Store(), "--run-id", "alpha-1", "--json"));
        Digest(Cli.Run("run", GreaterManchester, "--years", "1", "--store", Store(), "--run-id", "alpha-2", "--json"));
        var ambiguous = Cli.Run("show", "alpha", "--store", Store());
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("ambiguous", ambiguous.Stderr);
        Assert.Contains("alpha-1", ambiguous.Stderr);
        var unknown = Cli.Run("show", "alpah-1", "--store", Store());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("nearest: alpha-1", unknown.Stderr);
        Assert.DoesNotContain("   at ", unknown.Stderr);
    }

    [Fact]
    public void A_run_id_already_in_the_store_is_refused_before_anything_runs()
    {
        Digest(Cli.Run("run", GreaterManchester, "--years", "1", "--store", Store(), "--run-id", "taken", "--json"));
        var again = Cli.Run("run", GreaterManchester, "--years", "1", "--store", Store(), "--run-id", "taken", "--json");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already exists", again.Stderr);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(2_500)]
    [InlineData(6_000)]
    public void A_run_killed_mid_way_resumes_to_the_digest_of_an_uninterrupted_run(int journalEntriesBeforeKill)
    {
        var store = Store($"killed-{journalEntriesBeforeKill}.db");
        // Written phase by phase, so the journal grows steadily and the kill lands mid-year.
        using (var process = Cli.Start("run", GreaterManchester, "--seed", "5", "--store", store, "--run-id", "killed", "--history-cadence", "phase", "--json"))
        {
            StoreProbe.WaitFor(() => StoreProbe.JournalEntries(store) >= journalEntriesBeforeKill, process, TimeSpan.FromMinutes(3));
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        var listed = Cli.Run("runs", "--store", store, "--json");
        Assert.Equal("interrupted", Assert.Single(listed.Json.EnumerateArray()).GetProperty("status").GetString());

        var resumed = Cli.Run("resume", "killed", "--store", store, "--json");
        Assert.Equal(Unpersisted.Value, Digest(resumed));
        Cli.AssertStoredDigestVerified("killed", store);
    }

    [Fact]
    public void A_completed_run_cannot_be_resumed()
    {
        Digest(Cli.Run("run", GreaterManchester, "--years", "1", "--store", Store(), "--run-id", "done", "--json"));
        var resume = Cli.Run("resume", "done", "--store", Store());
        Assert.Equal(2, resume.ExitCode);
        Assert.Contains("already completed", resume.Stderr);
    }

    [Fact]
    public void Two_runs_writing_into_one_store_at_once_both_complete_with_their_own_digests()
    {
        var store = Store("shared.db");
        using var first = Cli.Start("run", GreaterManchester, "--seed", "5", "--store", store, "--run-id", "together-a", "--json");
        using var second = Cli.Start("run", GreaterManchester, "--seed", "6", "--store", store, "--run-id", "together-b", "--json");
        var a = Cli.Finish(first);
        var b = Cli.Finish(second);
        Assert.Equal(Unpersisted.Value, Digest(a));
        Assert.Equal(Digest(Cli.Run("run", GreaterManchester, "--seed", "6", "--store", "none", "--json")), Digest(b));
        foreach (var id in new[] { "together-a", "together-b" })
            Cli.AssertStoredDigestVerified(id, store);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_named_and_left_untouched()
    {
        var path = Path.Combine(_dir, "corrupt.db");
        File.WriteAllText(path, "this is not an SQLite database, it is a shopping list: eggs, flour");
        var before = File.ReadAllBytes(path);
        var result = Cli.Run("run", GreaterManchester, "--years", "1", "--store", "sqlite:" + path);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not an SQLite database", result.Stderr);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_store_locked_by_another_program_is_reported_as_locked()
    {
        var store = Store("locked.db");
        Digest(Cli.Run("run", GreaterManchester, "--years", "1", "--store", store, "--run-id", "before-lock", "--json"));
        using var holder = new SqliteConnection($"Data Source={store["sqlite:".Length..]}");
        holder.Open();
        using (var lockIt = holder.CreateCommand())
        {
            lockIt.CommandText = "BEGIN EXCLUSIVE";
            lockIt.ExecuteNonQuery();
        }
        var result = Cli.Run(["run", GreaterManchester, "--years", "1", "--store", store, "--json"],
            new Dictionary<string, string> { ["ECONOMYSIM_SQLITE_BUSY_TIMEOUT_MS"] = "500" });
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("locked", result.Stderr);
    }

    [Fact]
    public void A_store_written_by_a_newer_version_is_refused()
    {
        var store = Store("newer.db");
        Digest(Cli.Run("run", GreaterManchester, "--years", "1", "--store", store, "--run-id", "old", "--json"));
        using (var connection = new SqliteConnection($"Data Source={store["sqlite:".Length..]}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO economysim_schema (version) VALUES (99)";
            command.ExecuteNonQuery();
        }
        var result = Cli.Run("runs", "--store", store);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("newer EconomySim", result.Stderr);
    }

    [Fact]
    public void An_unreachable_postgres_store_is_reported_before_anything_starts_and_its_password_is_not_shown()
    {
        var result = Cli.Run("run", GreaterManchester, "--years", "1", "--store", "postgres:Host=127.0.0.1;Port=1;Username=me;Password=hunter2;Timeout=3");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("cannot reach the PostgreSQL store", result.Stderr);
        Assert.DoesNotContain("hunter2", result.Stderr + result.Stdout);
    }
}
