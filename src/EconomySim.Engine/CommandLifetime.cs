using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EconomySim.Engine;

/// <summary>
/// The lifetime of a host inside a command: it starts and stops when the command says, and takes no signals. The
/// default console lifetime answers SIGINT and SIGTERM by stopping the host, which under a running simulation shuts its
/// actor system down mid-phase and reads as a failed store; the command has the signals instead, and stops the run
/// itself at a phase boundary.
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class CommandLifetimeExtensions
{
    /// <summary>Leaves SIGINT and SIGTERM to the command that hosts this (see <see cref="CommandLifetime"/>).</summary>
    public static IServiceCollection AddCommandLifetime(this IServiceCollection services) =>
        services.AddSingleton<IHostLifetime, CommandLifetime>();
}
