using System.Collections;
using Akka.Actor;

namespace EconomySim.Cluster.Tests;

/// <summary>
/// Compares a message with the one that came back, member by member: records by their public properties, sequences and
/// dictionaries by their elements (whatever collection type was read back), doubles to the bit, actor references by
/// path, exceptions by message (only the message crosses nodes).
/// </summary>
public static class Structural
{
    /// <summary>Where the two first differ, or null when they do not.</summary>
    public static string? Difference(object? expected, object? actual, string path = "message")
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : $"{path}: {expected ?? "null"} against {actual ?? "null"}";
        switch (expected)
        {
            case IActorRef reference:
                return actual is IActorRef back && reference.Path.Elements.SequenceEqual(back.Path.Elements) && reference.Path.Uid == back.Path.Uid
                    ? null : $"{path}: {reference.Path} against {actual}";
            case Exception exception:
                return actual is Exception e && e.Message == exception.Message ? null : $"{path}: '{exception.Message}' against {actual}";
            case string text:
                return text.Equals(actual) ? null : $"{path}: '{text}' against '{actual}'";
            case IDictionary dictionary when actual is IDictionary other:
                if (dictionary.Count != other.Count) return $"{path}: {dictionary.Count} entries against {other.Count}";
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!other.Contains(entry.Key)) return $"{path}[{entry.Key}]: missing";
                    if (Difference(entry.Value, other[entry.Key], $"{path}[{entry.Key}]") is { } inEntry) return inEntry;
                }
                return null;
            case IEnumerable sequence when actual is IEnumerable other:
                var items = sequence.Cast<object?>().ToList();
                var backItems = other.Cast<object?>().ToList();
                if (items.Count != backItems.Count) return $"{path}: {items.Count} items against {backItems.Count}";
                for (var i = 0; i < items.Count; i++)
                    if (Difference(items[i], backItems[i], $"{path}[{i}]") is { } inItem) return inItem;
                return null;
        }
        var type = expected.GetType();
        if (type != actual.GetType()) return $"{path}: {type.Name} against {actual.GetType().Name}";
        if (expected is double d)
            return BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual) ? null : $"{path}: {d:R} against {(double)actual:R}";
        if (type.IsValueType) return expected.Equals(actual) ? null : $"{path}: {expected} against {actual}";
        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            if (property.GetIndexParameters().Length == 0 && Difference(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}") is { } inProperty)
                return inProperty;
        return null;
    }
}
