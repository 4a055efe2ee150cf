namespace EconomySim.Testing;

/// <summary>
/// A new folder under the system's temporary folder that is removed, with everything in it, when disposed: a test's
/// stores, exports and working folders go with the test instead of piling up run after run.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <param name="prefix">The start of the folder's name, so a folder left by a test that was killed says which suite made it.</param>
    public TemporaryFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>A path in the folder (not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file in the folder and returns its path.</summary>
    public string Write(string name, string text)
    {
        var file = File(name);
        System.IO.File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or a child process that has only just ended (or that a failing test left running) is still
            // writing here: failing the test for that would hide what it found.
        }
    }
}
