using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static PrimaryCareParameters PrimaryCare(SectionReader s) => new(
        AppointmentsPerHead: s.Number("appointments_per_head", Between(0, 100)),
        CapacityPerHead: s.Number("capacity_per_head", Between(0, 100)),
        ReferralsPerAppointment: s.Number("referrals_per_appointment", Fraction),
        EmergencyAdmissionsPerHead: s.Number("emergency_admissions_per_head", Between(0, 10)),
        AvoidableShare: s.Number("avoidable_share", Fraction),
        AandEAttendancesPerHead: s.Number("ae_attendances_per_head", Between(0, 10)),
        AandEShareAfterFailedAccess: s.Number("ae_share_after_failed_access", Fraction),
        FixedCostShare: s.Number("fixed_cost_share", Fraction),
        PreventionLagYears: s.Integer("prevention_lag_years", Between(0, 50)),
        PreventionMaxEffect: s.Number("prevention_max_effect", Fraction),
        PreventionPoundsPerHeadForHalfEffect: s.Number("prevention_spend_per_head_for_half_effect_gbp", AboveZeroUpTo(1_000_000)),
        CapacityLevel: s.Number("capacity_level", YearLevel, 1));
}
