using System.Text.Json;
using System.Text.Json.Serialization;

namespace EconomySim.Domain;

// The run history: what each organisation did, as it did it. These are the events that are persisted and hashed into
// the run's digest, so every field that records a decision or a state change belongs here.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(LedgerPosted), "ledger")]
[JsonDerivedType(typeof(AllocationsMade), "allocations")]
[JsonDerivedType(typeof(BudgetPlanned), "budget")]
[JsonDerivedType(typeof(ContractOffered), "offer")]
[JsonDerivedType(typeof(ContractAnswered), "answer")]
[JsonDerivedType(typeof(ContractSettled), "contract")]
[JsonDerivedType(typeof(PoolAnswered), "pool-answer")]
[JsonDerivedType(typeof(PoolSettled), "pool")]
[JsonDerivedType(typeof(PrimaryCareDelivered), "primary-care")]
[JsonDerivedType(typeof(SocialCareDelivered), "social-care")]
[JsonDerivedType(typeof(HospitalActivityDelivered), "hospital")]
[JsonDerivedType(typeof(ProvidersPaid), "paid")]
[JsonDerivedType(typeof(ProposalMade), "proposal")]
[JsonDerivedType(typeof(VoteRecorded), "vote")]
[JsonDerivedType(typeof(ProposalDecided), "decision")]
[JsonDerivedType(typeof(YearClosed), "year-close")]
[JsonDerivedType(typeof(BailoutGranted), "bailout")]
[JsonDerivedType(typeof(PreventionInvested), "prevention-investment")]
[JsonDerivedType(typeof(OutcomeScored), "outcome-score")]
[JsonDerivedType(typeof(TransformationFundSettled), "transformation-fund")]
[JsonDerivedType(typeof(PolicyChangeTookEffect), "policy-change")]
public abstract record HistoryEvent(int Phase);

/// <summary>The money an organisation received, paid and spent in one activation, and its cash after it.</summary>
public sealed record LedgerPosted(int Phase, Money Received, Money Sent, Money ExternalIncome, Money ExternalSpending, Money Cash) : HistoryEvent(Phase);

public sealed record AllocationsMade(int Phase, int Year, Money Envelope, Money ToCommissioners, Money ToCouncils, Money PumpPrime, double LargestDistanceFromTarget) : HistoryEvent(Phase);

public sealed record BudgetPlanned(int Phase, int Year, Money Available, Money Acute, Money Community, Money MentalHealth, Money PrimaryCare, Money Prevention, Money Pooled, Money OtherServices, Money Reserve) : HistoryEvent(Phase);

public sealed record ContractOffered(int Phase, string Provider, ContractTerms Terms) : HistoryEvent(Phase);

public sealed record ContractAnswered(int Phase, string Commissioner, ContractReplyKind Reply, Money Offered, Money Asked, Money ExpectedCost) : HistoryEvent(Phase);

public sealed record ContractSettled(int Phase, string Provider, ContractReplyKind ProviderReply, ContractTerms Terms) : HistoryEvent(Phase);

public sealed record PoolAnswered(int Phase, string Commissioner, bool Accepted, Money NhsContribution, Money CouncilContribution) : HistoryEvent(Phase);

public sealed record PoolSettled(int Phase, string Council, bool Agreed, Money Transferred) : HistoryEvent(Phase);

public sealed record PrimaryCareDelivered(int Phase, int Appointments, int FailedAccess, int Referrals, int EmergencyAdmissions, int AvoidableAdmissions, int AandEAttendances, double PreventionEffect) : HistoryEvent(Phase);

public sealed record SocialCareDelivered(int Phase, int PeopleSupported, int UnmetNeed, double SupplyRatio, Money CareSpend, Money PublicHealthSpend) : HistoryEvent(Phase);

public sealed record HospitalActivityDelivered(
    int Phase, int ElectiveReferrals, int ElectiveTreated, int EmergencyAdmissions, int AandEAttendances,
    int DelayedDischargeBedDays, int BedDaysAvailable, int BedDaysUsed, int WaitingList, int WaitingOver18Weeks, Money Cost) : HistoryEvent(Phase);

public sealed record ProvidersPaid(int Phase, int Month, Money Acute, Money Community, Money MentalHealth, Money PrimaryCare, Money Prevention, Money OtherServices) : HistoryEvent(Phase);

public sealed record ProposalMade(int Phase, int ProposalId, double AcuteShift, int AffectedBodies, string? EmergencyDepartmentClosed) : HistoryEvent(Phase);

public sealed record VoteRecorded(int Phase, int ProposalId, bool InFavour, bool Veto, double Weight, bool ScrutinyReferral = false) : HistoryEvent(Phase);

/// <param name="EffectiveYear">The financial year from which an adopted proposal moves the budget.</param>
public sealed record ProposalDecided(int Phase, int ProposalId, DecisionRule Rule, bool Adopted, double WeightInFavour, double WeightAgainst, int Vetoes,
    bool Overridden = false, int ScrutinyReferrals = 0, int? EffectiveYear = null) : HistoryEvent(Phase);

public sealed record YearClosed(int Phase, int Year, Money Income, Money Cost, Money Surplus, Money Cash) : HistoryEvent(Phase);

public sealed record BailoutGranted(int Phase, string Trust, BailoutRegime Regime, Money Deficit, Money Amount) : HistoryEvent(Phase);

/// <summary>A budget holder (commissioner or capitated trust) bought extra prevention because it pays within its horizon.</summary>
public sealed record PreventionInvested(int Phase, int Year, Money Amount, double AvoidedAdmissionsPerYear, Money KeptSavingPerAdmission) : HistoryEvent(Phase);

/// <summary>Year end of an outcome-based contract: the score, the withhold released and kept, and whether the contract failed.</summary>
public sealed record OutcomeScored(int Phase, string Provider, double Score, Money Released, Money Kept, bool Failed) : HistoryEvent(Phase);

/// <summary>A quarter of transformation money: paid where the control total was met, withheld where not.</summary>
public sealed record TransformationFundSettled(int Phase, int Quarter, ControlTotalLevel Level, Money Paid, Money Withheld) : HistoryEvent(Phase);

/// <summary>A policy change of the scenario took effect at the start of this financial year.</summary>
public sealed record PolicyChangeTookEffect(int Phase, int Year, string Description) : HistoryEvent(Phase);

public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Pence);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(HistoryEvent))]
public sealed partial class HistoryJsonContext : JsonSerializerContext;
