namespace EconomySim.Telemetry.Tests.Support;

public static class Repository
{
    public static string Root => EconomySim.Testing.RepositoryRoot.Directory;

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
}
