using EconomySim.Domain;
using EconomySim.Scenarios.Binding;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Experiments;

/// <summary>An expectation as written, before its metric, years, variants and parameter are checked against the experiment.</summary>
internal sealed record RawExpectation(
    string Metric, string Property, int? Year, string Per, string Lower, string Higher, string Than, string Under,
    (double Value, bool Relative)? Within, string Of, IReadOnlyList<string>? Ordered, string Order,
    (string? Name, IReadOnlyList<string>? Names) Increasing, (string? Name, IReadOnlyList<string>? Names) Decreasing,
    string Change, int? From, int? To, SectionReader Reader);

/// <summary>Reads the <c>expect:</c> list of an experiment file and checks each clause against its metrics, years and variants.</summary>
internal static class ExpectationReader
{
    public const string MoneyConserved = "money_conserved";
    private const string Variants = "a list of the file's variant names, e.g. [block, blended, pbr]";

    public static IReadOnlyList<RawExpectation> ReadRaw(SectionReader r) =>
        r.SectionList("expect", e => new RawExpectation(
            Metric: e.Text("metric", required: false, meaning: "the name of an outcome, e.g. waiting_list (see the metric catalogue in docs/MODEL.md)"),
            Property: e.Text("property", required: false, meaning: $"a property of every run: {MoneyConserved}"),
            Year: NullIfZero(e.Integer("year", Between(1948, 2100), 0)),
            Per: e.Text("per", required: false, meaning: "a denominator metric, e.g. population"),
            Lower: e.Text("lower", required: false),
            Higher: e.Text("higher", required: false),
            Than: e.Text("than", required: false, meaning: "the name of the variant compared against"),
            Under: e.Text("under", required: false, meaning: "the name of the variant the clause is about"),
            Within: e.Margin("within"),
            Of: e.Text("of", required: false, meaning: "the name of the reference variant of an equivalence"),
            Ordered: e.NameList("ordered", Variants),
            Order: e.Text("order", required: false, pattern: "^(ascending|descending)$", meaning: "ascending (the default) or descending"),
            Increasing: e.NameOrNames("increasing_with", $"a design parameter's key, or {Variants}"),
            Decreasing: e.NameOrNames("decreasing_with", $"a design parameter's key, or {Variants}"),
            Change: e.Text("change", required: false, pattern: "^(grows|falls)$", meaning: "grows or falls"),
            From: NullIfZero(e.Integer("from", Between(1948, 2100), 0)),
            To: NullIfZero(e.Integer("to", Between(1948, 2100), 0)),
            Reader: e), minimumItems: 0);

    /// <param name="parameters">The design's parameter keys, in order (empty without a design).</param>
    public static List<Expectation> Check(BindContext context, IReadOnlyList<RawExpectation> rawExpectations, IReadOnlyList<string> names, int startYear, int runYears, IReadOnlyList<string>? parameters = null)
    {
        var expectations = new List<Expectation>();
        for (var i = 0; i < rawExpectations.Count; i++)
        {
            var clause = new ClauseCheck(context, rawExpectations[i], $"expect[{i}]", names, startYear, runYears, parameters ?? []);
            if (clause.Read() is { } expectation) expectations.Add(expectation);
        }
        return expectations;
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;

    /// <summary>One clause's checks: which claim it makes, and whether everything it names exists in the experiment.</summary>
    private sealed class ClauseCheck(BindContext context, RawExpectation raw, string path, IReadOnlyList<string> names, int startYear, int runYears, IReadOnlyList<string> parameters)
    {
        private readonly SectionReader _reader = raw.Reader;
        private int Line => _reader.LocationOf(raw.Metric.Length > 0 ? "metric" : "property").Line;

        public Expectation? Read()
        {
            var claims = new List<string>();
            if (raw.Property.Length > 0) claims.Add("property");
            if (raw.Lower.Length > 0 || raw.Higher.Length > 0) claims.Add(raw.Lower.Length > 0 ? "lower" : "higher");
            if (raw.Within is not null || _reader.IsBad("within")) claims.Add("within");
            if (raw.Ordered is not null || _reader.IsBad("ordered")) claims.Add("ordered");
            if (Named(raw.Increasing) || _reader.IsBad("increasing_with")) claims.Add("increasing_with");
            if (Named(raw.Decreasing) || _reader.IsBad("decreasing_with")) claims.Add("decreasing_with");
            if (raw.Change.Length > 0 || _reader.IsBad("change")) claims.Add("change");
            if (raw.Lower.Length > 0 && raw.Higher.Length > 0)
            {
                Add(_reader.LocationOf("higher"), path, "says both `lower:` and `higher:`", "write exactly one of `lower: VARIANT` or `higher: VARIANT`, and `than: OTHER_VARIANT`");
                return null;
            }
            if (claims.Count == 0)
            {
                Add(_reader.LocationOf("metric"), path, "says neither `lower:` nor `higher:`",
                    "write exactly one of `lower: VARIANT` or `higher: VARIANT`, and `than: OTHER_VARIANT`; or one of `within:`, `ordered:`, `increasing_with:`, `decreasing_with:`, `change:`, `property:`");
                return null;
            }
            if (claims.Count > 1)
            {
                Add(_reader.LocationOf(claims[1]), path, $"combines `{claims[0]}:` and `{claims[1]}:`", "write one claim per item of the `expect:` list");
                return null;
            }
            if (claims[0] == "property") return Property();
            if (!CheckOutcome()) return null;
            var direction = raw.Lower.Length > 0 || raw.Order == "descending" || Named(raw.Decreasing) || raw.Change == "falls" ? ExpectedDirection.Lower : ExpectedDirection.Higher;
            Expectation Clause(string variant, string? than) => new(raw.Metric, raw.Year, direction, variant, than, Line) { Per = NullIfEmpty(raw.Per) };
            switch (claims[0])
            {
                case "lower" or "higher":
                    var variant = raw.Lower.Length > 0 ? raw.Lower : raw.Higher;
                    if (!Pair(claims[0], variant, "than", raw.Than, "`than: OTHER_VARIANT`")) return null;
                    return Clause(variant, raw.Than);
                case "within":
                    if (raw.Within is not { } margin || !Pair("under", raw.Under, "of", raw.Of, "`under: VARIANT`, `within: MARGIN` and `of: OTHER_VARIANT`")) return null;
                    return Clause(raw.Under, raw.Of) with { Kind = ExpectationKind.Equivalence, Margin = new Margin(margin.Value, margin.Relative) };
                case "ordered":
                    return VariantList("ordered", raw.Ordered) is { } ordered ? Clause(ordered[0], null) with { Kind = ExpectationKind.Order, Variants = ordered } : null;
                case "change":
                    return Change(Clause(raw.Under, NullIfEmpty(raw.Than)));
                default:
                    var (key, (parameter, list)) = Named(raw.Increasing) ? ("increasing_with", raw.Increasing) : ("decreasing_with", raw.Decreasing);
                    if (list is not null)
                        return VariantList(key, list) is { } trend ? Clause(trend[0], null) with { Kind = ExpectationKind.Trend, Variants = trend } : null;
                    if (parameter is null) return null;
                    if (!parameters.Contains(parameter))
                    {
                        Add(_reader.LocationOf(key), $"{path}.{key}", $"`{parameter}` is neither a design parameter nor a list of variants{SectionReader.Suggest(parameter, parameters)}",
                            parameters.Count == 0 ? $"this experiment has no design: write {Variants}" : $"design parameters in this file: {string.Join(", ", parameters)}; or {Variants}");
                        return null;
                    }
                    return Clause("", null) with { Kind = ExpectationKind.Trend, Parameter = parameter };
            }
        }

        private Expectation? Property()
        {
            if (raw.Property != MoneyConserved)
            {
                Add(_reader.LocationOf("property"), $"{path}.property", $"unknown run property `{raw.Property}`{SectionReader.Suggest(raw.Property, [MoneyConserved])}", $"allowed properties: {MoneyConserved}");
                return null;
            }
            foreach (var key in new[] { "metric", "year", "per", "than", "under", "of" })
                if (_reader.Has(key))
                {
                    Add(_reader.LocationOf(key), $"{path}.{key}", $"`{key}:` does not apply to the run property `{MoneyConserved}`", "it holds of every run of the experiment: write `- property: money_conserved` alone");
                    return null;
                }
            return new Expectation("", null, ExpectedDirection.Higher, "", null, Line) { Kind = ExpectationKind.MoneyConserved };
        }

        private bool CheckOutcome()
        {
            var ok = true;
            if (raw.Metric.Length == 0)
            {
                Add(_reader.LocationOf("metric"), path, "names no `metric:`", "add `metric: NAME`, the outcome the clause is about, e.g. waiting_list");
                return false;
            }
            foreach (var (key, metric) in new[] { ("metric", raw.Metric), ("per", raw.Per) })
                if (metric.Length > 0 && MetricCatalogue.Find(metric) is null)
                {
                    Add(_reader.LocationOf(key), $"{path}.{key}", $"unknown metric `{metric}`{SectionReader.Suggest(metric, MetricCatalogue.All.Select(m => m.Name).ToList())}",
                        $"allowed metrics: {string.Join(", ", MetricCatalogue.All.Select(m => m.Name))}");
                    ok = false;
                }
            return CheckYear("year", raw.Year, "or leave year out for the whole run") && ok;
        }

        private bool CheckYear(string key, int? year, string otherwise)
        {
            if (year is not { } y || (y >= startYear && y < startYear + runYears)) return true;
            Add(_reader.LocationOf(key), $"{path}.{key}", $"{y} is not a year of the runs",
                $"a year from {startYear} to {startYear + runYears - 1} (the base scenario's start_year and the experiment's years), {otherwise}");
            return false;
        }

        private Expectation? Change(Expectation clause)
        {
            const string shape = "`under: VARIANT`, `from: YEAR`, `to: LATER_YEAR`, `change: grows` (or falls), and optionally `than: OTHER_VARIANT`";
            if (_reader.Has("year"))
            {
                Add(_reader.LocationOf("year"), $"{path}.year", "a change is between two years, not in one", $"write {shape}");
                return null;
            }
            var ok = Known("under", raw.Under, shape) & (raw.Than.Length == 0 || Known("than", raw.Than, shape));
            if (ok && raw.Than == raw.Under) { Add(_reader.LocationOf("than"), $"{path}.than", $"compares `{raw.Than}` with itself", "name two different variants"); ok = false; }
            foreach (var key in new[] { "from", "to" })
                if (!_reader.Has(key)) { Add(_reader.LocationOf("change"), $"{path}.{key}", $"a change needs `{key}:`", $"write {shape}"); ok = false; }
            ok = CheckYear("from", raw.From, "the first year of the change") & CheckYear("to", raw.To, "the last year of the change") && ok;
            if (ok && raw.From >= raw.To)
            {
                Add(_reader.LocationOf("to"), $"{path}.to", $"{raw.To} is not after {raw.From}", "`to:` is a later year than `from:`");
                ok = false;
            }
            return ok ? clause with { Kind = ExpectationKind.Change, From = raw.From, To = raw.To } : null;
        }

        private IReadOnlyList<string>? VariantList(string key, IReadOnlyList<string>? list)
        {
            if (list is null) return null;
            if (list.Count < 2)
            {
                Add(_reader.LocationOf(key), $"{path}.{key}", $"names {list.Count} variant{(list.Count == 1 ? "" : "s")}", $"at least 2: {Variants}");
                return null;
            }
            var ok = true;
            foreach (var name in list)
                if (!names.Contains(name))
                {
                    Add(_reader.LocationOf(key), $"{path}.{key}", $"unknown variant `{name}`{SectionReader.Suggest(name, names)}", $"variants in this file: {string.Join(", ", names)}");
                    ok = false;
                }
            if (ok && list.Distinct().Count() < list.Count)
            {
                Add(_reader.LocationOf(key), $"{path}.{key}", $"names `{list.GroupBy(n => n).First(g => g.Count() > 1).Key}` twice", "name each variant once");
                ok = false;
            }
            return ok ? list : null;
        }

        private bool Pair(string key, string variant, string otherKey, string other, string shape)
        {
            var known = Known(key, variant, shape) & Known(otherKey, other, shape);
            if (known && variant == other)
                Add(_reader.LocationOf(otherKey), $"{path}.{otherKey}", $"compares `{other}` with itself", "name two different variants");
            return known && variant != other;
        }

        private bool Known(string key, string variant, string shape)
        {
            if (variant.Length == 0)
            {
                Add(_reader.LocationOf("metric"), $"{path}.{key}", $"required key `{key}:` is missing from the clause", $"write {shape}");
                return false;
            }
            if (names.Contains(variant)) return true;
            Add(_reader.LocationOf(key), $"{path}.{key}", $"unknown variant `{variant}`{SectionReader.Suggest(variant, names)}", $"variants in this file: {string.Join(", ", names)}");
            return false;
        }

        private void Add(Yaml.SourceLocation at, string key, string problem, string allowed) => context.Add(at, key, problem, allowed);

        private static bool Named((string? Name, IReadOnlyList<string>? Names) value) => value.Name is not null || value.Names is not null;

        private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
    }
}
