using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;

namespace EconomySim.Cluster.Tests;

/// <summary>
/// A sample of every message of every protocol, with awkward numbers (thirds, negatives, extremes, large pence). A
/// message with one instance (a static Instance) is its own sample; every other message needs one here, and a test
/// says which are missing.
/// </summary>
public static class ProtocolSamples
{
    public static readonly ContractTerms Terms = new(2017, PaymentRegime.Blended, new Money(123_456_789_01), new Money(-5), new Money(350_000), new Money(210_000),
        new Money(16_500), 1_234, 5_678, 9_012, 0.2, 0.02, 0.5, ElectiveVariableRate: 1.0 / 3, MarginalEmergencyRate: 0.3, CorridorCap: 0.1,
        StopLoss: 0.05, WithholdShare: 0.05, OutcomeTarget: 0.92, FailureScore: 0.4, PersonalBudgetsForCare: new Money(77));

    /// <summary>One of every kind of economy message.</summary>
    public static readonly EconomyMessage[] EveryKind =
    [
        new Payment(new Money(long.MaxValue / 3), PaymentPurpose.Bailout),
        new ContractOffer(Terms),
        new ContractReply(2017, ContractReplyKind.Counter, new Money(-42)),
        new ContractAgreed(Terms, ContractReplyKind.Accept),
        new PoolProposal(2018, new Money(9_999_999), 2.0 / 3, true),
        new PoolReply(2018, false),
        new PatientFlow(11, 22, 3, 44),
        new DischargeCapacity(0.1 + 0.2, Math.PI),
        new ActivityReport(7, 100, 200, 300, new Money(4_000_000_001), 55, 6),
        new ReconfigurationProposal(3, 2019, 0.015, new Money(-1_000_000), true),
        new VoteCast(3, false, true, 1e-9, ScrutinyReferral: true),
        new YearEndReport(2020, new Money(-17), new Money(1_000_000_000_000)),
    ];

    public static readonly Letter Letter = new(12, 345, EveryKind);

    public static readonly ActivationReport Report = new(5,
        [new SentLetter(1, new Money(100), EveryKind), new SentLetter(2, new Money(-3), EveryKind[..1]), new SentLetter(9, new Money(long.MaxValue), [])],
        new Money(1), new Money(-2), new Money(3), new Money(4), [0, 7, 88], [5, long.MinValue, -8], 12);

    /// <summary>An inbox's letters: one with every kind of message, one with one, one with none.</summary>
    public static readonly Letter[] Letters = [Letter, Letter with { Items = EveryKind[..1] }, Letter with { Items = [] }];

    public const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    public static readonly RunOutcomes Outcomes = new(
        [new YearOutcomes(2016, new SortedDictionary<Metric, long> { [Metric.WaitingList] = 3_700_000, [Metric.TrustSurplus] = -245_000_000_000 })],
        [1, -2, long.MinValue]);

    public static readonly RunSummary Summary = new("ab12", Outcomes, 919_000, 481_000, 45, 44);

    public static readonly ReplicationAssigned Assigned = new("e", "pbr", 2, 3, "e-pbr-r3-3", 5, "configs/x.yaml", "{\"main\":\"x.yaml\"}", 2);

    /// <param name="clock">An actor of the system the samples are written on, for the messages that carry a reference.</param>
    public static IReadOnlyList<object> All(IActorRef clock) =>
    [
        .. EveryKind,
        Letter,
        new PhaseStarted(44, [Letter, Letter with { Sender = 346 }]),
        new PhaseStarted(45, [], WriteHistory: true),
        new PhaseStarted(46, [Letter, Letter with { Sender = 7 }], TraceParents: [null, TraceParent]),
        new PhaseCompleted(3, Report),
        new PhaseCompleted(4, Report with { OutcomeMetrics = [], OutcomeValues = [] }, UnwrittenEvents.Writing, [TraceParent, null, null]),
        new LaneWake(47),
        new LaneAwake(47, 3, new WakeTally(1_234_567_890_123, 5)),
        new LaneCompleted(3, [new PhaseCompleted(3, Report), new PhaseCompleted(3, Report with { Letters = [] })]),
        new HistoryWriteDue(44),
        new HistoryDurable(31),
        new HistoryDigestReported(9, [0, 255, 17], 1234),
        new StartRun(),
        new RunFinished(Summary),
        new RunFailed("money was not conserved", "RX1", "2017 month 3 payment", new InvalidOperationException("breach")),
        new RunFailed("the store failed", null, null, null, StoreFault: true),
        new OrganisationStopped("RX1", "its history could not be written", new IOException("disk full")),
        new OrganisationStopped("RX1", "a model failure", new IOException("no"), StoreFault: false),
        new WorkWanted("abc", "postgres:Host=h;Password=***", 2, 17),
        new WorkerChecked("abc", "none"),
        new WorkRefused("worker 127.0.0.1:4053 writes to store none, not postgres:Host=h"),
        Assigned,
        new ReplicationDone("e-pbr-r3-3", 2, "gm", "ab12", 300, 40_000, 90_000, 1.0 / 7, 226, 226, 2016, 5, [1, -2, long.MinValue]),
        new ReplicationFailed("r", 1, "why"),
        new OrganisationPlaced("run-1", 42, 7, "gm.yaml", "{}", 3, 2, true, true, "none", clock),
        new RunEnded(Assigned, clock, new RunResult("e-pbr-r3-3", "gm", 3, 5, 300, 40_000, 90_000, "ab12", 1.0 / 3, Outcomes, 226, 226), null),
        new RunEnded(Assigned, clock, null, "its scenario could not be rebuilt"),
        new StoreReady(),
    ];

    /// <summary>The one instance of a message that has one (a static Instance of its own type), or null.</summary>
    public static object? Singleton(Type type) => EngineMessageSerializer.Catalogue.Singleton(type) ?? ClusterSerializer.Catalogue.Singleton(type);

    /// <summary>The samples and the one instance of every message that has one.</summary>
    public static IEnumerable<object> WithSingletons(IActorRef clock) =>
        All(clock).Concat(EngineMessageSerializer.Catalogue.Messages.Concat(ClusterSerializer.Catalogue.Messages).Select(Singleton).OfType<object>());
}
