using System.Globalization;

namespace EconomySim.Domain;

/// <summary>An exact amount of money in whole pence. Every transfer in the model moves Money, never a floating amount.</summary>
// Written as its pence wherever it is serialized. Named on the type, not in a serializer's options, because a converter
// in the options keeps the history's source-generated serializer off its fast path for every event holding money.
[System.Text.Json.Serialization.JsonConverter(typeof(MoneyJsonConverter))]
public readonly record struct Money(long Pence) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public static Money FromPounds(decimal pounds) => new(checked((long)decimal.Round(pounds * 100m, MidpointRounding.ToEven)));

    public decimal Pounds => Pence / 100m;

    public bool IsNegative => Pence < 0;
    public bool IsPositive => Pence > 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Pence + b.Pence));
    public static Money operator -(Money a, Money b) => new(checked(a.Pence - b.Pence));
    public static Money operator -(Money a) => new(checked(-a.Pence));
    public static bool operator <(Money a, Money b) => a.Pence < b.Pence;
    public static bool operator >(Money a, Money b) => a.Pence > b.Pence;
    public static bool operator <=(Money a, Money b) => a.Pence <= b.Pence;
    public static bool operator >=(Money a, Money b) => a.Pence >= b.Pence;

    /// <summary>Scales by a rate, rounding half to even so that the same inputs always give the same pence.</summary>
    public Money Times(decimal factor) => new(checked((long)decimal.Round(Pence * factor, MidpointRounding.ToEven)));

    public Money Times(double factor) => Times((decimal)factor);

    public static Money Max(Money a, Money b) => a >= b ? a : b;
    public static Money Min(Money a, Money b) => a <= b ? a : b;

    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    public override string ToString() => Pounds.ToString("£#,##0.00;-£#,##0.00", CultureInfo.InvariantCulture);
}

public static class MoneySplit
{
    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="weights"/> so that the parts add up to the total
    /// to the penny (largest-remainder method; ties go to the lower index so the split is deterministic).
    /// </summary>
    public static Money[] ByWeights(Money total, ReadOnlySpan<double> weights)
    {
        var parts = new Money[weights.Length];
        if (weights.Length == 0) return parts;
        double sum = 0;
        foreach (var w in weights)
        {
            if (w < 0 || double.IsNaN(w)) throw new ArgumentException("Weights must be non-negative numbers.", nameof(weights));
            sum += w;
        }
        if (sum <= 0)
        {
            parts[0] = total;
            return parts;
        }
        var remainders = new (double Fraction, int Index)[weights.Length];
        long assigned = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = (decimal)total.Pence * (decimal)(weights[i] / sum);
            var floor = (long)decimal.Floor(exact);
            parts[i] = new Money(floor);
            assigned += floor;
            remainders[i] = ((double)(exact - floor), i);
        }
        var left = total.Pence - assigned;
        Array.Sort(remainders, static (a, b) => a.Fraction != b.Fraction ? b.Fraction.CompareTo(a.Fraction) : a.Index.CompareTo(b.Index));
        for (var k = 0; left > 0; k = (k + 1) % remainders.Length, left--)
            parts[remainders[k].Index] += new Money(1);
        for (var k = 0; left < 0; k = (k + 1) % remainders.Length, left++)
            parts[remainders[k].Index] -= new Money(1);
        return parts;
    }

    /// <summary>
    /// Splits a whole count in proportion to weights, conserving the count exactly (largest remainder; ties to the lower
    /// index). Counts are small enough for doubles to be exact here, which keeps this hot path free of decimals.
    /// </summary>
    public static int[] CountByWeights(int total, ReadOnlySpan<double> weights)
    {
        var counts = new int[weights.Length];
        CountByWeights(total, weights, counts);
        return counts;
    }

    /// <summary>
    /// The same split written into <paramref name="counts"/>, one per weight: for a caller that splits every simulated
    /// month and keeps no array of its own for it.
    /// </summary>
    public static void CountByWeights(int total, ReadOnlySpan<double> weights, Span<int> counts)
    {
        if (counts.Length != weights.Length) throw new ArgumentException($"Counts has {counts.Length} places for {weights.Length} weights.", nameof(counts));
        counts.Clear();
        if (weights.Length == 0) return;
        double sum = 0;
        foreach (var w in weights)
        {
            if (w < 0 || double.IsNaN(w)) throw new ArgumentException("Weights must be non-negative numbers.", nameof(weights));
            sum += w;
        }
        if (sum <= 0 || total == 0)
        {
            counts[0] = total;
            return;
        }
        Span<double> remainders = weights.Length <= 64 ? stackalloc double[weights.Length] : new double[weights.Length];
        var assigned = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * (weights[i] / sum);
            var floor = (int)Math.Floor(exact);
            counts[i] = floor;
            assigned += floor;
            remainders[i] = exact - floor;
        }
        for (var left = total - assigned; left > 0; left--)
        {
            var best = 0;
            for (var i = 1; i < remainders.Length; i++)
                if (remainders[i] > remainders[best]) best = i;
            counts[best]++;
            remainders[best] = -1;
        }
    }
}
