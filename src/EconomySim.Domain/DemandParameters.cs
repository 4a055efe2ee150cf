namespace EconomySim.Domain;

/// <summary>
/// Demography and demand per head, year by year (DOMAIN.md, change over time). Growth rates compound from the run's
/// first year under each year's parameters; levels apply in their own year only (a pandemic year's fall in demand).
/// </summary>
/// <param name="PopulationGrowth">Growth of the population a year.</param>
/// <param name="OlderPopulationGrowth">Growth of the population aged 65 and over a year.</param>
/// <param name="OlderRelativeUse">Hospital and GP use per person aged 65+ relative to a younger person: need rising with age.</param>
/// <param name="GpAppointmentsGrowth">Growth of GP appointments wanted per head a year beyond demography.</param>
/// <param name="ReferralsGrowth">Growth of elective referrals per appointment a year beyond demography.</param>
/// <param name="AandEAttendancesGrowth">Growth of A&amp;E attendances per head a year beyond demography.</param>
/// <param name="EmergencyAdmissionsGrowth">Growth of emergency admissions per head a year beyond demography.</param>
/// <param name="GpAppointmentsLevel">GP appointments wanted this year relative to trend.</param>
/// <param name="ReferralsLevel">Elective referrals this year relative to trend.</param>
/// <param name="AandEAttendancesLevel">A&amp;E attendances this year relative to trend.</param>
/// <param name="EmergencyAdmissionsLevel">Emergency admissions this year relative to trend.</param>
public sealed record DemandParameters(
    double PopulationGrowth,
    double OlderPopulationGrowth,
    double OlderRelativeUse,
    double GpAppointmentsGrowth,
    double ReferralsGrowth,
    double AandEAttendancesGrowth,
    double EmergencyAdmissionsGrowth,
    double GpAppointmentsLevel,
    double ReferralsLevel,
    double AandEAttendancesLevel,
    double EmergencyAdmissionsLevel)
{
    public static readonly DemandParameters Unchanging = new(0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1);
}
