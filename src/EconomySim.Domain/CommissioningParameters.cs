namespace EconomySim.Domain;

/// <summary>How a commissioner sets its acute budget from one year to the next.</summary>
public enum AcuteGrowthPolicy
{
    /// <summary>The acute budget is a fixed share of the allocation, growing with it.</summary>
    ShareOfAllocation = 0,
    /// <summary>Acute budgets grow by inflation only; all other growth goes to primary, community and prevention (Cambridgeshire and Peterborough 2024-29).</summary>
    FlatCash = 1,
}

/// <summary>How a commissioner plans to spend its allocation; the shares of the allocation add up to 1.</summary>
/// <param name="PooledShare">Share of the allocation put into a pooled budget with councils (Better Care Fund style).</param>
/// <param name="OtherServicesShare">Share spent outside the modelled providers: prescribing, continuing healthcare, the independent sector.</param>
/// <param name="ReserveShare">Contingency held back and left unspent unless needed.</param>
/// <param name="ProposalProbability">Chance per year that a commissioner proposes a budget shift out of acute care.</param>
/// <param name="ProposedShift">Share of the acute budget that such a proposal moves to community and primary care.</param>
/// <param name="AcuteGrowth">Whether acute budgets follow the allocation or are held flat in cash (inflation only).</param>
/// <param name="GrowthToPrimaryCare">Under flat cash, the share of the growth above acute inflation that goes to primary care.</param>
/// <param name="GrowthToCommunity">Under flat cash, the share that goes to community services.</param>
/// <param name="GrowthToPrevention">Under flat cash, the share that goes to prevention.</param>
/// <param name="PreventionInvestmentShare">Share of its acute spend a budget holder puts into extra prevention in a year when that pays within the settlement horizon.</param>
/// <param name="DiscountRate">Annual rate at which budget holders discount future savings.</param>
/// <param name="EmergencyDepartmentClosureProbability">Chance that a reconfiguration proposal also closes the emergency department of a system's smallest acute trust that has one.</param>
/// <param name="ReserveReleaseShare">Share of the contingency reserve released at year end to the system's trusts in deficit, by their deficits.</param>
public sealed record CommissioningParameters(
    double AcuteShare,
    double CommunityShare,
    double MentalHealthShare,
    double PrimaryCareShare,
    double PreventionShare,
    double PooledShare,
    double OtherServicesShare,
    double ReserveShare,
    double ProposalProbability,
    double ProposedShift,
    AcuteGrowthPolicy AcuteGrowth,
    double GrowthToPrimaryCare,
    double GrowthToCommunity,
    double GrowthToPrevention,
    double PreventionInvestmentShare,
    double DiscountRate,
    double EmergencyDepartmentClosureProbability,
    double ReserveReleaseShare = 0);
