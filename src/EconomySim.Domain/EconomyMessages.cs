namespace EconomySim.Domain;

// The protocol between organisations: everything one organisation can say to another. Each is an immutable record;
// the engine bundles all messages from one sender to one recipient in one phase into a single letter.

public abstract record EconomyMessage;

public enum PaymentPurpose
{
    Allocation = 0,
    SocialCareGrant = 1,
    PublicHealthGrant = 2,
    PumpPrime = 3,
    ContractPayment = 4,
    PreventionFunding = 5,
    PooledBudget = 6,
    Bailout = 7,
    DistressFunding = 8,
}

/// <summary>Money changing hands. The payer's cash falls when it is sent, the payee's rises when it is delivered.</summary>
public sealed record Payment(Money Amount, PaymentPurpose Purpose) : EconomyMessage;

/// <summary>The terms of one contract line between a commissioner and a provider for one year.</summary>
/// <param name="AnnualValue">The planned value: what a block pays, what capitation pays, the fixed part of a blended contract.</param>
/// <param name="OtherServicesValue">Services not modelled case by case (follow-ups, specialised care), paid monthly as a block under every regime.</param>
public sealed record ContractTerms(
    int Year,
    PaymentRegime Regime,
    Money AnnualValue,
    Money OtherServicesValue,
    Money ElectivePrice,
    Money EmergencyPrice,
    Money AandEPrice,
    int PlannedElective,
    int PlannedEmergency,
    int PlannedAandE,
    double VariableRate,
    double DeadBand,
    double SharedFraction)
{
    public Money PlannedTariffValue =>
        new(checked(ElectivePrice.Pence * PlannedElective + EmergencyPrice.Pence * PlannedEmergency + AandEPrice.Pence * PlannedAandE));
}

public sealed record ContractOffer(ContractTerms Terms) : EconomyMessage;

public enum ContractReplyKind
{
    Accept = 0,
    Counter = 1,
    Refuse = 2,
}

/// <param name="AskedValue">For a counter-offer, the annual value the provider asks for.</param>
public sealed record ContractReply(int Year, ContractReplyKind Kind, Money AskedValue) : EconomyMessage;

public sealed record ContractAgreed(ContractTerms Terms, ContractReplyKind ProviderReply) : EconomyMessage;

/// <summary>A commissioner proposes to pool part of its allocation with a council for social care (Better Care Fund).</summary>
/// <param name="RequiredCouncilShare">Share of its own social care budget the council must ring-fence in the pool.</param>
public sealed record PoolProposal(int Year, Money NhsContribution, double RequiredCouncilShare, bool Mandatory) : EconomyMessage;

public sealed record PoolReply(int Year, bool Accepted) : EconomyMessage;

/// <summary>What a GP federation's population sends to one acute trust in a month.</summary>
public sealed record PatientFlow(int ElectiveReferrals, int EmergencyAdmissions, int AvoidableAdmissions, int AandEAttendances) : EconomyMessage;

/// <summary>A council's care supply relative to its first-year level, for the share of its residents a trust discharges.</summary>
public sealed record DischargeCapacity(double SupplyRatio, double Weight) : EconomyMessage;

/// <summary>A trust's monthly invoice basis to its commissioner.</summary>
public sealed record ActivityReport(int Month, int ElectiveTreated, int EmergencyAdmissions, int AandEAttendances, Money Cost) : EconomyMessage;

/// <summary>A proposal to move part of the acute budget to community and primary care from next year.</summary>
/// <param name="IncomeChange">The change in this recipient's annual income if the proposal is adopted.</param>
/// <param name="ClosesEmergencyDepartment">Whether the recipient loses its emergency department under the proposal.</param>
public sealed record ReconfigurationProposal(int ProposalId, int Year, double AcuteShift, Money IncomeChange, bool ClosesEmergencyDepartment) : EconomyMessage;

/// <param name="Weight">The voter's weight under the scenario's weighting (budget in pounds or population).</param>
public sealed record VoteCast(int ProposalId, bool InFavour, bool Veto, double Weight) : EconomyMessage;

/// <summary>A provider's or commissioner's year-end result, sent to the national funder.</summary>
public sealed record YearEndReport(int Year, Money Surplus, Money Turnover) : EconomyMessage;
