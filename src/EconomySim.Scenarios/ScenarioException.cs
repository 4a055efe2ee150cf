namespace EconomySim.Scenarios;

/// <summary>
/// One thing wrong with a scenario file, located where the offending value was written (which may be a base file named
/// by <c>extends</c>). <see cref="Line"/> and <see cref="Column"/> are 1-based; both are 0 when the problem concerns the
/// whole file (not found, a directory, unreadable).
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string? Key, string Problem, string Allowed)
{
    /// <summary><c>&lt;file&gt;:&lt;line&gt;:&lt;col&gt;: &lt;key.path&gt;: &lt;what is wrong&gt;; &lt;what is allowed&gt;</c>, on one line.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var key = Key is null ? "" : $" {Key}:";
        var allowed = Allowed.Length == 0 ? "" : $"; {Allowed}";
        return $"{where}:{key} {Problem}{allowed}";
    }
}

/// <summary>
/// The only exception <see cref="ScenarioLoader"/> throws for bad input. Its message is the first error in file order;
/// <see cref="Errors"/> holds every error found, so a command-line tool can print them all in one go.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(First(errors).ToString())
    {
        Errors = errors;
        var first = errors[0];
        File = first.File;
        Line = first.Line;
        Column = first.Column;
        Key = first.Key;
    }

    public ScenarioException(ScenarioError error) : this([error]) { }

    public string File { get; }
    public int Line { get; }
    public int Column { get; }
    public string? Key { get; }
    public IReadOnlyList<ScenarioError> Errors { get; }

    private static ScenarioError First(IReadOnlyList<ScenarioError> errors) =>
        errors.Count > 0 ? errors[0] : throw new ArgumentException("A scenario exception needs at least one error.", nameof(errors));
}
