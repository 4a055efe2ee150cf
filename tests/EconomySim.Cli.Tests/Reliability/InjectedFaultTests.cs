namespace EconomySim.Cli.Tests.Reliability;

/// <summary>
/// An exception thrown inside one organisation's decision (through the documented ECONOMYSIM_INJECT_FAULT switch):
/// the run stops naming the organisation, tick and phase, its history stays consistent, and it resumes once the
/// fault is removed.
/// </summary>
public sealed class InjectedFaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("economysim-fault-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Store(string name) => "sqlite:" + Path.Combine(_dir, name);

    [Fact]
    public void A_decision_that_throws_stops_the_run_naming_organisation_tick_and_phase_and_resume_completes_it_once_removed()
    {
        var store = Store("fault.db");
        // Phase 11 is the first year's third month of hospital activity (tick 2), where trusts decide admissions.
        // Written phase by phase, so the first phases are stored before the fault.
        var failed = Cli.Run([.. Faults.SmallRunWrittenEachPhase, "--store", store, "--run-id", "faulty", "--json"],
            new Dictionary<string, string> { ["ECONOMYSIM_INJECT_FAULT"] = "TRA-001@11" });
        Assert.Equal(1, failed.ExitCode);
        Faults.AssertOneClearLine(failed);
        Assert.Contains("TRA-001", failed.Stderr);
        Assert.Contains("tick 2, phase 11", failed.Stderr);
        Assert.Contains("HospitalActivity", failed.Stderr);
        Assert.Equal("", failed.Stdout);

        var listed = Assert.Single(Cli.Run("runs", "--store", store, "--json").Json.EnumerateArray());
        Assert.Equal("failed", listed.GetProperty("status").GetString());
        Assert.Contains("TRA-001", listed.GetProperty("failure").GetString());
        // What was stored up to the fault reads back whole.
        var partial = Cli.Run("show", "faulty", "--store", store, "--json");
        Assert.True(partial.ExitCode == 0, partial.Stderr);
        Assert.True(partial.Json.GetProperty("events").GetInt64() > 0);

        var resumed = Cli.Run("resume", "faulty", "--store", store, "--json");
        Assert.Equal(Faults.Digest(Cli.Run([.. Faults.SmallRun, "--store", "none", "--json"])), Faults.Digest(resumed));
        Cli.AssertStoredDigestVerified("faulty", store);
    }

    [Theory]
    [InlineData("TRA-001", "is not a fault; allowed: ORGANISATION-CODE@PHASE-INDEX")]
    [InlineData("NOBODY-9@3", "no organisation 'NOBODY-9' in this economy")]
    [InlineData("TRA-001@9999", "phase 9999 is out of range; allowed: 0 to 90")]
    public void A_malformed_fault_switch_is_bad_input_and_registers_nothing(string value, string message)
    {
        var store = Store("bad-switch.db");
        var result = Cli.Run([.. Faults.SmallRun, "--store", store, "--run-id", "never"],
            new Dictionary<string, string> { ["ECONOMYSIM_INJECT_FAULT"] = value });
        Assert.Equal(2, result.ExitCode);
        Faults.AssertOneClearLine(result);
        Assert.Contains(message, result.Stderr);
        Assert.False(File.Exists(StoreProbe.PathOf(store)), "nothing should be registered for a run that never started");
    }
}
