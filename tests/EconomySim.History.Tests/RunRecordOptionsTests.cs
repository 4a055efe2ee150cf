using EconomySim.Engine.Persistence;

namespace EconomySim.History.Tests;

public sealed class RunRecordOptionsTests
{
    private static readonly HistoryStore Store = HistoryStore.Parse("sqlite:runs/economysim.db");

    private static RunRecord Registered(string options) =>
        new("r", "s", "s.yaml", "sha", "{}", 1, 5, 2, "code", options, RunStatus.Interrupted, DateTimeOffset.UnixEpoch, "host", 1);

    [Fact]
    public void The_options_of_a_run_are_stored_as_the_registry_has_always_kept_them()
    {
        Assert.Equal("""{"years":5,"scale":2,"store":"sqlite:runs/economysim.db","history_cadence":"month"}""",
            RunRecordOptions.ForRun(5, 2, Store, HistoryCadence.Month).ToJson());
    }

    [Fact]
    public void The_options_of_a_replication_name_its_experiment_file_between_store_and_cadence()
    {
        Assert.Equal("""{"years":3,"scale":1,"store":"sqlite:runs/economysim.db","experiment_file":"configs/experiments/x.yaml","history_cadence":"phase"}""",
            new RunRecordOptions(3, 1, Store.Display, "configs/experiments/x.yaml", HistoryCadence.Phase).ToJson());
    }

    [Fact]
    public void Stored_options_read_back_as_they_were_written()
    {
        var written = new RunRecordOptions(5, 2, Store.Display, "configs/experiments/x.yaml", HistoryCadence.Phase);
        Assert.Equal(written, RunRecordOptions.Of(Registered(written.ToJson())));
    }

    [Theory]
    [InlineData("""{"years":5,"scale":2,"store":"sqlite:old.db"}""")]
    [InlineData("""{"years":5,"scale":2,"store":"sqlite:old.db","history_cadence":"fortnight"}""")]
    public void Options_stored_before_the_cadence_was_kept_or_naming_an_unknown_one_read_the_default_cadence(string stored)
    {
        Assert.Equal(new RunRecordOptions(5, 2, "sqlite:old.db", null, HistoryCadence.Year), RunRecordOptions.Of(Registered(stored)));
    }

    [Fact]
    public void Options_that_are_not_json_read_as_the_records_years_and_scale_with_defaults()
    {
        Assert.Equal(new RunRecordOptions(5, 2, "", null, HistoryCadence.Year), RunRecordOptions.Of(Registered("not json")));
    }
}
