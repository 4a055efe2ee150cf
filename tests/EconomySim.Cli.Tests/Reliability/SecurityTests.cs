using System.Globalization;
using System.Text.RegularExpressions;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// Nothing is opened to other machines unless asked, no secret is printed or stored, and no SQL is built from values.
/// </summary>
public sealed partial class SecurityTests : IDisposable
{
    private const string OtlpSecret = "otlp-header-secret-7431";
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-security-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Every_listener_of_a_watched_run_is_on_the_loopback_address_and_otlp_headers_are_neither_printed_nor_stored()
    {
        var store = Path.Combine(_dir, "watched.db");
        using var run = Cli.Watch(["run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--store", "sqlite:" + store, "--run-id", "watched",
                "--dashboard", "--port", "0", "--prometheus", "0", "--otlp", "--linger", "120s", "--json"],
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1",
                ["OTEL_EXPORTER_OTLP_HEADERS"] = $"api-key={OtlpSecret}",
            });
        StoreProbe.WaitFor(() => run.Stderr.Contains("Serving", StringComparison.Ordinal), run.Process, TimeSpan.FromMinutes(3));
        var listeners = Listeners(run.Process.Id);
        run.Process.Kill(entireProcessTree: true);
        var result = run.Finish();

        Assert.True(listeners.Count >= 2, $"expected the dashboard and the scrape endpoint to listen; found {string.Join(", ", listeners)}");
        Assert.All(listeners, l => Assert.True(l.StartsWith("127.0.0.1:", StringComparison.Ordinal) || l.StartsWith("[::1]:", StringComparison.Ordinal), $"listening on {l}"));
        Assert.DoesNotContain(OtlpSecret, result.Stdout + result.Stderr);
        Assert.False(ContainsBytes(store, OtlpSecret), "the OTLP header reached the store");
    }

    [Fact]
    public void A_store_password_is_neither_printed_nor_kept_in_the_store()
    {
        // SQLite has no password; the registry keeps the store as the user named it, so a password in a PostgreSQL
        // connection string is the case to prove, here through the run that cannot reach its server.
        var secret = "store-password-9921";
        var result = Cli.Run("run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--store", $"postgres:Host=127.0.0.1;Port=1;Username=me;Password={secret};Timeout=1", "--verbose");
        Assert.Equal(3, result.ExitCode);
        Assert.DoesNotContain(secret, result.Stdout + result.Stderr);
    }

    /// <summary>SQL statements in the product are constant text with parameters; the few built with a value build it from a parsed integer.</summary>
    [Fact]
    public void No_sql_statement_is_built_from_a_value_by_concatenation_or_interpolation()
    {
        var allowed = new[]
        {
            // PRAGMAs take no parameters; the values are integers parsed from the environment.
            "SqliteTuning.cs: private static readonly string WriterPragmas = $\"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};\"",
            "SqliteTuning.cs: private static readonly string ReaderPragmas = $\"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};\";",
            "SqliteTuning.cs: + (MaxPageCount is { } max ? $\" PRAGMA max_page_count = {max};\" : \"\");",
            "RunRegistry.cs: await Execute(connection, $\"PRAGMA busy_timeout = {SqliteTuning.BusyTimeoutMilliseconds};\");",
        };
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Cli.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) continue;
            foreach (var line in File.ReadLines(file))
                if (InterpolatedSql().IsMatch(line) || ConcatenatedSql().IsMatch(line))
                    found.Add($"{Path.GetFileName(file)}: {line.Trim()}");
        }
        Assert.True(found.Order().SequenceEqual(allowed.Order()), "SQL built from values:\n" + string.Join("\n", found.Except(allowed)));
    }

    [GeneratedRegex("\\$+@?\"+[^\"]*\\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER|WHERE|VALUES)\\b")]
    private static partial Regex InterpolatedSql();

    [GeneratedRegex("(\"[^\"]*\\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES)\\b[^\"]*\"\\s*\\+)|(\\+\\s*\"[^\"]*\\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|PRAGMA)\\b)")]
    private static partial Regex ConcatenatedSql();

    private static bool ContainsBytes(string path, string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            if (File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0) return true;
        return false;
    }

    /// <summary>The TCP addresses a process listens on, read from /proc: its socket inodes matched to the kernel's socket tables.</summary>
    private static List<string> Listeners(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
            }
            catch (IOException)
            {
                // the descriptor closed while we looked
            }
        }
        var listening = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 10 || f[3] != "0A" || !inodes.Contains(f[9])) continue;
                listening.Add(Address(f[1]));
            }
        }
        return listening;
    }

    private static string Address(string hex)
    {
        var (ip, port) = (hex.Split(':')[0], int.Parse(hex.Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        if (ip.Length == 8)
            return $"{string.Join('.', Enumerable.Range(0, 4).Select(i => Convert.ToInt32(ip.Substring(6 - 2 * i, 2), 16)))}:{port}";
        if (ip == "0000000000000000FFFF00000100007F") return $"127.0.0.1:{port}";
        if (ip == "00000000000000000000000001000000") return $"[::1]:{port}";
        return $"[{ip}]:{port}";
    }
}
