using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;
using EconomySim.Domain;

namespace EconomySim.Cluster;

/// <summary>
/// The messages of one or more protocols, found by their markers: every concrete type in a marker's assembly that
/// carries it, in ordinal order of full names, each with its manifest (its name in kebab case, which stays put when a
/// message moves between files or namespaces). A message is added to a protocol by its record and marker alone.
/// </summary>
public sealed class MessageCatalogue
{
    private readonly Dictionary<string, Type> _byManifest = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _manifests = [];
    private readonly Dictionary<Type, object> _singletons = [];

    public MessageCatalogue(params Type[] markers)
    {
        Markers = markers;
        Messages = markers.SelectMany(m => m.Assembly.GetTypes().Where(t => m.IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
            .Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
        foreach (var type in Messages)
        {
            var manifest = ManifestOf(type);
            if (!_byManifest.TryAdd(manifest, type))
                throw new InvalidOperationException($"{type.FullName} and {_byManifest[manifest].FullName} would share the manifest '{manifest}': rename one");
            _manifests[type] = manifest;
            if (type.GetField("Instance", BindingFlags.Public | BindingFlags.Static) is { } field && field.FieldType == type)
                _singletons[type] = field.GetValue(null)!;
        }
        // Abstract message types (the Domain's EconomyMessage) are written with the manifest of their concrete kind.
        Polymorphic = markers.SelectMany(m => m.Assembly.GetTypes().Where(t => m.IsAssignableFrom(t) && t is { IsAbstract: true, IsInterface: false }))
            .Distinct().OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Type> Markers { get; }

    /// <summary>Every message type, in ordinal order of full names.</summary>
    public IReadOnlyList<Type> Messages { get; }

    public IReadOnlyList<Type> Polymorphic { get; }

    public string Manifest(Type type) =>
        _manifests.TryGetValue(type, out var manifest) ? manifest : throw new ArgumentException($"{type.FullName} is not a message of {Describe()}", nameof(type));

    public Type TypeOf(string manifest) =>
        _byManifest.TryGetValue(manifest, out var type) ? type
            : throw new SerializationException($"Unknown message '{manifest}' of {Describe()}: is every node running the same version?");

    /// <summary>A message with one instance (a public static Instance of its own type), which travels as its manifest alone.</summary>
    public object? Singleton(Type type) => _singletons.GetValueOrDefault(type);

    private string Describe() => string.Join(", ", Markers.Select(m => m.Name));

    /// <summary>PhaseStarted: phase-started.</summary>
    public static string ManifestOf(Type type)
    {
        var name = new StringBuilder();
        foreach (var c in type.Name)
        {
            if (char.IsUpper(c) && name.Length > 0) name.Append('-');
            name.Append(char.ToLowerInvariant(c));
        }
        return name.ToString();
    }
}

/// <summary>
/// Writes the messages of a catalogue as JSON, with money as whole pence, actor references by their paths (resolved on
/// the receiving node), an exception by its message, and each kind of an abstract message named. Doubles are written in
/// their shortest round-trip form, so a node reads exactly the numbers that were sent. The engine's and the cluster's
/// serializers are this one with their own catalogue and identifier.
/// </summary>
public abstract class MessageSerializer : SerializerWithStringManifest
{
    private readonly MessageCatalogue _catalogue;
    private readonly JsonSerializerOptions _options;

    protected MessageSerializer(ExtendedActorSystem system, MessageCatalogue catalogue) : base(system)
    {
        _catalogue = catalogue;
        _options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameKinds } },
            Converters = { new MoneyConverter(), new ActorRefConverter(system), new ExceptionConverter() },
        };
    }

    public override string Manifest(object o) => _catalogue.Manifest(o.GetType());

    public override byte[] ToBinary(object obj) =>
        _catalogue.Singleton(obj.GetType()) is not null ? [] : JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _options);

    public override object FromBinary(byte[] bytes, string manifest)
    {
        var type = _catalogue.TypeOf(manifest);
        return _catalogue.Singleton(type) ?? JsonSerializer.Deserialize(bytes, type, _options) ?? throw new SerializationException($"Empty {type.Name}.");
    }

    /// <summary>The HOCON (inside <c>akka { }</c>) that registers a serializer and binds each marker of its catalogue to it.</summary>
    public static string Hocon<TSerializer>(string name, MessageCatalogue catalogue) where TSerializer : MessageSerializer
    {
        static string TypeName(Type type) => $"\"{type.FullName}, {type.Assembly.GetName().Name}\"";
        var hocon = new StringBuilder($"actor.serializers.{name} = {TypeName(typeof(TSerializer))}\n");
        foreach (var marker in catalogue.Markers)
            hocon.Append($"actor.serialization-bindings {{ {TypeName(marker)} = {name} }}\n");
        return hocon.ToString();
    }

    private void NameKinds(JsonTypeInfo info)
    {
        if (!_catalogue.Polymorphic.Contains(info.Type)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "$kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var kind in _catalogue.Messages.Where(info.Type.IsAssignableFrom))
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(kind, _catalogue.Manifest(kind)));
    }

    private sealed class MoneyConverter : JsonConverter<Money>
    {
        public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());

        public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Pence);
    }

    private sealed class ActorRefConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
    {
        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            system.Provider.ResolveActorRef(reader.GetString() ?? throw new SerializationException("An actor reference without a path."));

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
    }

    /// <summary>Only the message crosses: the exception's type and stack belong to the node it was thrown on.</summary>
    private sealed class ExceptionConverter : JsonConverter<Exception>
    {
        public override Exception Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new InvalidOperationException(reader.GetString());

        public override void Write(Utf8JsonWriter writer, Exception value, JsonSerializerOptions options) => writer.WriteStringValue(value.Message);
    }
}
