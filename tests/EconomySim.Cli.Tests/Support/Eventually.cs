namespace EconomySim.Cli.Tests.Support;

/// <summary>Waits for a condition with a deadline, checking it every so often; never a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T?>> probe, TimeSpan timeout, Func<string> whatWasExpected) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {whatWasExpected()}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    public static Task Until(Func<Task<bool>> probe, TimeSpan timeout, Func<string> whatWasExpected) =>
        Until<object>(async () => await probe() ? new object() : null, timeout, whatWasExpected);
}
