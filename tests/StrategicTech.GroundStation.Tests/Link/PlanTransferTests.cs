using System.Diagnostics;
using System.Net;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Mission;
using StrategicTech.Drivers.Mavlink.Microservices.Mission.Server;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Plan;
using StrategicTech.Navigation.Missions;
using MissionItem = StrategicTech.Navigation.Missions.MissionItem;
using StrategicTech.Navigation.Time;

namespace StrategicTech.GroundStation.Tests.Link;

/// <summary>
/// Plan upload and download over UDP loopback against the driver's mission server (the vehicle side of the mission
/// protocol): the three lists arrive whole, come back whole, and a refused list names the vehicle's MAV_MISSION_RESULT.
/// </summary>
public sealed class PlanTransferTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly UdpTransport _vehicleUdp = new(new IPEndPoint(IPAddress.Loopback, 0), null);
    private readonly MavlinkNode _vehicle;
    private readonly MissionServer _server;
    private readonly GroundLink _ground;

    public PlanTransferTests()
    {
        _vehicle = new MavlinkNode(1, 1, new TransportFrameSink(_vehicleUdp), new WallClock());
        _server = _vehicle.Add(new MissionServer(_vehicle));
        _vehicleUdp.Start((_, _, bytes) => _vehicle.Receive(bytes));
        _ground = new GroundLink(MavlinkTransports.Open($"udpout://127.0.0.1:{_vehicleUdp.LocalEndPoint.Port}"));
        _ground.Start();
    }

    public void Dispose()
    {
        _ground.Dispose();
        _vehicleUdp.Dispose();
    }

    private static PlanDocument Plan()
    {
        var plan = new PlanDocument { Home = new LatLonDeg(47.3977, 8.5456), HomeAltitudeAmslM = 488 };
        plan.AddTakeoff();
        plan.AddWaypoint(47.3980, 8.5460);
        plan.AddWaypoint(47.3985, 8.5470);
        plan.SetSpeedAfter(1, 5);
        plan.AddLand();
        plan.AddFencePolygon([new(47.39, 8.54), new(47.40, 8.54), new(47.40, 8.55)], inclusion: true);
        plan.AddFenceCircle(new LatLonDeg(47.398, 8.546), 30, inclusion: false);
        plan.AddRallyPoint(47.3975, 8.5450, 15);
        return plan;
    }

    private TransferState RunUntilFinished(PlanTransfer transfer, List<double>? fractions = null)
    {
        var wait = Stopwatch.StartNew();
        while (transfer.Busy && wait.Elapsed < Patience)
        {
            _vehicle.Tick();
            fractions?.Add(transfer.Fraction);
            Thread.Sleep(5);
        }

        return transfer.State;
    }

    [Fact]
    public void Upload_puts_the_plans_mission_fence_and_rally_lists_on_the_vehicle_item_for_item()
    {
        PlanDocument plan = Plan();
        List<MissionPlanItem> mission = PlanWire.MissionToWire(plan, false);
        List<MissionPlanItem> fence = PlanWire.FenceToWire(plan);
        List<MissionPlanItem> rally = PlanWire.RallyToWire(plan);
        var fractions = new List<double>();

        Assert.True(_ground.Plans.Upload(1, mission, fence, rally));
        Assert.False(_ground.Plans.Upload(1, mission, fence, rally), "a second transfer started while one runs");
        Assert.Equal(TransferState.Done, RunUntilFinished(_ground.Plans, fractions));

        Assert.Equal(mission, _server.Items(MavMissionType.Mission).ToArray());
        Assert.Equal(fence, _server.Items(MavMissionType.Fence).ToArray());
        Assert.Equal(rally, _server.Items(MavMissionType.Rally).ToArray());
        Assert.Equal("uploaded to vehicle 1: 5 mission items, 4 fence items, 1 rally points", _ground.Plans.Message);
        Assert.Equal(1, _ground.Plans.Fraction);

        // The bar never goes backwards.
        for (int i = 1; i < fractions.Count; i++)
        {
            Assert.True(fractions[i] >= fractions[i - 1], $"progress went from {fractions[i - 1]} to {fractions[i]}");
        }
    }

    [Fact]
    public void Download_brings_back_what_the_vehicle_holds_in_all_three_lists()
    {
        PlanDocument plan = Plan();
        _server.Load(MavMissionType.Mission, PlanWire.MissionToWire(plan, false).ToArray());
        _server.Load(MavMissionType.Fence, PlanWire.FenceToWire(plan).ToArray());
        _server.Load(MavMissionType.Rally, PlanWire.RallyToWire(plan).ToArray());

        Assert.True(_ground.Plans.Download(1));
        Assert.Equal(TransferState.Done, RunUntilFinished(_ground.Plans));
        DownloadedLists lists = _ground.Plans.TakeDownloaded()!;
        Assert.Null(_ground.Plans.TakeDownloaded());

        List<MissionItem> items = PlanWire.MissionFromWire(lists.Mission, false);
        Assert.Equal(plan.Items.Select(i => i.Command), items.Select(i => i.Command));
        Assert.Equal(plan[1].LatitudeDeg, items[1].LatitudeDeg, 7);
        Assert.Equal(4, PlanWire.FenceToWire(plan).Count);
        Geofence fence = PlanWire.FenceFromWire(lists.Fence);
        Assert.Equal((1, 1), (fence.Polygons.Count, fence.Circles.Count));
        Assert.Single(PlanWire.RallyFromWire(lists.Rally));
    }

    [Fact]
    public void A_vehicle_refusing_the_mission_fails_the_upload_naming_MAV_MISSION_NO_SPACE_and_sends_no_fence()
    {
        _server.Validator = (type, _) => type == MavMissionType.Mission ? MavMissionResult.MavMissionNoSpace : MavMissionResult.MavMissionAccepted;
        PlanDocument plan = Plan();

        Assert.True(_ground.Plans.Upload(1, PlanWire.MissionToWire(plan, false), PlanWire.FenceToWire(plan), PlanWire.RallyToWire(plan)));
        Assert.Equal(TransferState.Failed, RunUntilFinished(_ground.Plans));

        Assert.Equal("mission upload refused by vehicle 1: MAV_MISSION_NO_SPACE", _ground.Plans.Message);
        Assert.Equal(0, _server.Items(MavMissionType.Mission).Length);
        Assert.Equal(0, _server.Items(MavMissionType.Fence).Length);
    }

    [Fact]
    public void An_upload_to_a_vehicle_that_is_not_there_times_out_naming_the_step()
    {
        Assert.True(_ground.Plans.Upload(9, PlanWire.MissionToWire(Plan(), false), [], []));
        Assert.Equal(TransferState.Failed, RunUntilFinished(_ground.Plans));
        Assert.StartsWith("mission upload timed out: ", _ground.Plans.Message, StringComparison.Ordinal);
        Assert.Contains("at MISSION_COUNT", _ground.Plans.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MavMissionResult.MavMissionNoSpace, "MAV_MISSION_NO_SPACE")]
    [InlineData(MavMissionResult.MavMissionInvalidParam5X, "MAV_MISSION_INVALID_PARAM5_X")]
    [InlineData(MavMissionResult.MavMissionDenied, "MAV_MISSION_DENIED")]
    public void Mission_results_are_shown_by_their_spec_names(MavMissionResult result, string name) =>
        Assert.Equal(name, PlanTransfer.SpecName(result));
}
