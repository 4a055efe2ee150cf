using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using EconomySim.Testing;

namespace EconomySim.Cli.Tests.Support;

/// <summary>A real Prometheus (Debian's package) on 127.0.0.1, with its own data directory, stopped and removed at the end.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public static async Task<PrometheusServer> StartAsync(string configuration)
    {
        var program = await DebianPackages.EnsureAsync("/usr/bin/prometheus", "prometheus");
        var directory = Directory.CreateTempSubdirectory("economysim-prometheus-").FullName;
        var configFile = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, configuration);
        var port = FreePort.OnLoopback();
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { $"--config.file={configFile}", $"--web.listen-address=127.0.0.1:{port}", $"--storage.tsdb.path={Path.Combine(directory, "data")}" })
            start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await Eventually.Until(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"Prometheus exited with {process.ExitCode}:\n{log}");
            try
            {
                return (await server._http.GetAsync("-/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), () => $"Prometheus to be ready:\n{log}");
        return server;
    }

    /// <summary>An instant query: the result vector, or null with the error when Prometheus refuses the expression.</summary>
    public async Task<(JsonElement[] Result, string? Error)> QueryAsync(string expression)
    {
        using var response = await _http.GetAsync($"api/v1/query?query={Uri.EscapeDataString(expression)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
            return ([], body.TryGetProperty("error", out var error) ? error.GetString() : response.StatusCode.ToString());
        var data = body.GetProperty("data");
        var result = data.GetProperty("result");
        return data.GetProperty("resultType").GetString() == "scalar" ? ([result], null) : (result.EnumerateArray().ToArray(), null);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; the temporary folder is left for the system to clean.
        }
    }
}
