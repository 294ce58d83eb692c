using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Fleet.Zones;

namespace StrategicTech.Fleet.Tests;

/// <summary>
/// COORDINATED_REPLANNING (3.0): a robot replans inside the zone only with the master's leave, asked by a REPLANNING
/// zone request; the master gives it to one robot of the zone at a time and queues the others, apart from ACCESS to
/// the same zone id.
/// </summary>
public sealed class ZoneReplanningTests
{
    private static State StateOf(string serial, params (string Id, ZoneRequestType Type, RequestStatus Status)[] requests) => new()
    {
        HeaderId = 0, Timestamp = "", Version = "3.0.0", Manufacturer = "M", SerialNumber = serial,
        OrderId = "", OrderUpdateId = 0, LastNodeId = "", LastNodeSequenceId = 0, Driving = false, OperatingMode = OperatingMode.Automatic,
        NodeStates = [], EdgeStates = [], ActionStates = [], Errors = [],
        BatteryState = new BatteryState { BatteryChargePercent = 80, Charging = false },
        SafetyState = new SafetyState { EStop = EStop.None, FieldViolation = false },
        ZoneRequests = [.. requests.Select(r => new ZoneRequest { RequestId = r.Id, RequestType = r.Type, ZoneId = "yard", ZoneSetId = "zs", RequestStatus = r.Status })],
    };

    private static (string Serial, string Id, GrantType Grant)[] Of(List<ReleaseGrant> answers) =>
        [.. answers.Select(a => (a.SerialNumber, a.Response.RequestId, a.Response.GrantType))];

    [Fact]
    public void Leave_to_replan_in_a_coordinated_replanning_zone_goes_to_one_robot_at_a_time_and_passes_on_when_it_is_withdrawn()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        Assert.Equal([("A", "a1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A", ("a1", ZoneRequestType.Replanning, RequestStatus.Requested)))));
        Assert.Equal([("B", "b1", GrantType.Queued)], Of(arbiter.OnState(StateOf("B", ("b1", ZoneRequestType.Replanning, RequestStatus.Requested)))));
        Assert.Equal(["M/A"], arbiter.HoldersOf(ReleaseArbiter.ReplanKey("zs", "yard")));

        // ACCESS to a zone of the same id is another resource: granted beside A's leave to replan.
        Assert.Equal([("C", "c1", GrantType.Granted)], Of(arbiter.OnState(StateOf("C", ("c1", ZoneRequestType.Access, RequestStatus.Requested)))));

        Assert.Empty(arbiter.OnState(StateOf("A", ("a1", ZoneRequestType.Replanning, RequestStatus.Granted))));
        Assert.Equal([("B", "b1", GrantType.Granted)], Of(arbiter.OnState(StateOf("A")))); // A replanned and withdrew: B's turn
        Assert.Equal(["M/B"], arbiter.HoldersOf(ReleaseArbiter.ReplanKey("zs", "yard")));
    }

    [Fact]
    public void A_fleet_stop_revokes_the_leave_to_replan_and_the_robot_gets_it_back_on_resume()
    {
        var arbiter = new ReleaseArbiter(TimeProvider.System);
        arbiter.OnState(StateOf("A", ("a1", ZoneRequestType.Replanning, RequestStatus.Requested)));
        arbiter.OnState(StateOf("A", ("a1", ZoneRequestType.Replanning, RequestStatus.Granted)));
        Assert.Equal([("A", "a1", GrantType.Revoked)], Of(arbiter.RevokeAll()));
        Assert.Empty(arbiter.OnState(StateOf("A", ("a1", ZoneRequestType.Replanning, RequestStatus.Revoked))));
        Assert.Equal([("A", "a2", GrantType.Queued)], Of(arbiter.OnState(StateOf("A", ("a2", ZoneRequestType.Replanning, RequestStatus.Requested)))));
        Assert.Equal([("A", "a2", GrantType.Granted)], Of(arbiter.Resume()));
    }
}
