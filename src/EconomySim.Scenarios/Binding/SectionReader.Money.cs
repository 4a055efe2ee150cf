using EconomySim.Domain;

namespace EconomySim.Scenarios.Binding;

/// <summary>Amounts in pounds, in whole pence.</summary>
internal sealed partial class SectionReader
{
    /// <summary>An optional amount in pounds: <paramref name="default"/> when the key is absent.</summary>
    public Money Pounds(string key, ValueRange range, Money @default)
    {
        var pounds = ReadNumber(key, KeyType.Money, range, required: false);
        if (!Has(key)) return @default;
        if (_bad.Contains(key)) return Money.Zero;
        if (decimal.Round(pounds * 100m) != pounds * 100m)
            Fail(key, $"{pounds} has fractions of a penny", "money is in pounds with at most two decimal places");
        return Money.FromPounds(pounds);
    }

    /// <summary>An amount in pounds; keys end in <c>_gbp</c> so a reader of the file knows the unit.</summary>
    public Money Pounds(string key, ValueRange range)
    {
        var pounds = ReadNumber(key, KeyType.Money, range);
        if (_bad.Contains(key) || Silent) return Money.Zero;
        if (decimal.Round(pounds * 100m) != pounds * 100m)
            Fail(key, $"{pounds} has fractions of a penny", "money is in pounds with at most two decimal places");
        return Money.FromPounds(pounds);
    }
}
