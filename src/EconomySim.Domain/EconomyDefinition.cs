namespace EconomySim.Domain;

/// <summary>A whole synthetic economy, ready to run: who exists, how they relate, and every coefficient.</summary>
public sealed record EconomyDefinition(
    string ScenarioName,
    EconomyParameters Parameters,
    IReadOnlyList<OrganisationProfile> Organisations)
{
    public IEnumerable<T> OfKind<T>() where T : OrganisationProfile => Organisations.OfType<T>();
}
