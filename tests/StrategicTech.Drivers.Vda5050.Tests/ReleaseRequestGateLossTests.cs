using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>The AGV's zone grants when its broker connection is lost: void, so it asks again before entering; inside, the zone's release-loss behaviour.</summary>
public sealed class ReleaseRequestGateLossTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    private static Responses Answer(string requestId, GrantType grant) => new()
    {
        HeaderId = 0, Timestamp = "", Version = "3.0.0", Manufacturer = "", SerialNumber = "",
        Items = [new RequestResponse { RequestId = requestId, GrantType = grant }],
    };

    [Fact]
    public void A_grant_held_outside_the_zone_is_void_after_the_connection_is_lost_and_a_new_request_must_be_granted_to_enter()
    {
        var gate = new ReleaseRequestGate(new SteppedTime(T0), "agv");
        ZoneSetDefinition set = SampleZoneSets.OneReleaseZone();
        Assert.False(gate.MayMove(set, -1.5, 0, -0.5, 0));
        string first = gate.ZoneRequests()[0].RequestId;
        gate.Apply(Answer(first, GrantType.Granted));
        Assert.True(gate.MayMove(set, -1.5, 0, -0.5, 0));

        gate.ConnectionLost();
        Assert.Equal(RequestStatus.Revoked, Assert.Single(gate.ZoneRequests()).RequestStatus);
        Assert.False(gate.MayMove(set, -1.5, 0, -0.5, 0));
        ZoneRequest again = Assert.Single(gate.ZoneRequests());
        Assert.Equal(RequestStatus.Requested, again.RequestStatus);
        Assert.NotEqual(first, again.RequestId);
        gate.Apply(Answer(first, GrantType.Granted)); // a late answer to the old request does not let it in
        Assert.False(gate.MayMove(set, -1.5, 0, -0.5, 0));
        gate.Apply(Answer(again.RequestId, GrantType.Granted));
        Assert.True(gate.MayMove(set, -1.5, 0, -0.5, 0));
    }

    [Theory]
    [InlineData(ZoneReleaseLossBehavior.Stop, false)]
    [InlineData(ZoneReleaseLossBehavior.Continue, true)]
    [InlineData(ZoneReleaseLossBehavior.Evacuate, true)]
    public void Inside_the_zone_a_lost_connection_applies_the_zones_release_loss_behaviour(ZoneReleaseLossBehavior loss, bool drivesOn)
    {
        var gate = new ReleaseRequestGate(new SteppedTime(T0));
        ZoneSetDefinition set = SampleZoneSets.OneReleaseZone(loss);
        gate.MayMove(set, -1.5, 0, -0.5, 0);
        gate.Apply(Answer(gate.ZoneRequests()[0].RequestId, GrantType.Granted));
        Assert.True(gate.MayMove(set, -1.5, 0, -0.5, 0));
        gate.Moved(set, -0.5, 0);

        gate.ConnectionLost();
        Assert.Equal(drivesOn, gate.MayMove(set, -0.5, 0, 0.5, 0));
    }
}
