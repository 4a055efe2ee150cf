using Akka.Actor;
using Akka.Configuration;
using EconomySim.Cluster;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;

namespace EconomySim.Cli.Tests;

/// <summary>Every message that crosses nodes goes through the configured serializers and comes back equal, numbers exact.</summary>
public sealed class ClusterProtocolTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("protocol", ConfigurationFactory.ParseString($"akka {{ {ClusterHosting.SerializationHocon} }}"));

    public void Dispose() => _system.Dispose();

    private object RoundTrip(object message)
    {
        var serializer = _system.Serialization.FindSerializerFor(message);
        Assert.True(serializer is ClusterSerializer or EngineMessageSerializer, $"{message.GetType().Name} is written by {serializer.GetType().Name}");
        var bytes = serializer.ToBinary(message);
        return _system.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    private static readonly ContractTerms Terms = new(2017, PaymentRegime.Blended, new Money(123_456_789_01), new Money(-5), new Money(350_000), new Money(210_000),
        new Money(16_500), 1_234, 5_678, 9_012, 0.2, 0.02, 0.5, ElectiveVariableRate: 1.0 / 3, MarginalEmergencyRate: 0.3, CorridorCap: 0.1,
        StopLoss: 0.05, WithholdShare: 0.05, OutcomeTarget: 0.92, FailureScore: 0.4, PersonalBudgetsForCare: new Money(77));

    /// <summary>One of every kind of economy message, with awkward numbers (thirds, negatives, large pence).</summary>
    private static readonly EconomyMessage[] EveryKind =
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

    [Fact]
    public void A_letter_carrying_every_kind_of_economy_message_comes_back_equal()
    {
        Assert.Equal(EngineMessageSerializer.EconomyMessageKinds.Select(k => k.Name).Order(), EveryKind.Select(m => m.GetType().Name).Order());
        var letter = new Letter(12, 345, EveryKind);
        var back = Assert.IsType<Letter>(RoundTrip(letter));
        Assert.Equal(letter.SentPhase, back.SentPhase);
        Assert.Equal(letter.Sender, back.Sender);
        Assert.Equal(letter.Items, back.Items);
    }

    /// <summary>
    /// Records of the engine that never leave the process running the clock: what the command and the clock say to each
    /// other, what the clock gives its own children, and options. Every other engine record can cross nodes.
    /// </summary>
    private static readonly string[] LocalOnly =
        [nameof(StartRun), nameof(RunFinished), nameof(RunFailed), nameof(RunProgress), nameof(DirectoryAssigned), nameof(TracedLetter),
         nameof(RunIdentity), nameof(RunOptions), nameof(RunResult), nameof(ObservedRun), nameof(EngineOptions), nameof(InjectedFault)];

    [Fact]
    public void Every_engine_message_that_can_cross_nodes_has_the_engine_serializer()
    {
        var records = typeof(PhaseStarted).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "EconomySim.Engine" && t.GetMethod("<Clone>$") is not null && !LocalOnly.Contains(t.Name)).ToList();
        Assert.NotEmpty(records);
        foreach (var type in records)
            Assert.True(_system.Serialization.FindSerializerForType(type) is EngineMessageSerializer, $"{type.Name} crosses nodes but has no serializer of its own");
    }

    [Fact]
    public void The_clocks_messages_come_back_equal()
    {
        Assert.Equal(new PhaseStarted(44, 7), RoundTrip(new PhaseStarted(44, 7)));
        Assert.Equal(new PhaseStarted(45, 0, WriteHistory: true), RoundTrip(new PhaseStarted(45, 0, WriteHistory: true)));
        Assert.Same(HistoryDigestRequested.Instance, RoundTrip(HistoryDigestRequested.Instance));

        var report = new ActivationReport(5, [1, 2, 9], [100, -3, long.MaxValue], new Money(1), new Money(-2), new Money(3), new Money(4), [0, 7, -8], 12);
        var completed = Assert.IsType<PhaseCompleted>(RoundTrip(new PhaseCompleted(3, report)));
        Assert.Equal(3, completed.Phase);
        Assert.Equal(report.Recipients, completed.Report.Recipients);
        Assert.Equal(report.PenceToRecipients, completed.Report.PenceToRecipients);
        Assert.Equal(report.Outcomes, completed.Report.Outcomes);
        Assert.Equal(report with { Recipients = [], PenceToRecipients = [], Outcomes = null }, completed.Report with { Recipients = [], PenceToRecipients = [], Outcomes = null });
        var noOutcomes = Assert.IsType<PhaseCompleted>(RoundTrip(new PhaseCompleted(4, report with { Outcomes = null }, UnwrittenEvents.Writing)));
        Assert.Null(noOutcomes.Report.Outcomes);
        Assert.Equal(UnwrittenEvents.Writing, noOutcomes.Events);
        Assert.Equal(UnwrittenEvents.None, completed.Events);
        Assert.Equal(UnwrittenEvents.Held, Assert.IsType<PhaseCompleted>(RoundTrip(new PhaseCompleted(5, report, UnwrittenEvents.Held))).Events);
        Assert.Equal(new HistoryWriteDue(44), RoundTrip(new HistoryWriteDue(44)));
        Assert.Equal(new HistoryDurable(31), RoundTrip(new HistoryDurable(31)));

        var digest = Assert.IsType<HistoryDigestReported>(RoundTrip(new HistoryDigestReported(9, [0, 255, 17], 1234)));
        Assert.Equal([0, 255, 17], digest.Digest);
        Assert.Equal((9, 1234L), (digest.Organisation, digest.Events));

        var stopped = Assert.IsType<OrganisationStopped>(RoundTrip(new OrganisationStopped("RX1", "its history could not be written", new IOException("disk full"))));
        Assert.Equal(("RX1", "its history could not be written", "disk full"), (stopped.Organisation, stopped.Reason, stopped.Cause.Message));
    }

    [Fact]
    public void The_coordinators_and_workers_messages_come_back_equal()
    {
        Assert.Equal(new WorkWanted("abc", "postgres:Host=h;Password=***", 2, 17), RoundTrip(new WorkWanted("abc", "postgres:Host=h;Password=***", 2, 17)));
        Assert.Same(WorkAvailable.Instance, RoundTrip(WorkAvailable.Instance));
        var assigned = new ReplicationAssigned("e", "pbr", 2, 3, "e-pbr-r3-3", 5, "configs/x.yaml", "{\"main\":\"x.yaml\"}", 2);
        Assert.Equal(assigned, RoundTrip(assigned));
        var done = new ReplicationDone("e-pbr-r3-3", 2, "gm", "ab12", 300, 40_000, 90_000, 1.0 / 7, 226, 226, 2016, 5, [1, -2, long.MinValue]);
        var back = Assert.IsType<ReplicationDone>(RoundTrip(done));
        Assert.Equal(done.Ticks, back.Ticks);
        Assert.Equal(done with { Ticks = [] }, back with { Ticks = [] });
        Assert.Equal(new ReplicationFailed("r", 1, "why"), RoundTrip(new ReplicationFailed("r", 1, "why")));
    }

    [Fact]
    public void A_placement_comes_back_with_its_clock_resolved()
    {
        var clock = _system.ActorOf(Props.Empty, "clock");
        var placed = new OrganisationPlaced("run-1", 42, 7, "gm.yaml", "{}", 3, 2, true, true, "none", clock);
        var back = Assert.IsType<OrganisationPlaced>(RoundTrip(placed));
        Assert.Equal(clock, back.Clock);
        Assert.Equal(placed with { Clock = ActorRefs.Nobody }, back with { Clock = ActorRefs.Nobody });
        Assert.Same(OrganisationReleased.Instance, RoundTrip(OrganisationReleased.Instance));
    }
}
