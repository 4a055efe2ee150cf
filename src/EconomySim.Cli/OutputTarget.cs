namespace EconomySim.Cli;

/// <summary>
/// Checks a file or folder the user names for output before any work is done, and turns a failure to write it into one
/// line naming the option, the path and why (exit 2), rather than an internal error after the work.
/// </summary>
public static class OutputTarget
{
    /// <summary>
    /// Refuses <paramref name="file"/> unless a file can be created there: its folder exists and takes new files, it is
    /// not a folder, and it exists only if <paramref name="force"/> says it may be replaced.
    /// </summary>
    public static void CheckFile(string option, string file, bool force)
    {
        var full = FullPath(option, file);
        if (Directory.Exists(full)) throw Refused(option, file, "is a folder; name a file");
        if (File.Exists(full) && !force) throw new UsageException($"{option}: '{file}' exists; add --force to overwrite it");
        var folder = Path.GetDirectoryName(full) ?? full;
        if (File.Exists(folder)) throw Refused(option, file, $"cannot be written: '{folder}' is a file, not a folder");
        if (!Directory.Exists(folder)) throw Refused(option, file, $"cannot be written: the folder '{folder}' does not exist");
        Probe(option, file, folder);
    }

    /// <summary>
    /// Refuses <paramref name="folder"/> unless files can be written in it, or, if it does not exist yet, it can be
    /// created: its nearest existing ancestor is a folder that takes new entries. Nothing is created here.
    /// </summary>
    public static void CheckFolder(string option, string folder)
    {
        var full = FullPath(option, folder);
        if (File.Exists(full)) throw Refused(option, folder, "is a file; name a folder");
        var existing = full;
        while (!Directory.Exists(existing))
        {
            var parent = Path.GetDirectoryName(existing);
            if (parent is null) throw Refused(option, folder, "cannot be created: no part of it exists");
            if (File.Exists(parent)) throw Refused(option, folder, $"cannot be created: '{parent}' is a file, not a folder");
            existing = parent;
        }
        Probe(option, folder, existing);
    }

    /// <summary>A write error met while writing a target that passed its check (a disk filling up): still one line and exit 2.</summary>
    public static UsageException WriteFailed(string option, string path, Exception e) =>
        Refused(option, path, $"cannot be written ({Reason(e)})");

    public static bool IsWriteError(Exception e) => e is IOException or UnauthorizedAccessException or System.Security.SecurityException;

    private static string FullPath(string option, string path)
    {
        try
        {
            return Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Refused(option, path, $"is not a usable path ({e.Message})");
        }
    }

    /// <summary>
    /// Whether a new file can be made in <paramref name="folder"/>, found by making one and removing it: permissions
    /// alone do not say (a read-only mount, /proc), and the output is itself written beside its target and moved into place.
    /// </summary>
    private static void Probe(string option, string path, string folder)
    {
        var probe = Path.Combine(folder, $".economysim-{Guid.NewGuid():N}.probe");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (IsWriteError(e))
        {
            var reason = e is FileNotFoundException ? "the file system there takes no new files" : Reason(e).Replace($" : '{probe}'", "", StringComparison.Ordinal).Replace($"'{probe}'", "a new file", StringComparison.Ordinal);
            throw Refused(option, path, $"cannot be written: no file can be created in '{folder}' ({reason})");
        }
    }

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        DirectoryNotFoundException => "the folder does not exist",
        _ => e.Message,
    };

    private static UsageException Refused(string option, string path, string why) => new($"{option}: '{path}' {why}");
}
