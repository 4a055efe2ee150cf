using EconomySim.Scenarios.Yaml;

namespace EconomySim.Scenarios.Binding;

/// <summary>Collects every error of one load so that they can be reported together, in file order.</summary>
internal sealed class BindContext
{
    public List<ScenarioError> Errors { get; } = [];

    public void Add(SourceLocation at, string? key, string problem, string allowed) =>
        Errors.Add(new ScenarioError(at.File, at.Line, at.Column, key, problem, allowed));
}
