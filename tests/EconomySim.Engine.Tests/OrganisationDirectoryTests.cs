using Akka.Actor;
using Akka.TestKit.Xunit2;

namespace EconomySim.Engine.Tests;

public class OrganisationDirectoryTests : TestKit
{
    private sealed record Placed(int Index, IActorRef Clock);

    private sealed record Released;

    /// <summary>Organisations elsewhere, reached at the addresses given.</summary>
    private sealed class Placement(IActorRef[] organisations) : IOrganisationPlacement
    {
        public List<int> Asked { get; } = [];

        public IActorRef Organisation(int index)
        {
            Asked.Add(index);
            return organisations[index];
        }

        public object Placed(int index, IActorRef clock) => new Placed(index, clock);

        public object Released { get; } = new Released();
    }

    private IActorRef[] Addresses(int count) => Enumerable.Range(0, count).Select(_ => CreateTestProbe().Ref).ToArray();

    [Fact]
    public void The_clocks_children_are_created_in_index_order_and_told_nothing_before_the_first_phase()
    {
        var addresses = Addresses(3);
        var created = new List<int>();
        var directory = OrganisationDirectory.OfChildren(3, i =>
        {
            created.Add(i);
            return addresses[i];
        });
        Assert.Equal([0, 1, 2], created);
        Assert.Equal(addresses, directory.Organisations);
        Assert.Empty(directory.Introductions(TestActor));
    }

    [Fact]
    public void A_placed_organisation_is_told_which_one_it_is_and_which_clock_runs_it()
    {
        var addresses = Addresses(3);
        var placement = new Placement(addresses);
        var directory = OrganisationDirectory.OfPlacement(3, placement);
        Assert.Equal([0, 1, 2], placement.Asked);
        Assert.Equal(addresses, directory.Organisations);
        var introductions = directory.Introductions(TestActor).ToList();
        Assert.Equal(addresses, introductions.Select(i => i.Organisation));
        Assert.Equal([new Placed(0, TestActor), new Placed(1, TestActor), new Placed(2, TestActor)], introductions.Select(i => i.Message));
    }

    [Fact]
    public void Placed_organisations_are_released_after_the_run_and_the_clocks_children_are_not()
    {
        var addresses = Addresses(2);
        var placement = new Placement(addresses);
        var released = OrganisationDirectory.OfPlacement(2, placement).Releases().ToList();
        Assert.Equal(addresses, released.Select(r => r.Organisation));
        Assert.All(released, r => Assert.Same(placement.Released, r.Message));
        Assert.Empty(OrganisationDirectory.OfChildren(2, i => addresses[i]).Releases());
    }

    [Fact]
    public void An_organisation_is_found_by_its_address_and_any_other_address_is_not_one_of_the_run()
    {
        var addresses = Addresses(3);
        var directory = OrganisationDirectory.OfPlacement(3, new Placement(addresses));
        Assert.True(directory.TryIndexOf(addresses[2], out var index));
        Assert.Equal(2, index);
        Assert.Same(addresses[1], directory[1]);
        Assert.False(directory.TryIndexOf(TestActor, out _));
    }
}
