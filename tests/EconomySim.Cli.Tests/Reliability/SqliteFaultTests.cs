using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// An SQLite store that cannot be written (read-only, full, locked by another program): one clear line and exit 3,
/// the history up to the fault intact, and the run resumed to the uninterrupted digest once the cause is gone.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SqliteFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-sqlite-fault-").FullName;

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(_dir, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.Delete(_dir, recursive: true);
    }

    private static readonly Lazy<string> Uninterrupted = new(() => Faults.Digest(Cli.Run([.. Faults.SmallRun, "--store", "none", "--json"])));

    private static void AssertResumesToTheUninterruptedDigest(string store, string runId)
    {
        var runs = Cli.Run("runs", "--store", store, "--json");
        Assert.True(runs.ExitCode == 0, runs.Stderr);
        var listed = Assert.Single(runs.Json.EnumerateArray());
        Assert.Equal("interrupted", listed.GetProperty("status").GetString());
        Assert.Equal(Uninterrupted.Value, Faults.Digest(Cli.Run("resume", runId, "--store", store, "--json")));
        Cli.AssertStoredDigestVerified(runId, store);
    }

    private static void KillAfterPhases(string store, string runId, int phases)
    {
        using var process = Cli.Start([.. Faults.SmallRunWrittenEachPhase, "--store", store, "--run-id", runId, "--json"]);
        StoreProbe.WaitFor(() => StoreProbe.PhasesClosed(store, runId) >= phases, process, TimeSpan.FromMinutes(2));
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    [Fact]
    public void A_read_only_store_is_refused_in_one_line_and_left_unchanged_and_the_run_resumes_once_it_is_writable()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "ro"));
        File.SetUnixFileMode(Path.Combine(_dir, "ro"), (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        var store = "sqlite:" + Path.Combine(_dir, "ro", "runs.db");
        KillAfterPhases(store, "read-only", 30);
        var files = Directory.GetFiles(Path.Combine(_dir, "ro"));
        var before = files.ToDictionary(f => f, File.ReadAllBytes);
        foreach (var file in files) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var refused = Cli.RunUnprivileged("resume", "read-only", "--store", store, "--json");
        Assert.Equal(3, refused.ExitCode);
        Faults.AssertOneClearLine(refused);
        Assert.Contains("cannot be written", refused.Stderr);
        foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));

        foreach (var file in Directory.GetFiles(Path.Combine(_dir, "ro"))) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AssertResumesToTheUninterruptedDigest(store, "read-only");
    }

    [Fact]
    public void A_store_that_cannot_be_written_is_read_by_every_reading_command_and_left_unchanged()
    {
        var folder = Path.Combine(_dir, "read-only-folder");
        Directory.CreateDirectory(folder);
        var store = "sqlite:" + Path.Combine(folder, "runs.db");
        Assert.Equal(0, Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--store", store, "--run-id", "kept", "--json").ExitCode);
        // Nobody but root may write the folder or the file: as on a read-only mount, no file can be made beside it.
        foreach (var file in Directory.GetFiles(folder)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(folder, (UnixFileMode)0b101_101_101);
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101);
        var before = Directory.GetFiles(folder).ToDictionary(f => f, File.ReadAllBytes);
        var exports = Directory.CreateTempSubdirectory("economysim-exports-").FullName;
        File.SetUnixFileMode(exports, (UnixFileMode)0b111_111_111);
        try
        {
            var listed = Cli.RunUnprivileged("runs", "--store", store, "--json");
            Assert.True(listed.ExitCode == 0, listed.Stderr);
            Assert.Equal("completed", Assert.Single(listed.Json.EnumerateArray()).GetProperty("status").GetString());
            var shown = Cli.RunUnprivileged("show", "kept", "--store", store, "--json");
            Assert.True(shown.ExitCode == 0 && shown.Json.GetProperty("digest_verified").GetBoolean(), shown.Stdout + shown.Stderr);
            var compared = Cli.RunUnprivileged("compare", "kept", "kept", "--store", store, "--json");
            Assert.True(compared.ExitCode == 0, compared.Stderr);
            var exported = Cli.RunUnprivileged("export", "kept", "--store", store, "--out", exports);
            Assert.True(exported.ExitCode == 0, exported.Stderr);
            Assert.True(File.Exists(Path.Combine(exports, "kept.csv")));

            Assert.Equal(before.Keys.Order(), Directory.GetFiles(folder).Order());
            foreach (var (file, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(file));
        }
        finally
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            Directory.Delete(exports, recursive: true);
        }
    }

    [Fact]
    public void A_disk_that_fills_mid_run_stops_it_in_one_line_and_the_run_resumes_once_there_is_room()
    {
        var mount = Path.Combine(_dir, "small-disk");
        Directory.CreateDirectory(mount);
        var mounted = Mount("-t", "tmpfs", "-o", "size=2m", "tmpfs", mount);
        try
        {
            // A real full file system where the machine lets the test mount one (not in an unprivileged container).
            if (mounted)
                FillsThenResumes("sqlite:" + Path.Combine(mount, "runs.db"), null, () => Assert.True(Mount("-o", "remount,size=256m", mount), "the small disk could not be grown"));
        }
        finally
        {
            if (mounted) Mount("-u", mount);
        }
        // Everywhere: SQLite's own page limit, which fails a write with the same "database or disk is full".
        FillsThenResumes("sqlite:" + Path.Combine(_dir, "page-limited.db"), new Dictionary<string, string> { ["ECONOMYSIM_SQLITE_MAX_PAGE_COUNT"] = "300" }, () => { });
    }

    private static void FillsThenResumes(string store, Dictionary<string, string>? environment, Action makeRoom)
    {
        var full = Cli.Run([.. Faults.SmallRunWrittenEachPhase, "--store", store, "--run-id", "full", "--json"], environment);
        Assert.True(full.ExitCode == 3, $"exit {full.ExitCode} ({store}): {full.Stderr}");
        Faults.AssertOneClearLine(full);
        Assert.Contains("full", full.Stderr);
        // The hint names the store, which is not the default: typed as printed, it finds the run.
        Assert.Contains($"economysim resume full --store {store}'", full.Stderr);
        Assert.True(StoreProbe.PhasesClosed(store, "full") > 0, "the history up to the fault should be kept");
        makeRoom();
        AssertResumesToTheUninterruptedDigest(store, "full");
    }

    [Fact]
    public void A_store_locked_by_another_program_mid_run_stops_it_in_one_line_and_the_run_resumes_once_released()
    {
        var store = "sqlite:" + Path.Combine(_dir, "locked.db");
        using var process = Cli.Start([.. Faults.SmallRunWrittenEachPhase, "--store", store, "--run-id", "locked", "--json"],
            new Dictionary<string, string> { ["ECONOMYSIM_SQLITE_BUSY_TIMEOUT_MS"] = "300" });
        StoreProbe.WaitFor(() => StoreProbe.PhasesClosed(store, "locked") >= 20, process, TimeSpan.FromMinutes(2));
        CliResult stopped;
        // Unpooled, so that closing the connection really lets the lock go.
        using (var holder = new SqliteConnection($"Data Source={StoreProbe.PathOf(store)};Default Timeout=60;Pooling=False"))
        {
            holder.Open();
            using var lockIt = holder.CreateCommand();
            lockIt.CommandText = "PRAGMA busy_timeout = 60000; BEGIN EXCLUSIVE";
            lockIt.ExecuteNonQuery();
            stopped = Cli.Finish(process);
            lockIt.CommandText = "ROLLBACK";
            lockIt.ExecuteNonQuery();
        }
        Assert.Equal(3, stopped.ExitCode);
        Faults.AssertOneClearLine(stopped);
        Assert.Contains("locked", stopped.Stderr);
        AssertResumesToTheUninterruptedDigest(store, "locked");
    }

    /// <summary>mount/umount; false where the machine does not allow it.</summary>
    private static bool Mount(params string[] args)
    {
        var umount = args[0] == "-u";
        var start = new ProcessStartInfo(umount ? "umount" : "mount") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in umount ? args[1..] : args) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
