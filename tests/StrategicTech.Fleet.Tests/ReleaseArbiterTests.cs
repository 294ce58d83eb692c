using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Zones;

namespace StrategicTech.Fleet.Tests;

/// <summary>The master's grants for 3.0 zone and edge requests, state by state, without a broker.</summary>
public sealed class ReleaseArbiterTests
{
    private static State StateOf(string serial, params (string Id, string Zone, RequestStatus Status)[] zoneRequests) => new()
    {
        HeaderId = 0, Timestamp = "", Version = "3.0.0", Manufacturer = "M", SerialNumber = serial,
        OrderId = "", OrderUpdateId = 0, LastNodeId = "", LastNodeSequenceId = 0, Driving = false, OperatingMode = OperatingMode.Automatic,
        NodeStates = [], EdgeStates = [], ActionStates = [], Errors = [],
        BatteryState = new BatteryState { BatteryChargePercent = 80, Charging = false },
        SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
        ZoneRequests = [.. zoneRequests.Select(z => new ZoneRequest { RequestId = z.Id, RequestType = ZoneRequestType.Access, ZoneId = z.Zone, ZoneSetId = "zs", RequestStatus = z.Status })],
    };

    private static (string Serial, string Id, GrantType Grant)[] Of(List<ReleaseGrant> answers) =>
        [.. answers.Select(a => (a.SerialNumber, a.Response.RequestId, a.Response.GrantType))];

    [Fact]
    public void A_capacity_one_zone_is_granted_to_the_first_asker_and_queues_the_others_in_order()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        Assert.Equal([("A", "a1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)))));
        Assert.Equal([("B", "b1", GrantType.Queued)], Of(arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)))));
        Assert.Equal([("C", "c1", GrantType.Queued)], Of(arbiter.OnState(StateOf("C", ("c1", "door", RequestStatus.Requested)))));
        Assert.Empty(arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)))); // still waiting: no repeat
        Assert.Empty(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Granted))));
        Assert.Equal([("B", "b1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A")))); // A left: B, first in the queue
        Assert.Equal(["M/B"], arbiter.HoldersOf(ReleaseArbiter.ZoneKey("zs", "door")));
        Assert.Empty(arbiter.OnState(StateOf("C"))); // C gave up while queued: nothing to answer
        Assert.Equal([("A", "a2", GrantType.Queued)], Of(arbiter.OnState(StateOf("A", ("a2", "door", RequestStatus.Requested)))));
    }

    [Fact]
    public void A_zone_of_capacity_two_admits_two_robots_at_once()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System, capacityOf: key => key == ReleaseArbiter.ZoneKey("zs", "hall") ? 2 : 1);
        Assert.Equal(GrantType.Granted, Of(arbiter.OnState(StateOf("A", ("a1", "hall", RequestStatus.Requested))))[0].Grant);
        Assert.Equal(GrantType.Granted, Of(arbiter.OnState(StateOf("B", ("b1", "hall", RequestStatus.Requested))))[0].Grant);
        Assert.Equal(GrantType.Queued, Of(arbiter.OnState(StateOf("C", ("c1", "hall", RequestStatus.Requested))))[0].Grant);
        Assert.Equal(GrantType.Granted, Of(arbiter.OnState(StateOf("D", ("d1", "door", RequestStatus.Requested))))[0].Grant); // another zone
    }

    [Fact]
    public void A_grant_the_robot_never_saw_is_sent_again_after_twenty_states_still_showing_the_request()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        for (int i = 1; i < 20; i++)
        {
            Assert.Empty(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested))));
        }

        Assert.Equal([("A", "a1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)))));
    }

    [Fact]
    public void An_emergency_stop_revokes_holders_keeps_their_room_and_resume_gives_it_back_before_the_queue()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)));
        Assert.Equal([("A", "a1", GrantType.Revoked)], Of(arbiter.RevokeAll()));
        Assert.Empty(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Revoked))));
        Assert.Equal([("A", "a2", GrantType.Queued)], Of(arbiter.OnState(StateOf("A", ("a2", "door", RequestStatus.Requested)))));
        Assert.Empty(arbiter.OnState(StateOf("A", ("a2", "door", RequestStatus.Requested))));
        Assert.Equal(["M/A"], arbiter.HoldersOf(ReleaseArbiter.ZoneKey("zs", "door"))); // A may be inside: the room stays A's
        Assert.Equal([("A", "a2", GrantType.Granted)], Of(arbiter.Resume()));
        Assert.Equal([("B", "b1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A"))));
    }

    [Fact]
    public void Stopping_one_robot_leaves_the_others_grants_alone()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        arbiter.OnState(StateOf("B", ("b1", "gate", RequestStatus.Requested)));
        Assert.Equal([("B", "b1", GrantType.Revoked)], Of(arbiter.RevokeAll("M", "B")));
        Assert.Equal([("C", "c1", GrantType.Queued)], Of(arbiter.OnState(StateOf("C", ("c1", "door", RequestStatus.Requested)))));
        Assert.Equal([("C", "c1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A"))));
    }

    [Fact]
    public void A_stop_the_robot_reports_and_one_the_master_gives_are_lifted_apart()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        Assert.Equal([("A", "a1", GrantType.Revoked)], Of(arbiter.RevokeAll(null, "A")));
        Assert.Empty(arbiter.RevokeAll("M", "A", reportedByRobot: true)); // nothing left to revoke
        arbiter.OnState(StateOf("A", ("a2", "door", RequestStatus.Requested)));
        Assert.Empty(arbiter.Resume("M", "A", reportedByRobot: true)); // the master's stop still holds
        Assert.Equal([("A", "a2", GrantType.Granted)], Of(arbiter.Resume(null, "A")));
    }

    [Fact]
    public void A_grant_from_an_earlier_master_run_is_adopted_so_nobody_else_enters_meanwhile()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        Assert.Empty(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Granted))));
        Assert.Equal([("B", "b1", GrantType.Queued)], Of(arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)))));
    }

    [Fact]
    public void A_lease_is_sent_with_every_grant_and_corridor_edges_are_arbitrated_like_zones()
    {
        var arbiter = new ReleaseArbiter(new FixedTime(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero)), lease: TimeSpan.FromSeconds(30));
        State a = StateOf("A");
        a.EdgeRequests = [new EdgeRequest { RequestId = "e-a", RequestType = EdgeRequestType.Corridor, EdgeId = "e7", SequenceId = 3, RequestStatus = RequestStatus.Requested }];
        ReleaseGrant grant = Assert.Single(arbiter.OnState(a));
        Assert.Equal((GrantType.Granted, "2026-12-06T10:00:30.000Z"), (grant.Response.GrantType, grant.Response.LeaseExpiry));
        State b = StateOf("B");
        b.EdgeRequests = [new EdgeRequest { RequestId = "e-b", RequestType = EdgeRequestType.Corridor, EdgeId = "e7", SequenceId = 9, RequestStatus = RequestStatus.Requested }];
        Assert.Equal([("B", "e-b", GrantType.Queued)], Of(arbiter.OnState(b)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
