namespace EconomySim.Telemetry.Tests.Support;

public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relative) => Path.Combine(Root, relative);

    /// <summary>Where tests leave files for people to look at (screenshots), beside the test results.</summary>
    public static string ArtifactDirectory
    {
        get
        {
            var dir = Path.Combine(Root, "tests", "EconomySim.Telemetry.Tests", "TestResults");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "EconomySim.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("EconomySim.sln not found above the test binaries.");
    }
}
