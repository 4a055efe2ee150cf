using EconomySim.Domain.Runs;

namespace EconomySim.Domain.Tests;

public class SequentialRunTests
{
    [Fact]
    public void Same_economy_and_seed_give_the_same_digest()
    {
        var a = SequentialRun.Run(SmallEconomy.Build(), 7);
        var b = SequentialRun.Run(SmallEconomy.Build(), 7);
        Assert.Equal(a.Digest, b.Digest);
    }

    [Fact]
    public void A_different_seed_gives_a_different_history()
    {
        var a = SequentialRun.Run(SmallEconomy.Build(), 7);
        var b = SequentialRun.Run(SmallEconomy.Build(), 8);
        Assert.NotEqual(a.Digest, b.Digest);
    }

    [Fact]
    public void Money_is_conserved_at_the_end_of_every_phase()
    {
        var result = SequentialRun.Run(SmallEconomy.Build(), 7);
        Assert.Equal(result.Phases, result.PhasesConserved);
    }
}
