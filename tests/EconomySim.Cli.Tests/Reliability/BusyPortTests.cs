using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// A listener that cannot start (its port is taken) is found before the registry is touched: the command is refused in
/// one line with exit 2, the store holds no run, and the same run id can be used at once.
/// </summary>
public sealed class BusyPortTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-ports-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> Cases => new()
    {
        { "run", "--dashboard" },
        { "run", "--prometheus" },
        { "experiment", "--dashboard" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_port_in_use_is_refused_before_anything_is_registered(string command, string listener)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var store = "sqlite:" + Path.Combine(_dir, "runs.db");
        string[] what = command == "run"
            ? ["run", Cli.Config("greater-manchester.yaml"), "--years", "1", "--run-id", "busy"]
            : ["experiment", Cli.Config("experiments/pbr-vs-block.yaml"), "--replications", "2"];
        string[] listen = listener == "--dashboard" ? ["--dashboard", "--port", port] : ["--prometheus", "127.0.0.1:" + port];

        var refused = Cli.Run([.. what, .. listen, "--store", store, "--json"]);

        Assert.True(refused.ExitCode == 2, $"exit {refused.ExitCode}: {refused.Stderr}");
        Faults.AssertOneClearLine(refused);
        Assert.Contains($"127.0.0.1:{port}", refused.Stderr);
        if (File.Exists(StoreProbe.PathOf(store)))
        {
            var listed = Cli.Run("runs", "--store", store, "--json");
            Assert.True(listed.ExitCode == 0, listed.Stderr);
            Assert.Empty(listed.Json.EnumerateArray());
        }
        taken.Stop();
        // The ids are free: the same command runs (an experiment of two replications may fail an expectation, exit 1).
        var again = Cli.Run([.. what, "--store", store, "--json"]);
        Assert.True(again.ExitCode == 0 || command == "experiment" && again.ExitCode == 1, again.Stderr);
    }
}
