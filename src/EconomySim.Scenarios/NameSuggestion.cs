namespace EconomySim.Scenarios;

/// <summary>
/// The name someone probably meant when what they wrote is not a known one: a key, a metric, a variant, a command, a
/// flag, a run, a file. One rule everywhere, so every message suggests the same way.
/// </summary>
public static class NameSuggestion
{
    /// <summary>
    /// The known name nearest <paramref name="written"/>: one it is the start of (three characters or more written),
    /// else the fewest edits away, when that is at most half as many as the characters written (and at least three); null when none
    /// is near enough to be a likely slip.
    /// </summary>
    public static string? Nearest(string written, IEnumerable<string> known)
    {
        var names = known.ToList();
        if (written.Length >= 3 && names.Where(n => n.StartsWith(written, StringComparison.OrdinalIgnoreCase)).OrderBy(n => n.Length).FirstOrDefault() is { } started)
            return started;
        string? best = null;
        var nearEnough = Math.Max(3, written.Length / 2);
        var bestDistance = int.MaxValue;
        foreach (var name in names)
        {
            // Two names are at least their difference in length apart: a name too long or too short to be near, or to
            // beat the best so far, is not compared (a mistyped path thousands of characters long against a full folder).
            var apart = Math.Abs(written.Length - name.Length);
            if (apart > nearEnough || apart >= bestDistance) continue;
            var d = EditDistance(written, name);
            if (d < bestDistance) (best, bestDistance) = (name, d);
        }
        return bestDistance <= nearEnough ? best : null;
    }

    /// <summary>" (did you mean 'x'?)", or nothing when no known name is near.</summary>
    public static string DidYouMean(string written, IEnumerable<string> known, char quote = '\'') =>
        Nearest(written, known) is { } near ? $" (did you mean {quote}{near}{quote}?)" : "";

    /// <summary>
    /// " (did you mean 'dir/name'?)" for a file that is not there when a file of a near name is beside where it was looked
    /// for (a typo, a missing extension), written as the user wrote the folder; nothing otherwise.
    /// </summary>
    public static string FileBeside(string path)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (folder is null || !Directory.Exists(folder)) return "";
            var files = Directory.EnumerateFiles(folder).Take(10_000).Select(Path.GetFileName).OfType<string>().ToList();
            // Names are compared without their extensions: files beside each other mostly share one, which would make
            // any two names look near.
            var stem = Nearest(Path.GetFileNameWithoutExtension(path), files.Select(Path.GetFileNameWithoutExtension).OfType<string>().Distinct());
            if (stem is null) return "";
            var near = files.Where(f => Path.GetFileNameWithoutExtension(f) == stem)
                .OrderBy(f => EditDistance(Path.GetFileName(path), f)).First();
            var written = Path.GetDirectoryName(path);
            return $" (did you mean '{(string.IsNullOrEmpty(written) ? near : Path.Combine(written, near))}'?)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return "";
        }
    }

    /// <summary>Levenshtein distance, ignoring case: insertions, deletions and substitutions.</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]);
                current[j] = Math.Min(previous[j - 1] + (same ? 0 : 1), Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
