using EconomySim.Domain;

namespace EconomySim.Scenarios;

public static partial class EconomyGenerator
{
    /// <summary>Splits a whole count exactly (largest remainder, as money is split), giving each part at least its minimum.</summary>
    internal static long[] SplitLong(long total, double[] weights, long[] minimum)
    {
        var rest = MoneySplit.ByWeights(new Money(checked(total - minimum.Sum())), weights);
        return rest.Select((m, i) => checked(m.Pence + minimum[i])).ToArray();
    }

    private static int[] OnePlus(int[] counts) => counts.Select(n => n + 1).ToArray();

    /// <summary>Moves one from the largest part to each empty part, so every region gets a commissioner.</summary>
    private static int[] AtLeastOneEach(int[] counts)
    {
        var result = counts.ToArray();
        for (var r = 0; r < result.Length; r++)
        {
            if (result[r] > 0) continue;
            var donor = Array.IndexOf(result, result.Max());
            result[donor]--;
            result[r]++;
        }
        return result;
    }

    private static double[] Normalise(double[] values)
    {
        var sum = values.Sum();
        return values.Select(v => v / sum).ToArray();
    }
}
