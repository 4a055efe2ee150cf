using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Domain.Tests;
using EconomySim.Testing;

namespace EconomySim.Engine.Tests;

public class LaneDealTests
{
    private static readonly EconomyIndex England = new(EconomySim.Scenarios.EconomyGenerator.Build(
        EconomySim.Scenarios.ScenarioLoader.Load(RepositoryRoot.File("configs/england.yaml")), years: 1));

    private static int CommissionerOf(OrganisationProfile profile) => profile switch
    {
        TrustProfile t => t.Commissioner,
        GpFederationProfile g => g.Commissioner,
        CouncilProfile c => c.Commissioner,
        _ => profile.Index,
    };

    [Fact]
    public void Every_organisation_acts_on_the_lane_of_its_commissioner()
    {
        var laneOf = LaneDeal.Of(England, 2);
        Assert.All(England.Profiles, p => Assert.Equal(laneOf[CommissionerOf(p)], laneOf[p.Index]));
    }

    [Fact]
    public void Englands_two_lanes_hold_all_but_equal_shares_of_its_organisations()
    {
        var laneOf = LaneDeal.Of(England, 2);
        var first = laneOf.Count(lane => lane == 0);
        Assert.InRange(first, England.Count * 49 / 100, England.Count * 51 / 100);
        Assert.Equal(England.Count, first + laneOf.Count(lane => lane == 1));
    }

    [Fact]
    public void Each_lane_gets_organisations_when_there_are_systems_enough()
    {
        var laneOf = LaneDeal.Of(new EconomyIndex(SmallEconomy.Build()), 3);
        Assert.Equal([0, 1, 2], laneOf.Distinct().Order());
    }

    [Fact]
    public void A_single_lane_holds_every_organisation() =>
        Assert.All(LaneDeal.Of(England, 1), lane => Assert.Equal(0, lane));

    [Fact]
    public void Most_of_Englands_letters_are_read_on_the_lane_that_wrote_them()
    {
        var laneOf = LaneDeal.Of(England, 2);
        long local = 0, all = 0;
        SequentialRun.Run(England.Definition, 1, activated: (_, report) =>
        {
            foreach (var (recipient, _, _) in report.Letters)
            {
                all++;
                if (laneOf[recipient] == laneOf[report.Organisation]) local++;
            }
        });
        // Dealt by index, half the letters would cross between lanes.
        Assert.True(local > all * 0.9, $"{local} of {all} letters stay on their sender's lane");
    }
}
