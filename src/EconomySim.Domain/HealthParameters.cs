namespace EconomySim.Domain;

/// <summary>The health measure: QALYs lost to waits, avoidable admissions and unmet care, gained by public health; the deprivation fifths; care-related quality of life.</summary>
/// <param name="PublicHealthPoundsPerQaly">Marginal cost, at the first year's prices, of a QALY bought by public health spending (about £3,800).</param>
/// <param name="NhsCarePoundsPerQaly">Marginal cost, at the first year's prices, of a QALY bought by treatment services (about £13,500).</param>
/// <param name="WaitingQalyLossPerPatientYear">QALYs a patient loses for each year on an elective waiting list.</param>
/// <param name="AvoidableAdmissionQalyLoss">QALYs lost with each emergency admission primary care could have avoided.</param>
/// <param name="UnmetCareQalyLossPerPersonYear">QALYs a person loses for each year an eligible care need goes unmet.</param>
/// <param name="WithinCouncilDeprivationSpread">Log-scale spread of neighbourhoods' deprivation within a council's area.</param>
/// <param name="EmergencyAdmissionsRatioMostDeprived">Emergency admissions per head in the most deprived fifth over the least deprived.</param>
/// <param name="ElectiveRatioMostDeprived">Planned care per head in the most deprived fifth over the least deprived.</param>
/// <param name="IllHealthRatioMostDeprived">Ill health (care needs, what public health reaches) per head in the most deprived fifth over the least deprived.</param>
/// <param name="CareQualityOfLifeAtReference">Care-related quality of life (ASCOT, out of 24) of people supported by a reference package.</param>
/// <param name="CareQualityOfLifeWithoutCare">Care-related quality of life the same people would have with no care.</param>
/// <param name="CareIntensityElasticity">How care-related quality of life gained rises with care per person (below 1: diminishing returns).</param>
public sealed record HealthParameters(
    decimal PublicHealthPoundsPerQaly,
    decimal NhsCarePoundsPerQaly,
    double WaitingQalyLossPerPatientYear,
    double AvoidableAdmissionQalyLoss,
    double UnmetCareQalyLossPerPersonYear,
    double WithinCouncilDeprivationSpread,
    double EmergencyAdmissionsRatioMostDeprived,
    double ElectiveRatioMostDeprived,
    double IllHealthRatioMostDeprived,
    double CareQualityOfLifeAtReference,
    double CareQualityOfLifeWithoutCare,
    double CareIntensityElasticity);
