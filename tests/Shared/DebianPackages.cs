using System.Diagnostics;

namespace EconomySim.Testing;

/// <summary>
/// Installs a Debian package the end-to-end tests need (PostgreSQL, Prometheus, Chromium) when its program is missing, so the test
/// command works on a fresh machine. Needs root, as on the project's machines and CI; installs non-interactively.
/// </summary>
internal static class DebianPackages
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static bool _updated;

    public static async Task<string> EnsureAsync(string program, string package)
    {
        if (File.Exists(program)) return program;
        await InstallAsync(package, () => File.Exists(program));
        if (!File.Exists(program)) throw new InvalidOperationException($"apt-get installed {package} but {program} is still missing.");
        return program;
    }

    /// <summary>Installs the package unless <paramref name="present"/> says, once the lock is held, that another test already has.</summary>
    public static async Task InstallAsync(string package, Func<bool>? present = null)
    {
        await OneAtATime.WaitAsync();
        try
        {
            if (present?.Invoke() == true) return;
            if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root")
                throw new InvalidOperationException($"{package} is missing and only root can install it: run 'apt-get install -y {package}' and test again.");
            if (!_updated)
            {
                await RunAsync("apt-get", "-o", "DPkg::Lock::Timeout=300", "update");
                _updated = true;
            }
            await RunAsync("apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", package);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>
    /// Runs apt-get; when another apt-get holds its lock (another test project installing its own server on a fresh
    /// machine), waits for it and tries again, for up to ten minutes.
    /// </summary>
    private static async Task RunAsync(string file, params string[] args)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (true)
        {
            var (exitCode, output) = await TryRunAsync(file, args);
            if (exitCode == 0) return;
            if (!output.Contains("lock", StringComparison.OrdinalIgnoreCase) || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {exitCode}:\n{output}");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }

    private static async Task<(int ExitCode, string Output)> TryRunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, $"{await output}\n{await error}");
    }
}
