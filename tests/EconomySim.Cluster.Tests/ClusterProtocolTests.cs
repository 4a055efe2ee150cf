using Akka.Actor;
using EconomySim.Domain;
using EconomySim.Domain.Runs;
using EconomySim.Engine;

namespace EconomySim.Cluster.Tests;

/// <summary>Every message that crosses nodes goes through the configured serializers and comes back equal, numbers exact.</summary>
public sealed class ClusterProtocolTests(ProductionNode node) : IClassFixture<ProductionNode>
{
    /// <summary>The report with its arrays left out, which a record compares by reference: they are compared apart.</summary>
    private static ActivationReport Arrayless(ActivationReport report) =>
        report with { Letters = [], OutcomeMetrics = [], OutcomeValues = [] };

    private object RoundTrip(object message)
    {
        var serialization = node.System.Serialization;
        var serializer = serialization.FindSerializerFor(message);
        Assert.True(serializer is ClusterSerializer or EngineMessageSerializer, $"{message.GetType().Name} is written by {serializer.GetType().Name}");
        var bytes = serializer.ToBinary(message);
        return serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
    }

    [Fact]
    public void A_letter_carrying_every_kind_of_economy_message_comes_back_equal()
    {
        var kinds = EngineMessageSerializer.Catalogue.Messages.Where(t => t.IsSubclassOf(typeof(EconomyMessage))).Select(t => t.Name).Order();
        Assert.Equal(kinds, ProtocolSamples.EveryKind.Select(m => m.GetType().Name).Order());
        var letter = ProtocolSamples.Letter;
        var back = Assert.IsType<Letter>(RoundTrip(letter));
        Assert.Equal(letter.SentPhase, back.SentPhase);
        Assert.Equal(letter.Sender, back.Sender);
        Assert.Equal(letter.Items, back.Items);
    }

    [Fact]
    public void The_clocks_messages_come_back_equal()
    {
        var letters = ProtocolSamples.Letters;
        var started = Assert.IsType<PhaseStarted>(RoundTrip(new PhaseStarted(44, letters)));
        Assert.Equal((44, false), (started.Phase, started.WriteHistory));
        Assert.Null(Structural.Difference(letters, started.Letters));
        Assert.Null(started.TraceParents);
        var traced = Assert.IsType<PhaseStarted>(RoundTrip(new PhaseStarted(45, [], WriteHistory: true, [])));
        Assert.Equal((45, true), (traced.Phase, traced.WriteHistory));
        Assert.Empty(traced.Letters);
        var parents = Assert.IsType<PhaseStarted>(RoundTrip(new PhaseStarted(46, letters[..2], TraceParents: [null, ProtocolSamples.TraceParent]))).TraceParents;
        Assert.Equal(["none", ProtocolSamples.TraceParent], parents!.Select(p => p ?? "none"));
        Assert.Same(HistoryDigestRequested.Instance, RoundTrip(HistoryDigestRequested.Instance));

        var report = ProtocolSamples.Report;
        var completed = Assert.IsType<PhaseCompleted>(RoundTrip(new PhaseCompleted(3, report)));
        Assert.Equal(3, completed.Phase);
        Assert.Equal(report.Letters, completed.Report.Letters);
        Assert.Equal(report.OutcomeMetrics, completed.Report.OutcomeMetrics);
        Assert.Equal(report.OutcomeValues, completed.Report.OutcomeValues);
        Assert.Equal(Arrayless(report), Arrayless(completed.Report));
        var noOutcomes = Assert.IsType<PhaseCompleted>(RoundTrip(new PhaseCompleted(4, report with { OutcomeMetrics = [], OutcomeValues = [] }, UnwrittenEvents.Writing, [ProtocolSamples.TraceParent, null, null])));
        Assert.Empty(noOutcomes.Report.OutcomeMetrics);
        Assert.Empty(noOutcomes.Report.OutcomeValues);
        Assert.Equal(UnwrittenEvents.Writing, noOutcomes.Events);
        Assert.Equal([ProtocolSamples.TraceParent, "none", "none"], noOutcomes.TraceParents!.Select(p => p ?? "none"));
        Assert.Equal(UnwrittenEvents.None, completed.Events);
        Assert.Equal(UnwrittenEvents.Held, Assert.IsType<PhaseCompleted>(RoundTrip(new PhaseCompleted(5, report, UnwrittenEvents.Held))).Events);
        Assert.Equal(new HistoryWriteDue(44), RoundTrip(new HistoryWriteDue(44)));
        Assert.Equal(new HistoryDurable(31), RoundTrip(new HistoryDurable(31)));

        var digest = Assert.IsType<HistoryDigestReported>(RoundTrip(new HistoryDigestReported(9, [0, 255, 17], 1234)));
        Assert.Equal([0, 255, 17], digest.Digest);
        Assert.Equal((9, 1234L), (digest.Organisation, digest.Events));

        var stopped = Assert.IsType<OrganisationStopped>(RoundTrip(new OrganisationStopped("RX1", "its history could not be written", new IOException("disk full"))));
        Assert.Equal(("RX1", "its history could not be written", "disk full", true), (stopped.Organisation, stopped.Reason, stopped.Cause.Message, stopped.StoreFault));
        Assert.False(Assert.IsType<OrganisationStopped>(RoundTrip(new OrganisationStopped("RX1", "a model failure", new IOException("no"), StoreFault: false))).StoreFault);
    }

    [Fact]
    public void The_coordinators_and_workers_messages_come_back_equal()
    {
        Assert.Equal(new WorkWanted("abc", "postgres:Host=h;Password=***", 2, 17), RoundTrip(new WorkWanted("abc", "postgres:Host=h;Password=***", 2, 17)));
        Assert.Same(WorkAvailable.Instance, RoundTrip(WorkAvailable.Instance));
        var assigned = ProtocolSamples.Assigned;
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
        var placed = new OrganisationPlaced("run-1", 42, 7, "gm.yaml", "{}", 3, 2, true, true, "none", node.Clock);
        var back = Assert.IsType<OrganisationPlaced>(RoundTrip(placed));
        Assert.Equal(node.Clock, back.Clock);
        Assert.Equal(placed with { Clock = ActorRefs.Nobody }, back with { Clock = ActorRefs.Nobody });
        Assert.Same(OrganisationReleased.Instance, RoundTrip(OrganisationReleased.Instance));
    }
}
