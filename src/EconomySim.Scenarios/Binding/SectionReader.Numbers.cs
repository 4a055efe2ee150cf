using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>Numbers, whole and exact, with the range each key allows.</summary>
internal sealed partial class SectionReader
{
    public double Number(string key, ValueRange range) => (double)ReadNumber(key, KeyType.Number, range);

    public decimal Decimal(string key, ValueRange range) => ReadNumber(key, KeyType.Number, range);

    public int Integer(string key, ValueRange range) => (int)ReadNumber(key, KeyType.Integer, range, int.MinValue, int.MaxValue);

    public long Long(string key, ValueRange range) => (long)ReadNumber(key, KeyType.Integer, range, long.MinValue, long.MaxValue);

    /// <summary>An optional number: <paramref name="default"/> when the key is absent.</summary>
    public double Number(string key, ValueRange range, double @default)
    {
        var value = ReadNumber(key, KeyType.Number, range, required: false);
        return Has(key) ? (double)value : @default;
    }

    /// <summary>An optional exact number: <paramref name="default"/> when the key is absent.</summary>
    public decimal Decimal(string key, ValueRange range, decimal @default)
    {
        var value = ReadNumber(key, KeyType.Number, range, required: false);
        return Has(key) ? value : @default;
    }

    /// <summary>An optional whole number: <paramref name="default"/> when the key is absent.</summary>
    public int Integer(string key, ValueRange range, int @default)
    {
        var value = ReadNumber(key, KeyType.Integer, range, int.MinValue, int.MaxValue, required: false);
        return Has(key) ? (int)value : @default;
    }

    /// <summary>An optional long: <paramref name="default"/> when the key is absent.</summary>
    public long Long(string key, ValueRange range, long @default)
    {
        var value = ReadNumber(key, KeyType.Integer, range, long.MinValue, long.MaxValue, required: false);
        return Has(key) ? (long)value : @default;
    }

    private decimal ReadNumber(string key, KeyType type, ValueRange range, decimal typeMinimum = decimal.MinValue, decimal typeMaximum = decimal.MaxValue, bool required = true)
    {
        Register(key, type, required: required, range: range);
        var kind = type == KeyType.Integer ? "whole number" : "number";
        var allowed = $"must be a {kind} {range.Describe()}";
        if (Find(key, required: required, allowed) is not { } node) return 0m;
        if (node is not TreeScalar { Kind: ScalarKind.Number } s || (type == KeyType.Integer && !s.IsIntegerLiteral))
            return Wrong(key, node, $"a {kind}", allowed, 0m);
        if (s.AsDecimal() is not { } value || value < typeMinimum || value > typeMaximum)
        {
            Fail(key, $"{s.Value} is too large", allowed);
            return 0m;
        }
        if (!range.Contains(value))
        {
            Fail(key, $"{s.Value} is out of range", allowed);
            return 0m;
        }
        _numbers[key] = value;
        return value;
    }
}
