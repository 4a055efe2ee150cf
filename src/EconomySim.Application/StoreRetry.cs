using System.Globalization;
using EconomySim.Engine.Persistence;

namespace EconomySim.Application;

/// <summary>
/// How long a run waits for a store that failed under it before it stops. A database server is restarted in seconds,
/// so a PostgreSQL store is waited for (two minutes unless <see cref="Variable"/> says otherwise); an SQLite file that
/// cannot be written (disk full, read-only, taken away) does not heal by itself, so a run on one stops at once.
/// </summary>
public static class StoreRetry
{
    public const string Variable = "ECONOMYSIM_STORE_RETRY_SECONDS";

    public static TimeSpan For(HistoryStore store)
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return store.Kind == StoreKind.Postgres ? TimeSpan.FromMinutes(2) : TimeSpan.Zero;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 86_400)
            throw new UsageException($"{Variable}: '{text}' is not a number of seconds; allowed: 0 to 86400");
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The pause before the n-th look at the store (from 0): doubling from a quarter second up to five seconds.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(5_000, 250 * Math.Pow(2, Math.Min(attempt, 10))));
}
