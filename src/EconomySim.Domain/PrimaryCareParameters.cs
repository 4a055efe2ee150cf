namespace EconomySim.Domain;

/// <param name="AppointmentsPerHead">GP appointments wanted per registered patient per year.</param>
/// <param name="CapacityPerHead">GP appointments that can be offered per registered patient per year.</param>
/// <param name="ReferralsPerAppointment">Elective referrals per appointment.</param>
/// <param name="EmergencyAdmissionsPerHead">Emergency admissions per head per year before prevention.</param>
/// <param name="AvoidableShare">Share of emergency admissions that could be managed in the community (about 1 in 5).</param>
/// <param name="AandEAttendancesPerHead">Unplanned attendances per head per year at base GP access.</param>
/// <param name="AandEShareAfterFailedAccess">Share of unplanned attendances that follow a failed attempt to see a GP (about a quarter).</param>
/// <param name="FixedCostShare">Share of a GP federation's cost that does not vary with appointments.</param>
/// <param name="PreventionLagYears">Years before prevention money starts to reduce avoidable admissions.</param>
/// <param name="PreventionMaxEffect">Largest share of avoidable admissions prevention can remove.</param>
/// <param name="PreventionPoundsPerHeadForHalfEffect">Cumulative prevention spend per head that reaches half the largest effect.</param>
/// <param name="CapacityLevel">Appointments general practice can offer in a year relative to normal (remote triage and absent staff in a pandemic); the access a failed attempt is judged against stays normal.</param>
public sealed record PrimaryCareParameters(
    double AppointmentsPerHead,
    double CapacityPerHead,
    double ReferralsPerAppointment,
    double EmergencyAdmissionsPerHead,
    double AvoidableShare,
    double AandEAttendancesPerHead,
    double AandEShareAfterFailedAccess,
    double FixedCostShare,
    int PreventionLagYears,
    double PreventionMaxEffect,
    double PreventionPoundsPerHeadForHalfEffect,
    double CapacityLevel = 1)
{
    /// <summary>Elective referrals per (need-weighted) head a year at base demand: the appointments given, each referring at the rate.</summary>
    public double ReferralsPerHead => Math.Min(AppointmentsPerHead, CapacityPerHead) * ReferralsPerAppointment;
}
