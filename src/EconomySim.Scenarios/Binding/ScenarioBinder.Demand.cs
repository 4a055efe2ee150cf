using EconomySim.Domain;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Binding;

internal static partial class ScenarioBinder
{
    private static DemandParameters Demand(SectionReader s) => new(
        PopulationGrowth: s.Number("population_growth", AnnualChange, 0),
        OlderPopulationGrowth: s.Number("older_population_growth", AnnualChange, 0),
        OlderRelativeUse: s.Number("older_relative_use", AboveZeroUpTo(20), 1),
        GpAppointmentsGrowth: s.Number("gp_appointments_growth", AnnualChange, 0),
        ReferralsGrowth: s.Number("referrals_growth", AnnualChange, 0),
        AandEAttendancesGrowth: s.Number("ae_attendances_growth", AnnualChange, 0),
        EmergencyAdmissionsGrowth: s.Number("emergency_admissions_growth", AnnualChange, 0),
        GpAppointmentsLevel: s.Number("gp_appointments_level", YearLevel, 1),
        ReferralsLevel: s.Number("referrals_level", YearLevel, 1),
        AandEAttendancesLevel: s.Number("ae_attendances_level", YearLevel, 1),
        EmergencyAdmissionsLevel: s.Number("emergency_admissions_level", YearLevel, 1));
}
