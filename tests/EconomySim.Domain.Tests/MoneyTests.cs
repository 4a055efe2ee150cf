using CsCheck;

namespace EconomySim.Domain.Tests;

public class MoneyTests
{
    [Fact]
    public void Splitting_money_by_any_weights_keeps_every_penny()
    {
        Gen.Select(Gen.Long[0, 10_000_000_000_000L], Gen.Double[0, 1_000].Array[1, 60])
            .Sample((pence, weights) =>
            {
                var parts = MoneySplit.ByWeights(new Money(pence), weights);
                return parts.Sum(p => p.Pence) == pence && parts.All(p => p.Pence >= 0);
            });
    }

    [Fact]
    public void Splitting_a_count_by_any_weights_keeps_every_patient_and_stays_within_one_of_proportional()
    {
        Gen.Select(Gen.Int[0, 5_000_000], Gen.Double[0, 1_000].Array[1, 40])
            .Sample((total, weights) =>
            {
                var counts = MoneySplit.CountByWeights(total, weights);
                var sum = weights.Sum();
                return counts.Sum() == total && counts.All(c => c >= 0)
                       && (sum <= 0 || counts.Select((c, i) => Math.Abs(c - total * weights[i] / sum)).All(d => d < 1 + 1e-6));
            });
    }

    [Fact]
    public void A_count_split_into_a_reused_buffer_is_the_split_into_a_new_array_whatever_the_buffer_held()
    {
        Gen.Select(Gen.Int[0, 5_000_000], Gen.Double[0, 1_000].Array[1, 40], Gen.Int)
            .Sample((total, weights, stale) =>
            {
                var buffer = Enumerable.Repeat(stale, weights.Length).ToArray();
                MoneySplit.CountByWeights(total, weights, buffer);
                return buffer.SequenceEqual(MoneySplit.CountByWeights(total, weights));
            });
    }

    [Fact]
    public void A_count_split_refuses_a_buffer_of_another_length_than_the_weights()
    {
        var thrown = Assert.Throws<ArgumentException>(() => MoneySplit.CountByWeights(10, [1.0, 2.0], new int[3]));
        Assert.Contains("3 places for 2 weights", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Splitting_is_proportional_to_within_a_penny()
    {
        var parts = MoneySplit.ByWeights(new Money(1_000), [1, 1, 1]);
        Assert.Equal([334L, 333L, 333L], parts.Select(p => p.Pence));
    }

    [Fact]
    public void Scaling_rounds_half_to_even_so_results_never_depend_on_order()
    {
        Assert.Equal(new Money(2), new Money(5).Times(0.5m));
        Assert.Equal(new Money(4), new Money(7).Times(0.5m));
    }

    [Fact]
    public void Arithmetic_that_overflows_throws_rather_than_wrapping()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
    }

    [Fact]
    public void Each_organisation_has_its_own_reproducible_random_stream()
    {
        var a = SimulationRandom.For(42, "TRA-001");
        var b = SimulationRandom.For(42, "TRA-001");
        var c = SimulationRandom.For(42, "TRA-002");
        var first = Enumerable.Range(0, 5).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 5).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 5).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void Counts_drawn_from_a_stream_have_the_requested_mean()
    {
        var random = SimulationRandom.For(1, "x");
        Assert.InRange(Enumerable.Range(0, 20_000).Average(_ => random.NextCount(4.0)), 3.9, 4.1);
        Assert.InRange(Enumerable.Range(0, 20_000).Average(_ => random.NextCount(400.0)), 399, 401);
    }
}
