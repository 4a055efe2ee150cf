namespace EconomySim.Domain;

/// <param name="OwnResources">Councils' own money for adult social care (council tax, business rates), whole economy, per year.</param>
/// <param name="CostPerPersonSupported">Gross cost of supporting one person for a year.</param>
/// <param name="NeedPerOlderPerson">People needing support per resident aged 65 or over.</param>
/// <param name="SupplyAdjustment">Fraction of the gap between funded and actual care supply closed per year.</param>
/// <param name="PublicHealthShareOfGrant">Share of the public health grant spent on prevention that buys health directly.</param>
/// <param name="CostInflation">Growth of the cost of a care package a year (care workers' pay follows the National Living Wage); default: the tariff's cost uplift.</param>
/// <param name="OwnResourcesGrowth">Cash growth of councils' own money for care a year (council tax, the social care precept); default: the allocation's growth.</param>
public sealed record SocialCareParameters(
    Money OwnResources,
    Money CostPerPersonSupported,
    double NeedPerOlderPerson,
    double SupplyAdjustment,
    double PublicHealthShareOfGrant,
    double? CostInflation = null,
    double? OwnResourcesGrowth = null);
