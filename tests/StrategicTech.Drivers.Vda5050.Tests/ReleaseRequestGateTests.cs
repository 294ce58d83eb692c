using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Zones;

namespace StrategicTech.Drivers.Vda5050.Tests;

/// <summary>
/// The AGV side of 3.0 zone and edge requests without a broker: a request before entering a RELEASE zone, waiting
/// until GRANTED, the request ending once the zone is left, revoke and lease expiry with STOP and CONTINUE, and a
/// corridor edge with releaseRequired.
/// </summary>
public sealed class ReleaseRequestGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private static Responses Answer(string requestId, GrantType grant, string? leaseExpiry = null) => new()
    {
        HeaderId = 0, Timestamp = "", Version = "3.0.0", Manufacturer = "", SerialNumber = "",
        Items = [new RequestResponse { RequestId = requestId, GrantType = grant, LeaseExpiry = leaseExpiry }],
    };

    [Fact]
    public void EnteringAReleaseZoneWaitsForTheGrantAndTheRequestEndsWhenTheZoneIsLeft()
    {
        var gate = new ReleaseRequestGate(new SteppedTime(T0), "agv");
        ZoneSetDefinition set = SampleZoneSets.OneReleaseZone();
        Assert.True(gate.MayMove(set, -3, 0, -2, 0)); // outside, not entering: no request
        Assert.Empty(gate.ZoneRequests());

        Assert.False(gate.MayMove(set, -1.5, 0, -0.5, 0));
        ZoneRequest r = Assert.Single(gate.ZoneRequests());
        Assert.Equal(("door", "zs-1", ZoneRequestType.Access, RequestStatus.Requested), (r.ZoneId, r.ZoneSetId, r.RequestType, r.RequestStatus));
        Assert.False(gate.MayMove(set, -1.5, 0, -0.5, 0)); // asking again raises no second request
        gate.Apply(Answer(r.RequestId, GrantType.Queued));
        Assert.False(gate.MayMove(set, -1.5, 0, -0.5, 0));
        Assert.Equal(r.RequestId, Assert.Single(gate.ZoneRequests()).RequestId);

        gate.Apply(Answer(r.RequestId, GrantType.Granted));
        Assert.Equal(RequestStatus.Granted, Assert.Single(gate.ZoneRequests()).RequestStatus);
        Assert.True(gate.MayMove(set, -1.5, 0, -0.5, 0));
        gate.Moved(set, -0.5, 0);
        Assert.True(gate.MayMove(set, -0.5, 0, 1.5, 0));
        gate.Moved(set, 1.5, 0);
        Assert.Empty(gate.ZoneRequests()); // left: the zone is free for the master to grant to another robot
        Assert.Equal(0, gate.UnknownResponses);
    }

    [Fact]
    public void ARevokedReleaseStopsTheRobotInsideAStopZoneAndItsNewRequestLetsItGoOnWhenGranted()
    {
        var gate = new ReleaseRequestGate(new SteppedTime(T0));
        ZoneSetDefinition set = SampleZoneSets.OneReleaseZone(ZoneReleaseLossBehavior.Stop);
        Assert.False(gate.MayMove(set, -2, 0, -0.5, 0));
        string first = gate.ZoneRequests()[0].RequestId;
        gate.Apply(Answer(first, GrantType.Granted));
        Assert.True(gate.MayMove(set, -2, 0, -0.5, 0));
        gate.Moved(set, -0.5, 0);

        gate.Apply(Answer(first, GrantType.Revoked));
        Assert.Equal(RequestStatus.Revoked, Assert.Single(gate.ZoneRequests()).RequestStatus);
        Assert.False(gate.MayMove(set, -0.5, 0, 0, 0));
        ZoneRequest again = Assert.Single(gate.ZoneRequests());
        Assert.NotEqual(first, again.RequestId);
        Assert.Equal(RequestStatus.Requested, again.RequestStatus);
        gate.Apply(Answer(first, GrantType.Granted)); // a late grant of the revoked request changes nothing
        Assert.False(gate.MayMove(set, -0.5, 0, 0, 0));
        gate.Apply(Answer(again.RequestId, GrantType.Granted));
        Assert.True(gate.MayMove(set, -0.5, 0, 0, 0));
        Assert.Equal(1, gate.UnknownResponses);
    }

    [Fact]
    public void AnExpiredLeaseInsideAContinueZoneLetsTheRobotDriveOutButNotBackIn()
    {
        var time = new SteppedTime(T0);
        var gate = new ReleaseRequestGate(time);
        ZoneSetDefinition set = SampleZoneSets.OneReleaseZone(ZoneReleaseLossBehavior.Continue);
        Assert.False(gate.MayMove(set, -2, 0, -0.5, 0));
        gate.Apply(Answer(gate.ZoneRequests()[0].RequestId, GrantType.Granted, Vda5050Codec.FormatTimestamp(T0.AddSeconds(5))));
        Assert.True(gate.MayMove(set, -2, 0, -0.5, 0));
        gate.Moved(set, -0.5, 0);
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(RequestStatus.Granted, gate.ZoneRequests()[0].RequestStatus);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(RequestStatus.Expired, gate.ZoneRequests()[0].RequestStatus);

        Assert.True(gate.MayMove(set, -0.5, 0, 0.5, 0)); // CONTINUE: drive on inside
        gate.Moved(set, 0.5, 0);
        Assert.True(gate.MayMove(set, 0.5, 0, 1.5, 0)); // and out
        gate.Moved(set, 1.5, 0);
        Assert.Empty(gate.ZoneRequests());
        Assert.False(gate.MayMove(set, 1.5, 0, 0.5, 0)); // back in needs a new grant
    }

    [Fact]
    public void ACorridorWithReleaseRequiredIsDrivenOnlyWhileGrantedAndItsRequestEndsWithTheEdge()
    {
        var gate = new ReleaseRequestGate(new SteppedTime(T0));
        var free = new Edge { EdgeId = "e0", SequenceId = 1, StartNodeId = "a", EndNodeId = "b", Released = true, Actions = [] };
        var guarded = new Edge
        {
            EdgeId = "e1", SequenceId = 3, StartNodeId = "b", EndNodeId = "c", Released = true, Actions = [],
            Corridor = new Corridor { LeftWidthM = 0.5, RightWidthM = 0.5, ReleaseRequired = true, ReleaseLossBehavior = ReleaseLossBehavior.Stop },
        };
        Assert.True(gate.MayTraverse(free));
        Assert.Empty(gate.EdgeRequests());
        Assert.False(gate.MayTraverse(guarded));
        EdgeRequest r = Assert.Single(gate.EdgeRequests());
        Assert.Equal(("e1", 3u, EdgeRequestType.Corridor, RequestStatus.Requested), (r.EdgeId, r.SequenceId, r.RequestType, r.RequestStatus));
        gate.Apply(Answer(r.RequestId, GrantType.Granted));
        Assert.True(gate.MayTraverse(guarded));
        gate.Apply(Answer(r.RequestId, GrantType.Revoked));
        Assert.False(gate.MayTraverse(guarded)); // STOP on the edge, and asked again
        EdgeRequest again = Assert.Single(gate.EdgeRequests());
        Assert.Equal(RequestStatus.Requested, again.RequestStatus);
        gate.Apply(Answer(again.RequestId, GrantType.Granted));
        Assert.True(gate.MayTraverse(guarded));
        gate.EdgeFinished("e1", 3);
        Assert.Empty(gate.EdgeRequests());
    }

    [Fact]
    public void TheNewestZoneSetOfAMapIsEnabledAndTheOlderOneDisabled()
    {
        var book = new ZoneSetBook();
        ZoneSetDefinition a = SampleZoneSets.OneReleaseZone();
        ZoneSetDefinition b = SampleZoneSets.OneReleaseZone();
        b.ZoneSetId = "zs-2";
        book.Store(a);
        book.Store(b);
        Assert.Equal([("zs-1", ZoneSetStatus.Disabled), ("zs-2", ZoneSetStatus.Enabled)], book.States().Select(s => (s.ZoneSetId, s.ZoneSetStatus)));
        Assert.Same(b, book.EnabledFor("hall"));
        Assert.Null(book.EnabledFor("other"));
        for (int i = 0; i < 40; i++)
        {
            ZoneSetDefinition more = SampleZoneSets.OneReleaseZone();
            more.ZoneSetId = "more-" + i;
            book.Store(more);
        }

        Assert.Equal(ZoneSetBook.Capacity, book.States().Count);
        Assert.Equal("more-39", Assert.Single(book.States(), s => s.ZoneSetStatus == ZoneSetStatus.Enabled).ZoneSetId);
    }
}
