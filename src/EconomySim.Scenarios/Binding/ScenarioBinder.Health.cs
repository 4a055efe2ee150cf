using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static HealthParameters Health(SectionReader s) => new(
        PublicHealthPoundsPerQaly: s.Decimal("public_health_cost_per_qaly_gbp", Price),
        NhsCarePoundsPerQaly: s.Decimal("nhs_care_cost_per_qaly_gbp", Price),
        WaitingQalyLossPerPatientYear: s.Number("waiting_qaly_loss_per_patient_year", Fraction),
        AvoidableAdmissionQalyLoss: s.Number("avoidable_admission_qaly_loss", Fraction),
        UnmetCareQalyLossPerPersonYear: s.Number("unmet_care_need_qaly_loss_per_person_year", Fraction),
        WithinCouncilDeprivationSpread: s.Number("within_council_deprivation_spread", AboveZeroUpTo(2)),
        EmergencyAdmissionsRatioMostDeprived: s.Number("emergency_admissions_ratio_most_deprived", AboveZeroUpTo(10)),
        ElectiveRatioMostDeprived: s.Number("elective_ratio_most_deprived", AboveZeroUpTo(10)),
        IllHealthRatioMostDeprived: s.Number("ill_health_ratio_most_deprived", AboveZeroUpTo(10)),
        CareQualityOfLifeAtReference: s.Number("care_quality_of_life_at_reference", Between(0, 24)),
        CareQualityOfLifeWithoutCare: s.Number("care_quality_of_life_without_care", Between(0, 24)),
        CareIntensityElasticity: s.Number("care_intensity_elasticity", Fraction));
}
