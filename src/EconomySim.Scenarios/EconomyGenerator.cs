using EconomySim.Domain;

namespace EconomySim.Scenarios;

/// <summary>
/// Lays out a synthetic economy from a scenario's counts and totals. The layout depends only on the scenario and its
/// structure seed (never on the run seed), so every replication of a scenario runs on the same organisations.
/// </summary>
public static partial class EconomyGenerator
{
    /// <summary>Far beyond any machine this runs on; with the loader's ranges it keeps every scaled count inside an int and every total inside a long.</summary>
    public const int MaxScale = 1000;

    // Technical floors, not coefficients: they only stop an extreme draw from making a need index or an allocation
    // factor zero or negative, which no spread in a calibrated file comes near.
    private const double MinimumNeedIndex = 0.2;
    private const double MinimumAllocationFactor = 0.1;

    /// <param name="years">Overrides the scenario's number of simulated years.</param>
    /// <param name="scale">K: every organisation count, the population, bed totals and money totals are multiplied by K, so each organisation looks the same but there are K times as many.</param>
    public static EconomyDefinition Build(ScenarioDocument scenario, int? years = null, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, MaxScale);
        if (years is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(years), years, "Years must be between 1 and 50.");

        OrganisationStructure structure;
        try
        {
            structure = Scale(scenario.Organisations, scale);
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scaled economy would have more organisations or people than the model can count.");
        }
        CheckBuildable(structure);
        var runYears = years ?? scenario.Parameters.Years;
        var scaled = ScaleTotals(scenario.Parameters, scale);
        // Policy changes carry whole parameter sets: scaled alike, with the run's length, and dropped when the run ends first.
        var parameters = scaled with
        {
            Years = runYears,
            PolicyChanges = scaled.PolicyChanges
                .Where(c => c.Year < scaled.StartYear + runYears)
                .Select(c => c with { Parameters = c.Parameters with { Years = runYears } })
                .ToList(),
        };
        var organisations = new Layout(structure, SimulationRandom.For(scenario.StructureSeed, "structure")).Organisations();
        return new EconomyDefinition(scenario.Name, parameters, organisations);
    }

    /// <summary>Money in the parameters that is a total for the whole economy, so it grows with the number of organisations.</summary>
    internal static readonly string[] ScaledMoney =
    [
        "Funder.CommissionerAllocations", "Funder.PublicHealthGrant", "Funder.SocialCareGrant", "Funder.PumpPrimeFunding",
        "Funder.TransformationFund", "Funder.InYearFunding", "SocialCare.OwnResources",
    ];

    /// <summary>Money that is a price or a cost per unit, the same for an organisation whatever the scale.</summary>
    internal static readonly string[] UnscaledMoney =
    [
        "Contracts.ElectivePrice", "Contracts.EmergencyPrice", "Contracts.AandEPrice", "SocialCare.CostPerPersonSupported",
    ];

    /// <summary>Keep in step with <see cref="ScaledMoney"/>: a test fails when a Money parameter is in neither list.</summary>
    internal static EconomyParameters ScaleTotals(EconomyParameters p, int k) => p with
    {
        Funder = p.Funder with
        {
            CommissionerAllocations = Times(p.Funder.CommissionerAllocations, k),
            PublicHealthGrant = Times(p.Funder.PublicHealthGrant, k),
            SocialCareGrant = Times(p.Funder.SocialCareGrant, k),
            PumpPrimeFunding = Times(p.Funder.PumpPrimeFunding, k),
            TransformationFund = Times(p.Funder.TransformationFund, k),
            InYearFunding = Times(p.Funder.InYearFunding, k),
        },
        SocialCare = p.SocialCare with { OwnResources = Times(p.SocialCare.OwnResources, k) },
        PolicyChanges = p.PolicyChanges.Select(c => c with { Parameters = ScaleTotals(c.Parameters, k) }).ToList(),
    };

    internal static OrganisationStructure Scale(OrganisationStructure o, int k) => o with
    {
        Population = checked(o.Population * k),
        Commissioners = checked(o.Commissioners * k),
        AcuteTrusts = checked(o.AcuteTrusts * k),
        CommunityTrusts = checked(o.CommunityTrusts * k),
        MentalHealthTrusts = checked(o.MentalHealthTrusts * k),
        GpFederations = checked(o.GpFederations * k),
        Councils = checked(o.Councils * k),
        GeneralAndAcuteBeds = checked(o.GeneralAndAcuteBeds * k),
        CommunityBeds = checked(o.CommunityBeds * k),
        MentalHealthBeds = checked(o.MentalHealthBeds * k),
    };

    private static Money Times(Money m, int k) => new(checked(m.Pence * k));

    /// <summary>
    /// The loader has already said all this to the user with file and line; this guards documents changed in code
    /// (<c>with</c>) so that a bad one fails here, plainly, rather than deep inside the layout.
    /// </summary>
    private static void CheckBuildable(OrganisationStructure o)
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException($"The scenario cannot be laid out: {message}.", "scenario");
        }
        Require(o.Regions.Count > 0 && o.Regions.All(r => r.PopulationShare > 0), "every region needs a positive population share");
        Require(o.Commissioners >= o.Regions.Count, "fewer commissioners than regions");
        Require(o.AcuteTrusts >= o.Commissioners, "fewer acute trusts than commissioners");
        Require(o.GpFederations >= o.Commissioners, "fewer GP federations than commissioners");
        Require(o.CommunityTrusts >= 1 && o.MentalHealthTrusts >= 1 && o.Councils >= 1, "every kind of organisation needs at least one member");
        Require(o.GeneralAndAcuteBeds >= o.AcuteTrusts && o.CommunityBeds >= o.CommunityTrusts && o.MentalHealthBeds >= o.MentalHealthTrusts,
            "fewer beds than trusts of a type");
        Require(o.Population >= Math.Max(o.GpFederations, o.Councils), "fewer people than GP federations or councils");
    }
}
