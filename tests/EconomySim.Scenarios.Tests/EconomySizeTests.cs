namespace EconomySim.Scenarios.Tests;

public class EconomySizeTests
{
    public static TheoryData<string> Files => Repository.ScenarioFileNames();

    [Theory]
    [MemberData(nameof(Files))]
    public void The_size_counts_the_organisations_the_layout_makes_at_any_scale(string file)
    {
        var scenario = ScenarioLoader.Load(Repository.Config(file));
        foreach (var scale in new[] { 1, 3 })
            Assert.Equal(EconomyGenerator.Build(scenario, scale: scale).Organisations.Count, EconomySize.Of(scenario, scale).Organisations);
    }

    [Fact]
    public void A_scale_past_what_an_int_counts_is_sized_without_overflow()
    {
        var scenario = ScenarioLoader.Load(Repository.Config("england.yaml"));
        var size = EconomySize.Of(scenario, EconomyGenerator.MaxScale);
        Assert.Equal(1 + 1_655L * EconomyGenerator.MaxScale, size.Organisations);
        Assert.True(size.EstimatedBytes > 100L << 30, $"{size.EstimatedBytes} bytes for England at scale {EconomyGenerator.MaxScale}");
    }

    [Fact]
    public void The_estimate_grows_with_each_organisation_above_what_the_process_needs_alone()
    {
        var scenario = ScenarioLoader.Load(Repository.Config("england.yaml"));
        var one = EconomySize.Of(scenario);
        var four = EconomySize.Of(scenario, 4);
        Assert.Equal(EconomySize.ProcessBytes + one.Organisations * EconomySize.BytesPerOrganisation, one.EstimatedBytes);
        Assert.Equal((four.Organisations - one.Organisations) * EconomySize.BytesPerOrganisation, four.EstimatedBytes - one.EstimatedBytes);
    }
}
