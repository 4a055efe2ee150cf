using System.Globalization;
using EconomySim.Designs;
using EconomySim.Scenarios.Binding;
using EconomySim.Scenarios.Yaml;
using static EconomySim.Scenarios.Binding.ValueRange;

namespace EconomySim.Scenarios.Experiments;

/// <summary>A parameter as written, before its key is checked against the scenario format.</summary>
internal sealed record RawParameter(string Key, ParameterDistribution? Distribution, double Low, double High, double Mean, double Sd,
    IReadOnlyList<double> Values, string Source, string DistributionKey, SectionReader Reader);

/// <summary>A design as written, before its size is checked against its method and parameters.</summary>
internal sealed record RawDesign(DesignMethod Method, int Samples, long? Seed, int Levels, bool SecondOrder, SectionReader Reader);

/// <summary>
/// Reads an experiment's <c>parameters:</c> and <c>design:</c> and checks them against the scenario format: each key a
/// number the policy sections hold, each range inside what the key allows, and each design a size its method can take.
/// </summary>
internal static class DesignLoader
{
    public const string ParametersKey = "parameters";
    public const string DesignKey = "design";

    /// <summary>A design larger than this is a mistake in the file rather than a study anyone could run.</summary>
    public const int MaxRuns = 1_000_000;

    private const string Distributions = "write exactly one of `uniform: [low, high]`, `log_uniform: [low, high]`, `normal: {mean: M, sd: S}`, `truncated_normal: {mean: M, sd: S, low: L, high: H}` or `values: [v1, v2, ...]`";
    private static readonly ValueRange AnyNumber = new(null, null);

    public static IReadOnlyList<RawParameter>? ReadParameters(SectionReader r) =>
        r.Has(ParametersKey) ? r.SectionList(ParametersKey, ReadParameter, minimumItems: 1) : null;

    public static RawDesign? ReadDesign(SectionReader r) => r.Has(DesignKey)
        ? r.Section(DesignKey, s => new RawDesign(
            s.Choice<DesignMethod>("method"),
            s.Integer("samples", Between(1, MaxRuns)),
            s.Has("seed") ? s.Long("seed", AtLeast(0)) : null,
            s.Integer("levels", Between(2, 100), 4),
            s.Flag("second_order", false),
            s))
        : null;

    private static RawParameter ReadParameter(SectionReader p)
    {
        var key = p.Text("key", meaning: "a numeric scenario key path, as in a variant's `set:`, e.g. `trusts.acute.cost_per_spell_gbp`");
        var uniform = p.NumberList("uniform", 2, "write `uniform: [low, high]`");
        var logUniform = p.NumberList("log_uniform", 2, "write `log_uniform: [low, high]`, both above zero");
        var hasNormal = p.Has("normal");
        var normal = p.Section("normal", s => (Mean: s.Number("mean", AnyNumber), Sd: s.Number("sd", Positive)), required: false);
        var hasTruncated = p.Has("truncated_normal");
        var truncated = p.Section("truncated_normal", s => (Mean: s.Number("mean", AnyNumber), Sd: s.Number("sd", Positive),
            Low: s.Number("low", AnyNumber), High: s.Number("high", AnyNumber), Reader: s), required: false);
        var values = p.NumberList("values", null, "write `values: [v1, v2, ...]`, at least one number");
        var source = p.Text("source", required: false);

        var written = new[] { ("uniform", p.Has("uniform")), ("log_uniform", p.Has("log_uniform")), ("normal", hasNormal), ("truncated_normal", hasTruncated), ("values", p.Has("values")) }
            .Where(d => d.Item2).Select(d => d.Item1).ToList();
        if (written.Count != 1)
        {
            p.Fail(written.Count == 0 ? "key" : written[1], written.Count == 0 ? "says no distribution" : $"says both `{written[0]}:` and `{written[1]}:`", Distributions);
            return new RawParameter(key, null, 0, 0, 0, 0, [], source, "key", p);
        }
        var which = written[0];
        switch (which)
        {
            case "uniform" when uniform is [var low, var high]:
                if (low >= high) p.Fail(which, $"the range [{Show(low)}, {Show(high)}] is empty", "write `uniform: [low, high]` with low below high");
                return new RawParameter(key, ParameterDistribution.Uniform, low, high, 0, 0, [], source, which, p);
            case "log_uniform" when logUniform is [var low, var high]:
                if (low <= 0) p.Fail(which, $"the range starts at {Show(low)}", "a log-uniform range lies above zero: write `log_uniform: [low, high]` with 0 < low < high");
                else if (low >= high) p.Fail(which, $"the range [{Show(low)}, {Show(high)}] is empty", "write `log_uniform: [low, high]` with low below high");
                return new RawParameter(key, ParameterDistribution.LogUniform, low, high, 0, 0, [], source, which, p);
            case "normal":
                return new RawParameter(key, ParameterDistribution.Normal, double.NegativeInfinity, double.PositiveInfinity, normal.Mean, normal.Sd, [], source, which, p);
            case "truncated_normal":
                if (truncated.Low >= truncated.High && !truncated.Reader.IsBad("low") && !truncated.Reader.IsBad("high"))
                    truncated.Reader.Fail("high", $"the bounds [{Show(truncated.Low)}, {Show(truncated.High)}] are empty", "write `low:` below `high:`");
                return new RawParameter(key, ParameterDistribution.TruncatedNormal, truncated.Low, truncated.High, truncated.Mean, truncated.Sd, [], source, which, p);
            case "values" when values is not null:
                return new RawParameter(key, ParameterDistribution.Values, values.Min(), values.Max(), 0, 0, values, source, which, p);
            default:
                return new RawParameter(key, null, 0, 0, 0, 0, [], source, which, p);
        }
    }

    /// <summary>
    /// The parameter space and its design points, or null (with every problem recorded) when either is missing or wrong.
    /// <paramref name="baseTree"/> is the base scenario, over which each range's ends are bound as overrides.
    /// </summary>
    public static (ParameterSpace Space, DesignRequest Design, IReadOnlyList<DesignPoint> Points)? Check(BindContext context,
        IReadOnlyList<RawParameter>? raw, RawDesign? design, SectionReader document, TreeMap baseTree, long experimentSeed, int runsPerPoint)
    {
        if (raw is null && design is null) return null;
        if (raw is null)
        {
            context.Add(design!.Reader.LocationOf("method"), DesignKey, "a design without parameters",
                "add a `parameters:` list, each item a `key:` and its range (e.g. `uniform: [0.1, 0.5]`), or remove `design:`");
            return null;
        }
        if (design is null)
        {
            context.Add(document.LocationOf(ParametersKey), ParametersKey, "parameters without a design",
                "add a `design:` section with `method:` (grid, latin_hypercube, sobol or morris) and `samples:`");
            return null;
        }
        var keys = NumericKeys();
        var parameters = new List<DesignParameter>();
        var before = context.Errors.Count;
        for (var i = 0; i < raw.Count; i++)
        {
            var p = raw[i];
            if (p.Distribution is not { } distribution || p.Reader.IsBad("key") || p.Reader.IsBad(p.DistributionKey)) continue;
            var path = $"{ParametersKey}[{i}]";
            var at = p.Reader.LocationOf("key");
            if (!keys.TryGetValue(p.Key, out var spec))
            {
                context.Add(at, $"{path}.key", NotNumeric(p.Key) + SectionReader.Suggest(p.Key, keys.Keys.ToList()),
                    $"a number in one of the sections {string.Join(", ", ScenarioBinder.PolicySections)}, as a dotted key path");
                continue;
            }
            if (parameters.Any(q => q.Key == p.Key))
            {
                context.Add(at, $"{path}.key", $"`{p.Key}` is varied twice", "give each key one parameter");
                continue;
            }
            var kind = spec.Type switch { KeyType.Integer => ParameterKind.Integer, KeyType.Money => ParameterKind.Money, _ => ParameterKind.Number };
            var parameter = new DesignParameter(p.Key, distribution, kind, p.Low, p.High, p.Mean, p.Sd, p.Values, p.Source, at.Line) { At = p.Reader.LocationOf(p.DistributionKey) };
            if (design.Method == DesignMethod.Grid && !parameter.IsBounded)
            {
                context.Add(parameter.At, $"{path}.{p.DistributionKey}", "a grid cannot span a normal distribution, which has no ends",
                    "use `truncated_normal:` with low and high, or `uniform:`, or another design method");
                continue;
            }
            var range = spec.Range ?? AnyNumber;
            var (smallest, largest) = parameter.Ends;
            var outside = new[] { smallest, largest }.Where(v => !range.Contains((decimal)v)).ToList();
            if (outside.Count > 0)
            {
                context.Add(parameter.At, $"{path}.{p.DistributionKey}",
                    $"{Show(outside[0])} is outside what `{p.Key}` allows{(distribution == ParameterDistribution.Normal ? $" (a normal parameter spans its mean ± {Show(-MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, DesignParameter.NormalTail))} sd)" : "")}",
                    $"`{p.Key}` must be a number {range.Describe()}{(distribution == ParameterDistribution.Normal ? "; a bounded key takes `truncated_normal:`" : "")}");
                continue;
            }
            // Checks across keys (shares that must add up, a floor below a ceiling) are the binder's: each end is bound as an override.
            foreach (var end in new[] { smallest, largest }.Distinct())
                if (ExperimentArms.Bind(baseTree, null, ExperimentArms.Overlay([parameter], [end]), context, path) is null) break;
            parameters.Add(parameter);
        }
        if (context.Errors.Count > before || parameters.Count < raw.Count) return null;

        var request = new DesignRequest(design.Method, parameters.Count, design.Samples, design.Seed ?? experimentSeed, design.Levels, design.SecondOrder);
        if (DesignSampler.Problem(request) is { } problem)
        {
            context.Add(design.Reader.LocationOf("samples"), $"{DesignKey}.samples", $"{DesignSampler.MethodName(design.Method)} cannot take {design.Samples} samples over {parameters.Count} parameter(s)", problem);
            return null;
        }
        var rows = DesignSampler.RowCount(request);
        if ((long)rows * runsPerPoint > MaxRuns)
        {
            context.Add(design.Reader.LocationOf("samples"), $"{DesignKey}.samples", $"the design makes {rows} points, {(long)rows * runsPerPoint} runs with the variants and replications",
                $"at most {MaxRuns} runs in one experiment: fewer samples, parameters, variants or replications");
            return null;
        }
        var space = new ParameterSpace(parameters);
        var points = DesignSampler.Sample(request).Rows.Select((row, i) => new DesignPoint(i, row, space.ValuesAt(row))).ToList();
        return (space, request, points);
    }

    private static string NotNumeric(string key)
    {
        var spec = Flatten(ScenarioBinder.Catalogue()).FirstOrDefault(s => s.Path == key);
        if (spec is null) return $"unknown key `{key}`";
        if (!ScenarioBinder.PolicySections.Contains(key.Split('.')[0])) return $"`{key}` cannot be varied: the economy's structure and the run's calendar are the same in every run";
        return $"`{key}` is not a number (it is {(spec.Type == KeyType.Section ? "a section" : spec.Choices is { } c ? $"a choice of {string.Join(", ", c)}" : "text")})";
    }

    /// <summary>Every number a policy section holds, by its dotted path.</summary>
    internal static Dictionary<string, KeySpec> NumericKeys() =>
        Flatten(ScenarioBinder.Catalogue())
            .Where(s => s.Type is KeyType.Integer or KeyType.Number or KeyType.Money && !s.Path.Contains('[', StringComparison.Ordinal)
                && ScenarioBinder.PolicySections.Contains(s.Path.Split('.')[0]))
            .ToDictionary(s => s.Path, StringComparer.Ordinal);

    private static IEnumerable<KeySpec> Flatten(IEnumerable<KeySpec> specs) => specs.SelectMany(s => new[] { s }.Concat(Flatten(s.Children)));

    internal static string Show(double value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
