using Spectre.Console;

namespace EconomySim.Cli;

/// <summary>A progress bar drawn on a terminal while a run or an experiment goes.</summary>
public sealed class TerminalProgress : IProgressView
{
    private readonly TextWriter _to;

    private TerminalProgress(TextWriter to) => _to = to;

    /// <summary>A bar drawn on <paramref name="to"/> when that is a terminal; null (nothing drawn) otherwise.</summary>
    public static IProgressView? On(TextWriter? to) => to is null || Console.IsErrorRedirected ? null : new TerminalProgress(to);

    public async Task<T> ShowAsync<T>(string description, int total, Func<Action<int, string?>, Task<T>> work)
    {
        var done = 0;
        string? label = null;
        T? result = default;
        await RunCommand.ConsoleFor(_to).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total);
                var running = work((d, l) =>
                {
                    Volatile.Write(ref done, d);
                    if (l is not null) Volatile.Write(ref label, l);
                });
                while (!running.IsCompleted)
                {
                    task.Value = Volatile.Read(ref done);
                    if (Volatile.Read(ref label) is { } now) task.Description = now;
                    await Task.WhenAny(running, Task.Delay(100, CancellationToken.None));
                }
                task.Value = total;
                result = await running;
            });
        return result!;
    }
}
