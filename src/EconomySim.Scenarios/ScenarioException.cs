namespace EconomySim.Scenarios;

/// <summary>
/// One thing wrong with a scenario file, located where the offending value was written (which may be a base file named
/// by <c>extends</c>). <see cref="Line"/> and <see cref="Column"/> are 1-based; both are 0 when the problem concerns the
/// whole file (not found, a directory, unreadable).
/// </summary>
public sealed partial record ScenarioError(string File, int Line, int Column, string? Key, string Problem, string Allowed)
{
    /// <summary><c>&lt;file&gt;:&lt;line&gt;:&lt;col&gt;: &lt;key.path&gt;: &lt;what is wrong&gt;; &lt;what is allowed&gt;</c>, on one line.</summary>
    /// <remarks>
    /// Bounded in length whatever the file holds: a value quoted in `backticks` shows its first
    /// <see cref="MaxQuoted"/> characters, a file name its first <see cref="MaxPath"/>, each followed by "...".
    /// </remarks>
    public override string ToString()
    {
        var file = BoundedPath(File);
        var where = Line > 0 ? $"{file}:{Line}:{Column}" : file;
        var key = Key is null ? "" : $" {Bounded(Key, 2 * MaxQuoted)}:";
        var allowed = Allowed.Length == 0 ? "" : $"; {BoundQuotes(Allowed)}";
        return $"{where}:{key} {BoundQuotes(Problem)}{allowed}";
    }

    /// <summary>How much of a long value a message quotes: enough to recognise it, little enough to keep the line readable.</summary>
    public const int MaxQuoted = 80;

    /// <summary>How much of a file name a message shows: longer than any real path to a scenario, far shorter than an argument can be.</summary>
    public const int MaxPath = 240;

    /// <summary><paramref name="text"/>, or its first <paramref name="max"/> characters and "..." if it is longer.</summary>
    public static string Bounded(string text, int max = MaxQuoted) => text.Length <= max ? text : text[..max] + "...";

    public static string BoundedPath(string path) => Bounded(path, MaxPath);

    private static string BoundQuotes(string text) =>
        text.Length <= MaxQuoted ? text : LongQuote().Replace(text, m => $"`{Bounded(m.Groups[1].Value)}`");

    [System.Text.RegularExpressions.GeneratedRegex("`([^`]{81,})`")]
    private static partial System.Text.RegularExpressions.Regex LongQuote();
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
