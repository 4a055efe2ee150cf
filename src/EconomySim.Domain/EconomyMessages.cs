using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EconomySim.Domain;

// The Domain's protocol: everything one organisation can say to another, and the letter that carries it. Each is an
// immutable record; the engine bundles all messages from one sender to one recipient in one phase into a single letter.
// Every message carries IEconomyMessage, by which the serializers find it: a new message needs nothing but its record.

/// <summary>Marks the messages between organisations, so that a serializer binding names one type and covers them all.</summary>
public interface IEconomyMessage;

public abstract record EconomyMessage : IEconomyMessage;

/// <summary>
/// Everything addressed to one organisation from one sender in one phase. Letters are processed in canonical order,
/// (phase sent, sender index), never in arrival order. A letter is a value: England at scale 100 posts some 9.5 million a
/// year, and as objects (a letter and an array of its items) they were a fifth of a run's allocation.
/// </summary>
public readonly record struct Letter(int SentPhase, int Sender, LetterItems Items) : IEconomyMessage, IComparable<Letter>
{
    public int CompareTo(Letter other)
    {
        var byPhase = SentPhase.CompareTo(other.SentPhase);
        return byPhase != 0 ? byPhase : Sender.CompareTo(other.Sender);
    }
}

/// <summary>
/// The items of a letter, in the order they were written. Most letters carry one item, which is held as itself rather
/// than in an array of one.
/// </summary>
[JsonConverter(typeof(LetterItemsJsonConverter))]
[CollectionBuilder(typeof(LetterItems), nameof(Create))]
public readonly struct LetterItems : IReadOnlyList<EconomyMessage>, IEquatable<LetterItems>
{
    // null (no items), one EconomyMessage, or an EconomyMessage[] of two or more.
    private readonly object? _items;

    private LetterItems(object? items) => _items = items;

    /// <summary>A letter's items, from a list written as <c>[offer, payment]</c>, an array or the list they gathered in.</summary>
    public static LetterItems Create(ReadOnlySpan<EconomyMessage> items) => items.Length switch
    {
        0 => default,
        1 => new(items[0]),
        _ => new(items.ToArray()),
    };

    public static implicit operator LetterItems(EconomyMessage[] items) => Create(items);

    // The two are told apart by comparing the held object's type with the array's: a type test (is EconomyMessage[],
    // is EconomyMessage) goes through one of the runtime's cast helpers, 3 to 5 % of a profile of scale 100.
    // Only the constructor stores, and it stores an item or an EconomyMessage[] of its own, so the comparison is exact.
    [MemberNotNullWhen(true, nameof(_items))]
    private bool HoldsMany => _items is not null && _items.GetType() == typeof(EconomyMessage[]);

    public int Count => _items is null ? 0 : HoldsMany ? Unsafe.As<EconomyMessage[]>(_items).Length : 1;

    public EconomyMessage this[int index]
    {
        get
        {
            if (HoldsMany)
            {
                var many = Unsafe.As<EconomyMessage[]>(_items);
                if ((uint)index < (uint)many.Length) return many[index];
            }
            else if (_items is not null && index == 0) return Unsafe.As<EconomyMessage>(_items);
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the letter holds {Count} item(s)");
        }
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<EconomyMessage> IEnumerable<EconomyMessage>.GetEnumerator() => GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Equal when the same items are held in the same order (the items compared as the records they are).</summary>
    public bool Equals(LetterItems other)
    {
        if (Count != other.Count) return false;
        for (var i = 0; i < Count; i++)
            if (!Equals(this[i], other[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is LetterItems other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in this) hash.Add(item);
        return hash.ToHashCode();
    }

    public static bool operator ==(LetterItems left, LetterItems right) => left.Equals(right);

    public static bool operator !=(LetterItems left, LetterItems right) => !left.Equals(right);

    public struct Enumerator(LetterItems items) : IEnumerator<EconomyMessage>
    {
        private int _index = -1;

        public readonly EconomyMessage Current => items[_index];

        readonly object System.Collections.IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < items.Count;

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}

/// <summary>A letter's items travel as a list of messages, however they are held.</summary>
public sealed class LetterItemsJsonConverter : JsonConverter<LetterItems>
{
    public override LetterItems Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<EconomyMessage[]>(ref reader, options) is { } items ? LetterItems.Create(items) : default;

    public override void Write(Utf8JsonWriter writer, LetterItems value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToArray(), options);
}

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
    /// <summary>Sustainability and transformation money: funder to commissioner (ring-fenced), commissioner to trust when earned, unearned money back.</summary>
    TransformationFund = 9,
    /// <summary>Personal budgets spent on council-arranged care.</summary>
    PersonalBudget = 10,
    /// <summary>Money added to the settlement for NHS trusts' costs (a pandemic's): passed to trust contracts only.</summary>
    ProviderFunding = 11,
    /// <summary>Money added to the settlement for pay awards above it: passed to trust and general practice contracts.</summary>
    PayAwardFunding = 12,
}

/// <summary>Money changing hands. The payer's cash falls when it is sent, the payee's rises when it is delivered.</summary>
public sealed record Payment(Money Amount, PaymentPurpose Purpose) : EconomyMessage;

/// <summary>The terms of one contract line between a commissioner and a provider for one year.</summary>
/// <param name="AnnualValue">The planned value: what a block pays, what capitation pays, the fixed part of a blended contract.</param>
/// <param name="OtherServicesValue">Services not modelled case by case (follow-ups, specialised care), paid monthly as a block under every regime.</param>
/// <param name="VariableRate">v for urgent activity (emergency admissions, attendances) under a blended contract.</param>
/// <param name="ElectiveVariableRate">v for elective activity under a blended contract.</param>
/// <param name="MarginalEmergencyRate">r: fraction of price paid for emergency admissions above the planned baseline.</param>
/// <param name="CorridorCap">Capitation: the largest share of <paramref name="AnnualValue"/> the risk corridor moves either way.</param>
/// <param name="StopLoss">Capitation: provider losses beyond this share of <paramref name="AnnualValue"/> are covered in full.</param>
/// <param name="WithholdShare">Outcome-based: share of <paramref name="AnnualValue"/> held back until the outcome score is known.</param>
/// <param name="OutcomeTarget">Outcome-based: share of the waiting list within 18 weeks that earns the full score.</param>
/// <param name="FailureScore">Outcome-based: a score below this fails the contract.</param>
/// <param name="PersonalBudgetsForCare">Personal budgets: the part of the line's value holders spend on council-arranged care (on top of <paramref name="AnnualValue"/>, which is what they spend with the provider).</param>
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
    double SharedFraction,
    double ElectiveVariableRate = 0,
    double MarginalEmergencyRate = 1,
    double CorridorCap = 1,
    double StopLoss = 1,
    double WithholdShare = 0,
    double OutcomeTarget = 1,
    double FailureScore = 0,
    Money PersonalBudgetsForCare = default)
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
/// <param name="WaitingList">Patients on the trust's list at the month's end (outcome-based contracts are scored on it).</param>
public sealed record ActivityReport(int Month, int ElectiveTreated, int EmergencyAdmissions, int AandEAttendances, Money Cost, int WaitingList = 0, int WaitingOver18Weeks = 0) : EconomyMessage;

/// <summary>A proposal to move part of the acute budget to community and primary care from next year.</summary>
/// <param name="IncomeChange">The change in this recipient's annual income if the proposal is adopted.</param>
/// <param name="ClosesEmergencyDepartment">Whether the recipient loses its emergency department under the proposal.</param>
public sealed record ReconfigurationProposal(int ProposalId, int Year, double AcuteShift, Money IncomeChange, bool ClosesEmergencyDepartment) : EconomyMessage;

/// <param name="Weight">The voter's weight under the scenario's weighting (budget in pounds or population).</param>
/// <param name="ScrutinyReferral">A council refers the proposal to health scrutiny, which delays it if it is adopted.</param>
public sealed record VoteCast(int ProposalId, bool InFavour, bool Veto, double Weight, bool ScrutinyReferral = false) : EconomyMessage;

/// <summary>A provider's or commissioner's year-end result, sent to the national funder.</summary>
public sealed record YearEndReport(int Year, Money Surplus, Money Turnover) : EconomyMessage;
