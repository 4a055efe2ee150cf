using EconomySim.Domain;

namespace EconomySim.Scenarios;

/// <summary>
/// A loaded and validated scenario: what the file says, bound to the Domain's parameter records, plus what the
/// synthetic economy generator needs to lay out the organisations. <see cref="Parameters"/> holds the totals of the
/// file as written (scale 1); <see cref="EconomyGenerator.Build"/> scales them.
/// </summary>
/// <param name="Path">The path as given to <see cref="ScenarioLoader.Load"/>.</param>
/// <param name="Text">The file's own text (its bases are in <paramref name="Sources"/>).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the scenario's content: of the file alone when it has no <c>extends</c>, else of the whole chain.</param>
/// <param name="Name">A slug (lower-case letters, digits, hyphens), used in run ids.</param>
/// <param name="StructureSeed">Seeds the layout of the synthetic economy; independent of the run seed so replications share one structure.</param>
/// <param name="Sources">Every file the scenario was read from: the file itself, then the file it extends, and so on.</param>
public sealed record ScenarioDocument(
    string Path,
    string Text,
    string Sha256,
    string Name,
    string Description,
    long StructureSeed,
    OrganisationStructure Organisations,
    EconomyParameters Parameters,
    IReadOnlyList<string> Sources);

/// <param name="PopulationShare">Share of the economy's population living in the region.</param>
/// <param name="MarketForcesFactor">Unavoidable cost differences of the region's providers relative to the national average (1.0).</param>
public sealed record RegionDefinition(string Name, double PopulationShare, double MarketForcesFactor);

/// <summary>
/// The <c>organisations</c> section: counts and totals from which <see cref="EconomyGenerator"/> builds the synthetic
/// economy. Per-organisation magnitudes come out of these totals, never out of code.
/// </summary>
/// <param name="OlderPopulationShare">Share of the population aged 65 or over.</param>
/// <param name="CommissionerSizeSpread">Log-scale spread of commissioner populations within a region.</param>
/// <param name="NeedIndexSpread">Spread of commissioners' need indexes around the national mean of 1.</param>
/// <param name="InitialDistanceFromTargetSpread">Spread of first-year allocations around the weighted-capitation target.</param>
/// <param name="TrustSizeSpread">Log-scale spread of bed numbers among trusts of one type.</param>
/// <param name="GpFederationSizeSpread">Log-scale spread of list sizes among a commissioner's GP federations.</param>
/// <param name="GpFederationNeedSpread">Log-scale spread of a GP federation's need index around its commissioner's.</param>
/// <param name="CouncilSizeSpread">Log-scale spread of council populations.</param>
/// <param name="DeprivationSpread">Log-scale spread of council deprivation around its commissioner's need.</param>
/// <param name="EmergencyDepartmentShare">Share of acute trusts with a type 1 emergency department.</param>
/// <param name="MaternityUnitShare">Share of acute trusts with a maternity unit.</param>
public sealed record OrganisationStructure(
    IReadOnlyList<RegionDefinition> Regions,
    long Population,
    int Commissioners,
    int AcuteTrusts,
    int CommunityTrusts,
    int MentalHealthTrusts,
    int GpFederations,
    int Councils,
    int GeneralAndAcuteBeds,
    int CommunityBeds,
    int MentalHealthBeds,
    double OlderPopulationShare,
    double CommissionerSizeSpread,
    double NeedIndexSpread,
    double InitialDistanceFromTargetSpread,
    double TrustSizeSpread,
    double GpFederationSizeSpread,
    double GpFederationNeedSpread,
    double CouncilSizeSpread,
    double DeprivationSpread,
    double EmergencyDepartmentShare,
    double MaternityUnitShare,
    OrganisationNames Names);

/// <summary>Optional real names, in index order; an empty list means names are made from codes.</summary>
public sealed record OrganisationNames(
    IReadOnlyList<string> Commissioners,
    IReadOnlyList<string> AcuteTrusts,
    IReadOnlyList<string> CommunityTrusts,
    IReadOnlyList<string> MentalHealthTrusts,
    IReadOnlyList<string> GpFederations,
    IReadOnlyList<string> Councils);
