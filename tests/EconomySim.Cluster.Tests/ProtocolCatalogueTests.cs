using EconomySim.Domain;
using EconomySim.Engine;

namespace EconomySim.Cluster.Tests;

/// <summary>
/// The protocols are found by their markers: every message of every layer has a serializer on a node configured as in
/// production, a manifest of its own, and comes back from its serializer as it was sent.
/// </summary>
public sealed class ProtocolCatalogueTests(ProductionNode node) : IClassFixture<ProductionNode>
{
    public static TheoryData<string> Protocols => [nameof(IEconomyMessage), nameof(IEngineMessage), nameof(IClusterMessage)];

    private static readonly (Type Marker, Type Serializer, MessageCatalogue Catalogue)[] Bindings =
    [
        (typeof(IEconomyMessage), typeof(EngineMessageSerializer), EngineMessageSerializer.Catalogue),
        (typeof(IEngineMessage), typeof(EngineMessageSerializer), EngineMessageSerializer.Catalogue),
        (typeof(IClusterMessage), typeof(ClusterSerializer), ClusterSerializer.Catalogue),
    ];

    /// <summary>The cluster's assembly and every assembly of the project it references: wherever a message could be declared.</summary>
    private static readonly System.Reflection.Assembly[] Project =
    [
        typeof(ClusterSerializer).Assembly,
        .. typeof(ClusterSerializer).Assembly.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("EconomySim.", StringComparison.Ordinal))
            .Select(System.Reflection.Assembly.Load),
    ];

    private static IEnumerable<Type> Carrying(Type marker) =>
        Project.SelectMany(a => a.GetTypes()).Where(t => marker.IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Every_message_of_a_protocol_is_in_its_serializers_catalogue(string protocol)
    {
        var (marker, _, catalogue) = Bindings.Single(b => b.Marker.Name == protocol);
        var messages = Carrying(marker).ToList();
        Assert.NotEmpty(messages);
        Assert.Contains(Project, a => a.GetName().Name == "EconomySim.History");
        Assert.All(messages, type => Assert.Contains(type, catalogue.Messages));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Every_message_of_a_protocol_binds_to_its_serializer_on_a_production_node(string protocol)
    {
        var (marker, serializer, _) = Bindings.Single(b => b.Marker.Name == protocol);
        Assert.IsType(serializer, node.System.Serialization.FindSerializerForType(marker));
        foreach (var type in Carrying(marker))
            Assert.True(node.System.Serialization.FindSerializerForType(type).GetType() == serializer,
                $"{type.Name} is written by {node.System.Serialization.FindSerializerForType(type).GetType().Name}, not {serializer.Name}");
    }

    [Fact]
    public void Every_message_has_a_sample()
    {
        var sampled = ProtocolSamples.All(node.Clock).Select(m => m.GetType()).ToHashSet();
        var missing = Bindings.SelectMany(b => b.Catalogue.Messages).Distinct().Where(t => !sampled.Contains(t) && ProtocolSamples.Singleton(t) is null).Select(t => t.FullName);
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_message_comes_back_from_its_serializer_as_it_was_sent()
    {
        var serialization = node.System.Serialization;
        foreach (var message in ProtocolSamples.WithSingletons(node.Clock))
        {
            var serializer = serialization.FindSerializerFor(message);
            var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
            var back = serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
            Assert.True(Structural.Difference(message, back) is null, $"{message.GetType().Name} came back changed: {Structural.Difference(message, back)}");
            if (ProtocolSamples.Singleton(message.GetType()) is { } instance) Assert.Same(instance, back);
        }
    }

    [Fact]
    public void Manifests_are_unique_across_serializers_and_the_catalogues_are_in_ordinal_order_of_full_names()
    {
        var catalogues = new[] { EngineMessageSerializer.Catalogue, ClusterSerializer.Catalogue };
        var manifests = catalogues.SelectMany(c => c.Messages.Select(c.Manifest)).ToList();
        Assert.Equal(manifests.Count, manifests.Distinct(StringComparer.Ordinal).Count());
        foreach (var catalogue in catalogues)
            Assert.Equal(catalogue.Messages.Select(t => t.FullName).Order(StringComparer.Ordinal), catalogue.Messages.Select(t => t.FullName));
        Assert.Equal("phase-started", EngineMessageSerializer.Catalogue.Manifest(typeof(PhaseStarted)));
    }

    [Fact]
    public void The_comparison_of_what_came_back_sees_a_changed_member()
    {
        Assert.Null(Structural.Difference(new PhaseStarted(1, [ProtocolSamples.Letter]), new PhaseStarted(1, [ProtocolSamples.Letter])));
        Assert.NotNull(Structural.Difference(new PhaseStarted(1, [ProtocolSamples.Letter]), new PhaseStarted(1, [ProtocolSamples.Letter with { Sender = 3 }])));
        Assert.NotNull(Structural.Difference(new PhaseStarted(1, []), new PhaseStarted(1, [], TraceParents: [])));
        Assert.NotNull(Structural.Difference(ProtocolSamples.Letter, ProtocolSamples.Letter with { Items = ProtocolSamples.EveryKind[1..] }));
        Assert.NotNull(Structural.Difference(new DischargeCapacity(0.1 + 0.2, 1), new DischargeCapacity(0.3, 1)));
    }

    /// <summary>
    /// Records of the engine and the cluster that no actor receives: results, options, values inside messages, and the
    /// native engine's request and answer (JSON between two processes). Every other record is a message and must carry
    /// its layer's marker, or it would cross nodes by Akka's default serializer.
    /// </summary>
    private static readonly string[] NotMessages =
        [nameof(RunProgress), nameof(RunIdentity), nameof(RunOptions), nameof(RunResult), nameof(ObservedRun), nameof(EngineOptions), nameof(InjectedFault),
         nameof(NativeRunRequest), nameof(NativeRunReply), nameof(WorkerNews), nameof(NodeAddress), nameof(ClusterNodeOptions)];

    [Fact]
    public void Every_record_of_the_engine_and_the_cluster_but_results_and_options_carries_its_layers_marker()
    {
        var unmarked = new[] { (typeof(IEngineMessage), "EconomySim.Engine"), (typeof(IClusterMessage), "EconomySim.Cluster") }
            .SelectMany(layer => layer.Item1.Assembly.GetTypes()
                .Where(t => t.Namespace == layer.Item2 && t.GetMethod("<Clone>$") is not null && !NotMessages.Contains(t.Name) && !layer.Item1.IsAssignableFrom(t)))
            .Select(t => t.FullName).ToList();
        Assert.Empty(unmarked);
    }
}
