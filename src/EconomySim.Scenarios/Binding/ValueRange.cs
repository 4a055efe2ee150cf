using System.Globalization;

namespace EconomySim.Scenarios.Binding;

/// <summary>The allowed interval of a number, inclusive unless <see cref="ExclusiveMinimum"/>; also written into error messages and checked against the JSON Schema.</summary>
internal readonly record struct ValueRange(decimal? Minimum, decimal? Maximum, bool ExclusiveMinimum = false)
{
    /// <summary>Shares, probabilities and rates of change that cannot exceed the whole.</summary>
    public static readonly ValueRange Fraction = new(0m, 1m);

    /// <summary>Prices and unit costs: zero would make every ratio in the model meaningless.</summary>
    public static readonly ValueRange Positive = new(0m, null, ExclusiveMinimum: true);

    public static ValueRange Between(decimal minimum, decimal maximum) => new(minimum, maximum);
    public static ValueRange AtLeast(decimal minimum) => new(minimum, null);
    public static ValueRange AboveZeroUpTo(decimal maximum) => new(0m, maximum, ExclusiveMinimum: true);

    public bool Contains(decimal value) =>
        (Minimum is not { } min || (ExclusiveMinimum ? value > min : value >= min)) &&
        (Maximum is not { } max || value <= max);

    public string Describe()
    {
        static string F(decimal d) => d.ToString("0.############", CultureInfo.InvariantCulture);
        return (Minimum, Maximum, ExclusiveMinimum) switch
        {
            ({ } min, { } max, false) => $"between {F(min)} and {F(max)}",
            ({ } min, { } max, true) => $"greater than {F(min)} and at most {F(max)}",
            ({ } min, null, false) => $"at least {F(min)}",
            ({ } min, null, true) => $"greater than {F(min)}",
            (null, { } max, _) => $"at most {F(max)}",
            _ => "any number",
        };
    }
}
