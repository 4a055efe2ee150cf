using System.Diagnostics;
namespace EconomySim.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster on 127.0.0.1 for the tests: made with initdb, started and stopped with pg_ctl. On a
/// machine without the server it installs Debian's postgresql package first.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private string _dataDirectory = "";
    private string _bin = "";
    private bool _asPostgresUser;

    public int Port { get; private set; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=economysim;Password=not-a-secret;Database=postgres;Timeout=10";

    public async Task InitializeAsync()
    {
        _bin = FindBin() ?? await Install();
        _asPostgresUser = Environment.UserName == "root";
        var name = $"{Environment.ProcessId}-{Stopwatch.GetTimestamp()}";
        _dataDirectory = Path.Combine(Path.GetTempPath(), $"economysim-pg-{name}");
        Directory.CreateDirectory(_dataDirectory);
        if (_asPostgresUser) await Run("chown", "postgres", _dataDirectory);
        // One file per cluster: test classes in one process make their clusters at the same time, and one that shared
        // a file with another could find it deleted before its initdb read it.
        var passwordFile = Path.Combine(Path.GetTempPath(), $"economysim-pg-password-{name}");
        try
        {
            await File.WriteAllTextAsync(passwordFile, "not-a-secret\n");
            if (_asPostgresUser) await Run("chown", "postgres", passwordFile);
            await Postgres("initdb", "-D", _dataDirectory, "-U", "economysim", "--pwfile", passwordFile, "--auth=scram-sha-256", "-E", "UTF8");
        }
        finally
        {
            File.Delete(passwordFile);
        }
        Port = FreePort.OnLoopback();
        await StartAsync();
    }

    /// <summary>Stops the server as an administrator would for maintenance (open sessions are ended).</summary>
    public Task StopAsync() => Postgres("pg_ctl", "-D", _dataDirectory, "-w", "-m", "fast", "stop");

    /// <summary>Starts the stopped server again on the same port.</summary>
    public Task StartAsync() => Postgres("pg_ctl", "-D", _dataDirectory, "-w", "-t", "60", "-l", Path.Combine(_dataDirectory, "server.log"),
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_dataDirectory} -c fsync=off", "start");

    public async Task DisposeAsync()
    {
        if (_bin.Length == 0) return;
        await Postgres("pg_ctl", "-D", _dataDirectory, "-m", "immediate", "stop");
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string? FindBin()
    {
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault();
    }

    private static async Task<string> Install()
    {
        await DebianPackages.InstallAsync("postgresql");
        return FindBin() ?? throw new InvalidOperationException("postgresql was installed but initdb was not found under /usr/lib/postgresql");
    }

    private Task Postgres(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        // initdb refuses to run as root, so the cluster belongs to the postgres user when the tests run as root.
        return _asPostgresUser ? Run("runuser", ["-u", "postgres", "--", path, .. args]) : Run(path, args);
    }

    private static async Task Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }

}
