using System.Net;

namespace EconomySim.Telemetry.Tests;

/// <summary>The addresses the telemetry listeners accept, and what a researcher is told about who can reach them.</summary>
public class ListenAddressTests
{
    [Theory]
    [InlineData("9464", "127.0.0.1", 9464)]
    [InlineData("localhost:80", "127.0.0.1", 80)]
    [InlineData("0.0.0.0:9464", "0.0.0.0", 9464)]
    [InlineData("[::1]:0", "::1", 0)]
    public void A_listen_address_without_a_host_is_loopback(string text, string address, int port)
    {
        Assert.True(ListenAddress.TryParse(text, out var endpoint, out var error), error);
        Assert.Equal(IPAddress.Parse(address), endpoint.Address);
        Assert.Equal(port, endpoint.Port);
    }

    [Theory]
    [InlineData("prometheus.example:9464")]
    [InlineData("70000")]
    [InlineData("127.0.0.1:")]
    public void A_listen_address_that_is_not_an_IP_and_port_is_refused(string text) =>
        Assert.False(ListenAddress.TryParse(text, out _, out _));

    [Fact]
    public void Only_a_named_address_beyond_loopback_is_announced_as_reachable_from_other_machines()
    {
        Assert.Equal("", TelemetrySession.Exposure(new IPEndPoint(IPAddress.Loopback, 1)));
        Assert.Contains("every network interface", TelemetrySession.Exposure(new IPEndPoint(IPAddress.Any, 1)));
        Assert.Contains("other machines", TelemetrySession.Exposure(new IPEndPoint(IPAddress.Parse("192.0.2.7"), 1)));
    }
}
