using EconomySim.Domain;

namespace EconomySim.Domain.Tests;

/// <summary>A hand-built economy small enough to reason about: two systems, five trusts, four GP federations, three councils.</summary>
public static class SmallEconomy
{
    public static EconomyParameters Parameters(int years = 3) => new(
        StartYear: 2024,
        Years: years,
        Funder: new FunderParameters(
            CommissionerAllocations: Money.FromPounds(2_000_000_000m),
            AllocationGrowth: 0.03m,
            PaceOfChange: 0.25,
            TariffUplift: 0.025m,
            EfficiencyFactor: 0.011m,
            PublicHealthGrant: Money.FromPounds(50_000_000m),
            SocialCareGrant: Money.FromPounds(120_000_000m),
            BailoutBaseProbability: 0.2,
            BailoutProbabilityPerDeficitShare: 10,
            PumpPrimeFunding: Money.Zero,
            TransformationFund: Money.Zero,
            TransformationConditionalShare: 0.7,
            ControlTotalSurplusShare: 0),
        Commissioning: new CommissioningParameters(0.50, 0.07, 0.10, 0.085, 0.005, 0.07, 0.16, 0.01, 0.5, 0.02,
            AcuteGrowthPolicy.ShareOfAllocation, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0.035, 0),
        Contracts: new ContractParameters(
            PaymentRegime.PaymentByResults, PaymentRegime.Block, PaymentRegime.Block, PaymentRegime.Capitation,
            Money.FromPounds(1_100m), Money.FromPounds(3_800m), Money.FromPounds(250m),
            0.2, 0.02, 0.5, 0.01, 0.08, 0.02,
            ElectiveVariableRate: 0.2, MarginalEmergencyRate: 0.3, BlockNegotiatedGrowth: 0, CapitationCorridorCap: 1, CapitationStopLoss: 1,
            OutcomeWithholdShare: 0.05, OutcomeTargetWithin18Weeks: 0.92, OutcomeFailureScore: 0.5, PersonalBudgetSocialCareShare: 0.3),
        Trusts: new TrustParameters(0.6, 0.6, 0.3, 190, 0.25, 4.0, 0.92, 0.13, 0.37, 0.75, 0.01, 0.015, 0.3, 0.015, 0.13),
        PrimaryCare: new PrimaryCareParameters(6.2, 6.0, 0.055, 0.112, 0.2, 0.45, 0.25, 0.7, 2, 0.3, 20),
        SocialCare: new SocialCareParameters(Money.FromPounds(300_000_000m), Money.FromPounds(32_000m), 0.085, 0.3, 0.5),
        Governance: new GovernanceParameters(AllocationRegime.Central, DecisionRule.Unanimity, 2.0 / 3, VoteWeighting.Budget, BailoutRegime.PerTrust, 1,
            ScrutinyReferralProbability: 0, ScrutinyDelayYears: 1, ControlTotals: ControlTotalLevel.Trust),
        Health: new HealthParameters(3_800m, 13_500m, 0.1, 0.027, 0.2, 0.5, 1.72, 1.2, 1.8, 19.1, 14, 0.5),
        PolicyChanges: []);

    public static EconomyDefinition Build(EconomyParameters? parameters = null)
    {
        var orgs = new List<OrganisationProfile>
        {
            new NationalFunderProfile(0, "NF", "National funder"),
            new CommissionerProfile(1, "COM-1", "North system", "North", 600_000, 1.1, 0.50),
            new CommissionerProfile(2, "COM-2", "South system", "South", 500_000, 0.9, 0.50),
            new TrustProfile(3, "TRA-1", "North General", "North", TrustType.Acute, 1, 700, 1.0, true, true, 0.6),
            new TrustProfile(4, "TRA-2", "North Royal", "North", TrustType.Acute, 1, 450, 1.0, true, false, 0.4),
            new TrustProfile(5, "TRA-3", "South General", "South", TrustType.Acute, 2, 900, 1.05, true, true, 1.0),
            new TrustProfile(6, "TRC-1", "North Community", "North", TrustType.Community, 1, 100, 1.0, false, false, 1.0),
            new TrustProfile(7, "TRM-1", "South Minds", "South", TrustType.MentalHealth, 2, 150, 1.05, false, false, 1.0),
            new GpFederationProfile(8, "GPF-1", "North East PCN", "North", 1, 320_000, 1.2, [3, 4], [0.7, 0.3]),
            new GpFederationProfile(9, "GPF-2", "North West PCN", "North", 1, 280_000, 1.0, [3, 4], [0.4, 0.6]),
            new GpFederationProfile(10, "GPF-3", "South East PCN", "South", 2, 260_000, 0.9, [5], [1.0]),
            new GpFederationProfile(11, "GPF-4", "South West PCN", "South", 2, 240_000, 0.9, [5], [1.0]),
            new CouncilProfile(12, "CNL-1", "Northshire", "North", 1, 600_000, 114_000, 0.6, [3, 4], [0.6, 0.4]),
            new CouncilProfile(13, "CNL-2", "Southby", "South", 2, 300_000, 57_000, 0.4, [5], [1.0]),
            new CouncilProfile(14, "CNL-3", "Southwold", "South", 2, 200_000, 38_000, 0.3, [5], [1.0]),
        };
        return new EconomyDefinition("small", parameters ?? Parameters(), orgs);
    }
}
