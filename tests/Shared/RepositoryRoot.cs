namespace EconomySim.Testing;

/// <summary>
/// The repository the tests and benchmarks were built from, found by walking up from the binaries to EconomySim.sln,
/// so checked-in configs are read wherever the binaries run. Linked into every test project.
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        // Benchmark binaries can be copied out of the repository, so the working folder is the second place to look.
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "EconomySim.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"EconomySim.sln not found above {AppContext.BaseDirectory}: run from inside the repository.");
    });

    public static string Directory => Found.Value;

    public static string File(string relative) => Path.Combine(Directory, relative);

    /// <summary>
    /// Where a test project leaves files for people to look at (screenshots, expected tables): its own TestResults
    /// folder, named from the assembly this file is compiled into.
    /// </summary>
    public static string TestResults
    {
        get
        {
            var project = System.Reflection.Assembly.GetExecutingAssembly().GetName().Name!;
            var dir = Path.Combine(Directory, "tests", project, "TestResults");
            System.IO.Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
