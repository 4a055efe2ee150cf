namespace EconomySim.Domain;

/// <param name="CommissionerAllocations">Total allocated to commissioners in the first year.</param>
/// <param name="AllocationGrowth">Cash growth of the envelope per year (0.03 = 3%).</param>
/// <param name="PaceOfChange">Fraction of each commissioner's distance from its target share closed per year.</param>
/// <param name="TariffUplift">Annual cost uplift applied to prices.</param>
/// <param name="EfficiencyFactor">Annual efficiency requirement deducted from the uplift.</param>
/// <param name="PublicHealthGrant">Public health grant to councils, whole economy, per year.</param>
/// <param name="SocialCareGrant">Grant to councils for adult social care, whole economy, per year.</param>
/// <param name="BailoutBaseProbability">Chance that a small deficit is covered after the year ends.</param>
/// <param name="BailoutProbabilityPerDeficitShare">How much that chance rises per unit of deficit over turnover.</param>
/// <param name="PumpPrimeFunding">Up-front transformation money paid to commissioners, in all (Greater Manchester asked £500m, got £450m over five years).</param>
/// <param name="TransformationFund">Sustainability and transformation money per year for trusts, paid quarterly through commissioners.</param>
/// <param name="TransformationConditionalShare">Share of that money paid only if the control total is met, all or nothing each quarter.</param>
/// <param name="InYearFunding">Money added to the settlement in each year it is in force (pandemic costs, elective recovery), paid to commissioners with their allocations; later allocations do not grow from it.</param>
/// <param name="PayAwardInSettlement">The pay award the settlement allowed for; an award above it is funded by a recurrent addition to allocations of the excess times pay's share of cost. Without it, pay awards get no addition.</param>
/// <param name="ControlTotalSurplusShare">The control total: the year-to-date surplus, as a share of income, a trust (or system) must reach.</param>
/// <param name="PumpPrimeYears">Years over which the pump prime is paid in equal parts, from the first year it is in force.</param>
public sealed record FunderParameters(
    Money CommissionerAllocations,
    decimal AllocationGrowth,
    double PaceOfChange,
    decimal TariffUplift,
    decimal EfficiencyFactor,
    Money PublicHealthGrant,
    Money SocialCareGrant,
    double BailoutBaseProbability,
    double BailoutProbabilityPerDeficitShare,
    Money PumpPrimeFunding,
    Money TransformationFund,
    double TransformationConditionalShare,
    double ControlTotalSurplusShare,
    Money InYearFunding = default,
    double? PayAwardInSettlement = null,
    int PumpPrimeYears = 1);
