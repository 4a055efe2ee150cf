using Akka.Actor;

namespace EconomySim.Engine;

/// <summary>
/// Where a run's organisations are and how the clock reaches them: either the clock's own children, or entities placed
/// outside the clock (sharded over a cluster) by an <see cref="IOrganisationPlacement"/>, which learn which organisation
/// of which run they are and which clock to answer, and are released after the run. It decides what each organisation
/// is told; the clock sends it. No organisation needs another's address: letters travel through the clock.
/// </summary>
public sealed class OrganisationDirectory
{
    private readonly IActorRef[] _organisations;
    private readonly Dictionary<IActorRef, int> _indexOf = [];
    private readonly IOrganisationPlacement? _placement;

    private OrganisationDirectory(IActorRef[] organisations, IOrganisationPlacement? placement)
    {
        _organisations = organisations;
        _placement = placement;
        for (var i = 0; i < organisations.Length; i++) _indexOf[organisations[i]] = i;
    }

    /// <summary>Organisations that are the clock's children: <paramref name="create"/> makes the one at an index.</summary>
    public static OrganisationDirectory OfChildren(int organisations, Func<int, IActorRef> create)
    {
        var refs = new IActorRef[organisations];
        for (var i = 0; i < organisations; i++) refs[i] = create(i);
        return new OrganisationDirectory(refs, null);
    }

    /// <summary>Organisations placed outside the clock: the placement gives each one's address.</summary>
    public static OrganisationDirectory OfPlacement(int organisations, IOrganisationPlacement placement)
    {
        var refs = new IActorRef[organisations];
        for (var i = 0; i < organisations; i++) refs[i] = placement.Organisation(i);
        return new OrganisationDirectory(refs, placement);
    }

    /// <summary>Every organisation's address, by organisation index.</summary>
    public IReadOnlyList<IActorRef> Organisations => _organisations;

    public IActorRef this[int index] => _organisations[index];

    /// <summary>The index of the organisation at this address; false for an address that is not one of the run's.</summary>
    public bool TryIndexOf(IActorRef organisation, out int index) => _indexOf.TryGetValue(organisation, out index);

    /// <summary>
    /// What each organisation must be told before the first phase, in index order: a placed organisation which one it is
    /// and that <paramref name="clock"/> runs it; the clock's children, created knowing all they need, nothing.
    /// </summary>
    public IEnumerable<(IActorRef Organisation, object Message)> Introductions(IActorRef clock)
    {
        if (_placement is not { } placement) yield break;
        for (var i = 0; i < _organisations.Length; i++) yield return (_organisations[i], placement.Placed(i, clock));
    }

    /// <summary>
    /// What each organisation is told once the run has ended: placed ones are released so their nodes drop the run's
    /// state; the clock's children stop with the clock and are told nothing.
    /// </summary>
    public IEnumerable<(IActorRef Organisation, object Message)> Releases()
    {
        if (_placement is not { } placement) yield break;
        foreach (var o in _organisations) yield return (o, placement.Released);
    }
}
