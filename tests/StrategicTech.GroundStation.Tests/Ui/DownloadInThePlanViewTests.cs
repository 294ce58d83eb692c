using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Plan;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using Xunit.Abstractions;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// The plan view's DOWNLD button in the real window (Xvfb, SDL input) against our SITL quad over UDP: the vehicle
/// already holds a mission and a fence that the ground station never saw; after the click the plan shows exactly the
/// vehicle's items and fence, and the fly view's copy of the vehicle's fence is the downloaded one.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class DownloadInThePlanViewTests(ITestOutputHelper output)
{
    private const long SimLimitUs = 120_000_000;
    private const int KeyF4 = 0x4000003D;

    private static MissionItem At(SitlVehicle vehicle, int seq, ushort command, double northM, double eastM, double heightM)
    {
        LocalNedFrame frame = vehicle.Physics.HomeFrame;
        GeodeticPosition p = frame.FromNed(new Vector3(northM, eastM, 0));
        return new MissionItem(seq, MavFrame.GlobalRelativeAlt, command, 0, 0, 0, double.NaN, p.LatitudeDeg, p.LongitudeDeg, heightM, true);
    }

    [Fact]
    public void Clicking_download_in_the_plan_view_shows_the_mission_and_fence_the_vehicle_holds()
    {
        using var session = new WindowOnSitlQuad();
        SitlVehicle vehicle = session.Vehicle;
        GroundStationWindow window = session.Window;
        PlanViewController plan = window.PlanView;
        MissionItem[] held =
        [
            At(vehicle, 0, MavCmd.NavTakeoff, 0, 0, 15),
            At(vehicle, 1, MavCmd.NavWaypoint, 50, 20, 15),
            At(vehicle, 2, MavCmd.NavWaypoint, 50, -30, 25),
            MissionItem.CommandItem(3, MavCmd.DoChangeSpeed, 1, 4, -1, 0),
            At(vehicle, 4, MavCmd.NavWaypoint, -20, -30, 25),
            MissionItem.CommandItem(5, MavCmd.NavReturnToLaunch),
        ];
        GeodeticPosition home = vehicle.Physics.HomeFrame.Origin;
        var fence = new Geofence([], [new GeofenceCircle(new LatLonDeg(home.LatitudeDeg, home.LongitudeDeg), 300, true, AltitudeBand.Unbounded)]);
        Assert.Equal(StrategicTech.Autopilot.Flight.CommandOutcome.Accepted, vehicle.Commander.ReplaceMission(held));
        Assert.Equal(StrategicTech.Autopilot.Flight.CommandOutcome.Accepted, vehicle.Commander.ReplaceFence(fence));

        // The vehicle's mission server stores and serves the fence list as MAVLink items (as after an upload).
        var fenceOnly = new PlanDocument();
        fenceOnly.SetFenceAndRally(fence, []);
        session.Bridge.Endpoint.Missions.Load(StrategicTech.Drivers.Mavlink.Dialects.Common.MavMissionType.Fence, PlanWire.FenceToWire(fenceOnly).ToArray());
        int step = 0;
        try
        {
            while (step < 3 && session.Running(SimLimitUs))
            {
                session.Step();
                IReadOnlyList<UiButton> buttons = window.Buttons;
                switch (step)
                {
                    case 0 when vehicle.ReadyToArm && WindowOnSitlQuad.Find(buttons, UiAction.SelectVehicle) is not null:
                        InjectedInput.KeyCode(KeyF4);
                        step++;
                        break;
                    case 1 when plan.Map.HasCenter && WindowOnSitlQuad.Find(buttons, UiAction.PlanDownload) is { } download:
                        InjectedInput.Click(download.Rect.MidX, download.Rect.MidY);
                        step++;
                        break;
                    case 2 when plan.Transfer!.State == TransferState.Done && window.PlanItems.Count == held.Length:
                        step++;
                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            session.Stop();
        }

        Assert.Null(session.Failure);
        Assert.True(step == 3, $"stopped at step {step}: transfer {plan.Transfer?.State} '{plan.Transfer?.Message}', message '{plan.Message}', plan items {window.PlanItems.Count}");
        output.WriteLine(plan.Message);

        // Item by item what the vehicle holds: command, frame, parameters; positions to MISSION_ITEM_INT's 1e-7° and
        // altitude to its float (measured differences 0 and < 1e-6 m; bounds 1.1e-7° and 1e-4 m).
        IReadOnlyList<MissionItem> shown = window.PlanItems;
        IReadOnlyList<MissionItem> onVehicle = vehicle.Mission.Items;
        Assert.Equal(onVehicle.Count, shown.Count);
        for (int i = 0; i < shown.Count; i++)
        {
            Assert.Equal((onVehicle[i].Command, onVehicle[i].Frame), (shown[i].Command, shown[i].Frame));
            Assert.Equal(onVehicle[i].Param2, shown[i].Param2, 1e-6);
            if (onVehicle[i].HasPosition)
            {
                Assert.Equal(onVehicle[i].LatitudeDeg, shown[i].LatitudeDeg, 1.1e-7);
                Assert.Equal(onVehicle[i].LongitudeDeg, shown[i].LongitudeDeg, 1.1e-7);
                Assert.Equal(onVehicle[i].AltitudeM, shown[i].AltitudeM, 1e-4);
            }
        }

        GeofenceCircle circle = Assert.Single(plan.Document.FenceCircles);
        Assert.True(circle.IsInclusion);
        Assert.Equal(300, circle.RadiusM, 1e-3);
        Assert.Same(window.PlanView.Fleet.Selected, window.PlanView.Fleet.Find(1));
        Assert.Equal(300, Assert.Single(window.PlanView.Fleet.Selected!.Fence.Circles).RadiusM, 1e-3);
    }
}
