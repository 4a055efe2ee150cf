namespace EconomySim.Domain.Economics;

/// <summary>An elective waiting list kept as counts by months waited; the last bucket holds everyone waiting longer.</summary>
public static class WaitingList
{
    public const int Buckets = 25;

    /// <summary>Four months is the first bucket wholly past 18 weeks' wait.</summary>
    public const int Over18WeeksFromBucket = 4;

    public static int[] Initial(int patients)
    {
        // A starting list spread evenly over its first year of waits, with the remainder in the newest month.
        var list = new int[Buckets];
        var perMonth = patients / 12;
        for (var m = 0; m < 12; m++) list[m] = perMonth;
        list[0] += patients - perMonth * 12;
        return list;
    }

    public static int Total(ReadOnlySpan<int> list)
    {
        var total = 0;
        foreach (var n in list) total += n;
        return total;
    }

    public static int Over18Weeks(IReadOnlyList<int> list)
    {
        var total = 0;
        for (var m = Over18WeeksFromBucket; m < list.Count; m++) total += list[m];
        return total;
    }

    /// <summary>
    /// One month: those over 18 weeks drop out at the given rate (demand falls as waits grow); of the treated, a share is
    /// taken from the newest referrals first (urgent cases, clinically prioritised), a share in turn from the longest
    /// waits (booking in order of referral, as a waiting-time standard asks) and the rest in proportion across waits;
    /// everyone left ages a month, referrals join.
    /// </summary>
    public static (int[] List, int Treated, int DroppedOut) Advance(IReadOnlyList<int> list, int referrals, int toTreat, double dropOutRate, double inTurnShare = 0, double urgentShare = 0)
    {
        // Every trust advances its list every month: the working copies live on the stack, and only the aged list,
        // which the trust keeps, is allocated.
        Span<int> next = list.Count <= 64 ? stackalloc int[list.Count] : new int[list.Count];
        for (var m = 0; m < next.Length; m++) next[m] = list[m];
        var droppedOut = 0;
        for (var m = Over18WeeksFromBucket; m < next.Length; m++)
        {
            var leaving = (int)Math.Round(next[m] * dropOutRate, MidpointRounding.ToEven);
            next[m] -= leaving;
            droppedOut += leaving;
        }
        var waiting = Total(next);
        var treated = Math.Clamp(toTreat, 0, waiting);
        TakeInOrder(next, ShareOf(treated, urgentShare), newestFirst: true);
        TakeInOrder(next, ShareOf(treated, inTurnShare), newestFirst: false);
        var byPriority = treated - (waiting - Total(next));
        if (byPriority > 0)
        {
            Span<double> weights = next.Length <= 64 ? stackalloc double[next.Length] : new double[next.Length];
            Span<int> taken = next.Length <= 64 ? stackalloc int[next.Length] : new int[next.Length];
            for (var m = 0; m < next.Length; m++) weights[m] = next[m];
            MoneySplit.CountByWeights(byPriority, weights, taken);
            for (var m = 0; m < next.Length; m++) next[m] -= Math.Min(taken[m], next[m]);
        }
        treated = waiting - Total(next);
        var aged = new int[next.Length];
        aged[^1] = next[^1] + next[^2];
        for (var m = next.Length - 2; m >= 1; m--) aged[m] = next[m - 1];
        aged[0] = referrals;
        return (aged, treated, droppedOut);
    }

    private static int ShareOf(int treated, double share) => (int)Math.Round(treated * Math.Clamp(share, 0, 1), MidpointRounding.ToEven);

    /// <summary>Takes patients from the list bucket by bucket, from the newest referrals or from the longest waits.</summary>
    private static void TakeInOrder(Span<int> list, int count, bool newestFirst)
    {
        for (var i = 0; i < list.Length && count > 0; i++)
        {
            var m = newestFirst ? i : list.Length - 1 - i;
            var taken = Math.Min(count, list[m]);
            list[m] -= taken;
            count -= taken;
        }
    }
}
