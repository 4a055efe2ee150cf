namespace EconomySim.Scenarios.Binding;

internal enum KeyType { Section, SectionList, Integer, Number, Money, Text, Choice, TextList }

/// <summary>What one key accepts: recorded by running the binder over no document, and compared with the JSON Schema by the tests.</summary>
internal sealed record KeySpec(
    string Path, string Key, KeyType Type, bool Required, ValueRange? Range,
    IReadOnlyList<string>? Choices, IReadOnlyList<KeySpec> Children, string? Pattern = null);
