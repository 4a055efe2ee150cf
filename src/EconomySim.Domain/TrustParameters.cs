namespace EconomySim.Domain;

/// <param name="ElectiveMarginalCostShare">Marginal cost of an elective case as a share of its price.</param>
/// <param name="EmergencyMarginalCostShare">Marginal cost of an emergency admission as a share of its price.</param>
/// <param name="AltruismWeight">Weight a provider puts on patient benefit against surplus (0 to 1).</param>
/// <param name="ElectivePathwaysPerBedPerYear">Elective pathways (outpatient, day case and inpatient) a trust's staff can complete per bed per year.</param>
/// <param name="ElectiveBedDaysPerPathway">Mean general and acute bed-days an elective pathway uses (most need none: outpatient and day cases).</param>
/// <param name="EmergencyLengthOfStay">Mean bed-days per emergency admission.</param>
/// <param name="OccupancyTarget">Share of bed-days that can be used before a trust stops booking electives.</param>
/// <param name="DelayedDischargeShareOfBeds">Share of beds blocked by delayed discharges when social care supply is at its base level.</param>
/// <param name="SocialCareShareOfDelays">Share of delayed patients who wait for social care (about 37%); the rest wait inside the NHS.</param>
/// <param name="CareSupplyElasticity">Percent fewer social-care delays per percent more care supply (10% more beds, 6-9% fewer delays).</param>
/// <param name="WaitingDropOutRate">Share per month of patients waiting over 18 weeks who leave the list untreated.</param>
/// <param name="EfficiencyEffort">Share of cost a trust takes out each year under a hard budget.</param>
/// <param name="SoftBudgetEffortLoss">Share of that effort lost when the trust expects to be bailed out.</param>
/// <param name="VetoIncomeThreshold">A trust vetoes a reconfiguration that cuts its income by more than this share of turnover.</param>
/// <param name="InitialWaitingListPerHead">Elective waiting list per head of population at the start (about 7.5m for 57m people).</param>
/// <param name="PayAward">Growth of pay per member of staff a year (the pay award with its drift); default: the tariff's cost uplift.</param>
/// <param name="NonPayInflation">Growth of the prices of everything else trusts buy (drugs, energy, supplies, estates) a year; default: the tariff's cost uplift.</param>
/// <param name="PayShareOfCost">Share of trusts' operating cost that is pay: the weight of the pay award in input cost growth.</param>
/// <param name="CostIntensityGrowth">Growth a year of what a unit of care uses beyond pay and prices (new drugs and devices, clinical negligence cover, agency premiums).</param>
/// <param name="PandemicCostShare">Extra cost, over a trust's cost, in the years it is in force (infection control, protective equipment, cover for absent staff); later years' cost does not grow from it.</param>
/// <param name="StaffGrowth">Growth of clinical staff a year: elective throughput and fixed cost grow with it.</param>
/// <param name="BedGrowth">Growth of general and acute beds a year.</param>
/// <param name="ElectiveProductivity">Elective pathways per member of staff this year relative to normal (infection control in a pandemic, recovery after it).</param>
/// <param name="ElectiveMarginResponse">How sharply elective effort responds to the margin (marginal payment less marginal cost, over price): the slope of a logistic.</param>
/// <param name="DeficitEffort">Extra cost-cutting effort a year per unit of last year's deficit over income (financial recovery plans).</param>
/// <param name="InitialCostGap">Mean share by which trusts' first-year costs exceed their first contract (the deficit the run starts with).</param>
/// <param name="InitialCostGapSpread">Standard deviation of that share between trusts.</param>
/// <param name="AandEFourHourLogitAtTargetOccupancy">Log-odds of an attendance being seen within four hours when beds are used exactly at the occupancy target.</param>
/// <param name="BoughtCapacityShare">Electives a trust can buy a month beyond its own staff and beds (waiting list initiatives, insourcing, the independent sector), as a share of its own staff capacity.</param>
/// <param name="BoughtCapacityCostPremium">The marginal cost of a bought case over the trust's own marginal cost.</param>
/// <param name="TreatInTurnShare">Share of electives booked in turn from the longest waits.</param>
/// <param name="UrgentFirstShare">Share of electives taken from the newest referrals first (urgent cases); the rest, beyond those booked in turn, are chosen whatever their wait.</param>
/// <param name="AandEFourHourOccupancySlope">How fast those log-odds fall per unit of occupancy over the target (exit block).</param>
public sealed record TrustParameters(
    double ElectiveMarginalCostShare,
    double EmergencyMarginalCostShare,
    double AltruismWeight,
    double ElectivePathwaysPerBedPerYear,
    double ElectiveBedDaysPerPathway,
    double EmergencyLengthOfStay,
    double OccupancyTarget,
    double DelayedDischargeShareOfBeds,
    double SocialCareShareOfDelays,
    double CareSupplyElasticity,
    double WaitingDropOutRate,
    double EfficiencyEffort,
    double SoftBudgetEffortLoss,
    double VetoIncomeThreshold,
    double InitialWaitingListPerHead,
    double? PayAward = null,
    double? NonPayInflation = null,
    double PayShareOfCost = 0.6,
    double CostIntensityGrowth = 0,
    double PandemicCostShare = 0,
    double StaffGrowth = 0,
    double BedGrowth = 0,
    double ElectiveProductivity = 1,
    double ElectiveMarginResponse = 0,
    double DeficitEffort = 0,
    double InitialCostGap = 0,
    double InitialCostGapSpread = 0,
    double AandEFourHourLogitAtTargetOccupancy = 0,
    double AandEFourHourOccupancySlope = 0,
    double TreatInTurnShare = 0,
    double UrgentFirstShare = 0,
    double BoughtCapacityShare = 0,
    double BoughtCapacityCostPremium = 1)
{
    /// <summary>
    /// Input cost growth a year: the pay award and other prices weighted by pay's share of cost (each defaults to the
    /// tariff's cost uplift), and the growth in what a unit of care uses.
    /// </summary>
    public double InputCostInflation(FunderParameters funder) =>
        PayShareOfCost * (PayAward ?? (double)funder.TariffUplift) + (1 - PayShareOfCost) * (NonPayInflation ?? (double)funder.TariffUplift) + CostIntensityGrowth;
}
