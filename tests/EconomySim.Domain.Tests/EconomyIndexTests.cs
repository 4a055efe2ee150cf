namespace EconomySim.Domain.Tests;

/// <summary>What the economy's index computes once for every organisation to share.</summary>
public class EconomyIndexTests
{
    [Fact]
    public void Councils_older_population_is_every_councils_residents_aged_65_and_over_summed_once()
    {
        var economy = new EconomyIndex(SmallEconomy.Build());
        // Northshire 114,000, Southby 57,000 and Southwold 38,000.
        Assert.Equal(209_000d, economy.CouncilsOlderPopulation);
        Assert.Equal(economy.Councils.Sum(c => (double)c.OlderPopulation), economy.CouncilsOlderPopulation);
    }
}
