using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Zones;

namespace StrategicTech.Fleet.Tests;

/// <summary>The master's grants when a robot's connection breaks, it falls silent, or it comes back; state by state, without a broker.</summary>
public sealed class ReleaseArbiterLossTests
{
    private static readonly string Door = ReleaseArbiter.ZoneKey("zs", "door");

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
    public void A_holder_whose_connection_breaks_is_revoked_and_its_zone_goes_to_the_next_in_the_queue_at_once()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        Assert.Equal([("B", "b1", GrantType.Queued)], Of(arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)))));
        Assert.Equal([("A", "a1", GrantType.Revoked), ("B", "b1", GrantType.Granted)], Of(arbiter.OnConnectionLost("M", "A")));
        Assert.Equal(["M/B"], arbiter.HoldersOf(Door));
        Assert.True(arbiter.IsLost("M", "A"));
        Assert.Empty(arbiter.OnConnectionLost("M", "A")); // a second will message changes nothing
    }

    [Fact]
    public void A_robot_back_from_a_broken_connection_still_showing_its_old_grant_is_revoked_and_queues_when_it_asks_again()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)));
        arbiter.OnConnectionLost("M", "A");

        // Back, A never heard the revoke: its old grant is void, it holds nothing and B keeps the zone.
        Assert.Equal([("A", "a1", GrantType.Revoked)], Of(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Granted)))));
        Assert.False(arbiter.IsLost("M", "A"));
        Assert.Equal(["M/B"], arbiter.HoldersOf(Door));
        Assert.Empty(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Revoked))));
        Assert.Equal([("A", "a2", GrantType.Queued)], Of(arbiter.OnState(StateOf("A", ("a2", "door", RequestStatus.Requested)))));
        Assert.Equal([("A", "a2", GrantType.Granted)], Of(arbiter.OnState(StateOf("B")))); // B left: A's new request is let in
    }

    [Fact]
    public void A_void_grant_still_shown_is_revoked_again_every_twentieth_state_not_on_every_state()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        arbiter.OnConnectionLost("M", "A");
        int revokes = 0;
        for (int i = 0; i < 40; i++)
        {
            revokes += arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Granted))).Count;
        }

        Assert.Equal(2, revokes);
        Assert.Empty(arbiter.HoldersOf(Door));
    }

    [Fact]
    public void A_lost_robot_leaves_the_queue_and_asking_again_on_return_puts_it_at_the_tail()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)));
        arbiter.OnState(StateOf("C", ("c1", "door", RequestStatus.Requested)));
        Assert.Empty(arbiter.OnConnectionLost("M", "B")); // queued only: nothing to revoke
        Assert.Equal([("C", "c1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A")))); // C is next, not the lost B
        Assert.Equal([("B", "b1", GrantType.Queued)], Of(arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)))));
    }

    [Fact]
    public void A_lost_holder_with_a_lease_keeps_its_zone_until_the_lease_ends_then_the_next_is_granted()
    {
        var time = new SteppedClock(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var arbiter = new ReleaseArbiter(time, lease: TimeSpan.FromSeconds(30));
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([("A", "a1", GrantType.Revoked)], Of(arbiter.OnConnectionLost("M", "A"))); // A may still drive under its lease
        time.Advance(TimeSpan.FromSeconds(19.9));
        Assert.Empty(arbiter.Tick());
        Assert.Equal(["M/A"], arbiter.HoldersOf(Door));
        time.Advance(TimeSpan.FromSeconds(0.1)); // the lease given at t = 0 ends at t = 30 s
        Assert.Equal([("B", "b1", GrantType.Granted)], Of(arbiter.Tick()));
        Assert.Equal(["M/B"], arbiter.HoldersOf(Door));
    }

    [Fact]
    public void A_lost_holder_back_before_its_lease_ends_has_its_zone_and_grant_still()
    {
        var time = new SteppedClock(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var arbiter = new ReleaseArbiter(time, lease: TimeSpan.FromSeconds(30));
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)));
        arbiter.OnConnectionLost("M", "A");
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Granted))));
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(arbiter.Tick()); // not lost any more: its lease no longer frees the zone behind its back
        Assert.Equal(["M/A"], arbiter.HoldersOf(Door));
    }

    [Fact]
    public void A_holder_silent_past_the_state_timeout_is_lost_and_its_zone_goes_to_the_next()
    {
        var time = new SteppedClock(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var arbiter = new ReleaseArbiter(time, stateTimeout: TimeSpan.FromSeconds(90));
        arbiter.OnState(StateOf("A", ("a1", "door", RequestStatus.Requested)));
        time.Advance(TimeSpan.FromSeconds(60));
        arbiter.OnState(StateOf("B", ("b1", "door", RequestStatus.Requested)));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(arbiter.Tick()); // A silent for exactly 90 s: not yet
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([("A", "a1", GrantType.Revoked), ("B", "b1", GrantType.Granted)], Of(arbiter.Tick()));
        Assert.True(arbiter.IsLost("M", "A"));
        Assert.False(arbiter.IsLost("M", "B"));
    }

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
