namespace EconomySim.Domain;

/// <summary>The phases of a simulated year, in the order they happen.</summary>
public enum PhaseKind
{
    /// <summary>The national funder pays commissioners and councils their allocations and grants.</summary>
    Allocation = 0,
    /// <summary>Commissioners plan budgets and offer contracts and pooled budgets; councils set their social care budget.</summary>
    Planning = 1,
    /// <summary>Providers accept, counter or refuse offers; councils answer pooling proposals.</summary>
    ContractReplies = 2,
    /// <summary>Commissioners settle contracts and pay pooled contributions.</summary>
    ContractSettlement = 3,
    /// <summary>Monthly: need in GP populations becomes appointments, referrals and emergency presentations; councils supply care.</summary>
    PrimaryAndSocialCare = 4,
    /// <summary>Monthly: trusts admit emergencies, lose beds to delayed discharges, treat electives and invoice.</summary>
    HospitalActivity = 5,
    /// <summary>Monthly: commissioners pay providers by each contract's regime.</summary>
    Payment = 6,
    /// <summary>Commissioners propose reconfigurations that shift budget out of acute care.</summary>
    Proposals = 7,
    /// <summary>Affected bodies vote; trusts may veto.</summary>
    Votes = 8,
    /// <summary>Proposers count votes under the governance rule.</summary>
    Decisions = 9,
    /// <summary>Every organisation closes its books; trusts and commissioners report surpluses and deficits.</summary>
    YearClose = 10,
    /// <summary>The national funder decides bailouts or system distress funding.</summary>
    Bailouts = 11,
    /// <summary>After the last year: every organisation takes delivery of what is still addressed to it, so nothing is left in flight.</summary>
    FinalSettlement = 12,
}

/// <param name="Index">Position in the run's calendar; also the canonical order of messages.</param>
/// <param name="YearIndex">0 for the first simulated year.</param>
/// <param name="Month">1 (April) to 12 (March) for monthly phases, 0 otherwise.</param>
/// <param name="Tick">Month counter over the run (0-based); yearly phases carry the tick of their year's last month.</param>
public sealed record CalendarPhase(int Index, int YearIndex, int Year, int Month, int Tick, PhaseKind Kind)
{
    public bool IsMonthly => Month > 0;
    public override string ToString() => IsMonthly ? $"{Year}/{(Year + 1) % 100:00} month {Month} {Kind}" : $"{Year}/{(Year + 1) % 100:00} {Kind}";
}

public static class Calendar
{
    public const int MonthsPerYear = 12;

    public static IReadOnlyList<CalendarPhase> Build(int startYear, int years)
    {
        if (years < 1) throw new ArgumentOutOfRangeException(nameof(years), "A run needs at least one year.");
        var phases = new List<CalendarPhase>(years * 45 + 1);
        void Add(int y, int month, int tick, PhaseKind kind) => phases.Add(new CalendarPhase(phases.Count, y, startYear + y, month, tick, kind));
        for (var y = 0; y < years; y++)
        {
            var firstTick = y * MonthsPerYear;
            Add(y, 0, firstTick, PhaseKind.Allocation);
            Add(y, 0, firstTick, PhaseKind.Planning);
            Add(y, 0, firstTick, PhaseKind.ContractReplies);
            Add(y, 0, firstTick, PhaseKind.ContractSettlement);
            for (var m = 1; m <= MonthsPerYear; m++)
            {
                var tick = firstTick + m - 1;
                Add(y, m, tick, PhaseKind.PrimaryAndSocialCare);
                Add(y, m, tick, PhaseKind.HospitalActivity);
                Add(y, m, tick, PhaseKind.Payment);
            }
            var lastTick = firstTick + MonthsPerYear - 1;
            Add(y, 0, lastTick, PhaseKind.Proposals);
            Add(y, 0, lastTick, PhaseKind.Votes);
            Add(y, 0, lastTick, PhaseKind.Decisions);
            Add(y, 0, lastTick, PhaseKind.YearClose);
            Add(y, 0, lastTick, PhaseKind.Bailouts);
        }
        Add(years - 1, 0, years * MonthsPerYear - 1, PhaseKind.FinalSettlement);
        return phases;
    }

    /// <summary>
    /// Whether an organisation acts in a phase. Kinds listed for a phase always act; other organisations act only when
    /// something is addressed to them (a vote to cast, a reply to count) or, in the final settlement, to take delivery.
    /// Waking only the organisations a phase concerns is where most of the engine's speed comes from.
    /// </summary>
    public static bool Acts(PhaseKind phase, OrganisationKind kind, bool hasMail) => phase switch
    {
        PhaseKind.Allocation => kind == OrganisationKind.NationalFunder,
        PhaseKind.Planning => kind is OrganisationKind.Commissioner or OrganisationKind.Council,
        PhaseKind.ContractReplies => kind is OrganisationKind.Trust or OrganisationKind.GpFederation or OrganisationKind.Council,
        PhaseKind.ContractSettlement => kind == OrganisationKind.Commissioner,
        PhaseKind.PrimaryAndSocialCare => kind is OrganisationKind.GpFederation or OrganisationKind.Council,
        PhaseKind.HospitalActivity => kind == OrganisationKind.Trust,
        PhaseKind.Payment => kind == OrganisationKind.Commissioner,
        PhaseKind.Proposals => kind == OrganisationKind.Commissioner,
        PhaseKind.Votes => hasMail && kind is OrganisationKind.Trust or OrganisationKind.GpFederation or OrganisationKind.Council,
        PhaseKind.Decisions => hasMail && kind == OrganisationKind.Commissioner,
        PhaseKind.YearClose => kind != OrganisationKind.NationalFunder,
        PhaseKind.Bailouts => kind == OrganisationKind.NationalFunder,
        PhaseKind.FinalSettlement => hasMail,
        _ => false,
    };
}
