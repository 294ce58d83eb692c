using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Link;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Lockstep;
using Xunit.Abstractions;

namespace StrategicTech.GroundStation.Tests.Ui;

/// <summary>
/// A whole mission flown from the ground station as a pilot does it: the real SDL window on a private Xvfb display,
/// connected over UDP loopback to our SITL quad (in process, paced at real time), driven only by injected SDL input.
/// F4 opens the plan view; TAKEOFF, its altitude typed into the editor, three clicks on the map, LAND, a drag of the
/// second waypoint, UPLOAD; F1, ARM and its confirm, MISSION. The test then watches the simulated truth, not the
/// ground station: the quad must pass through every planned waypoint (the dragged one where it was dropped) within
/// the mission acceptance radius, land and disarm.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class PlanAndFlyAMissionTests(ITestOutputHelper output)
{
    private const long SimLimitUs = 400_000_000;
    private const int KeyF1 = 0x4000003A;
    private const int KeyF4 = 0x4000003D;
    private const int KeyEnter = 13;

    // Waypoints north/east of home, metres; the second is dragged from (40, 40) to (60, 60).
    private static readonly (double N, double E)[] Clicks = [(40, 0), (40, 40), (0, 40)];
    private static readonly (double N, double E) DraggedTo = (60, 60);

    private enum Step
    {
        WaitForVehicle,
        WaitForPlanView,
        WaitForTakeoff,
        WaitForAltitude,
        WaitForWaypoints,
        WaitForLand,
        WaitForDrag,
        WaitForUpload,
        WaitForFlyView,
        WaitForConfirm,
        WaitForArmed,
        Flying,
        Done,
    }

    private static (float X, float Y) Screen(PlanViewController plan, (double N, double E) offset) =>
        ((float)((plan.Width / 2) + (offset.E / plan.Map.MetresPerPixel)), (float)((plan.Height / 2) - (offset.N / plan.Map.MetresPerPixel)));

    private static void Click(UiButton b) => InjectedInput.Click(b.Rect.MidX, b.Rect.MidY);

    [Fact]
    public void A_mission_planned_by_clicks_in_the_plan_view_uploaded_and_started_is_flown_through_every_waypoint_and_ends_landed_and_disarmed()
    {
        using var session = new WindowOnSitlQuad();
        SitlVehicle vehicle = session.Vehicle;
        GroundStationWindow window = session.Window;
        PlanViewController plan = window.PlanView;
        Step step = Step.WaitForVehicle;
        int clicked = 0;
        Vector3[] targets = [];
        double[] closestM = [];
        double maxHeightM = 0;
        double closestToUndraggedM = double.PositiveInfinity;
        Vector3 undragged = default;
        try
        {
            while (step != Step.Done && session.Running(SimLimitUs))
            {
                session.Step();
                IReadOnlyList<UiButton> buttons = window.Buttons;
                IReadOnlyList<MissionItem> items = window.PlanItems;
                switch (step)
                {
                    case Step.WaitForVehicle when vehicle.ReadyToArm && WindowOnSitlQuad.Find(buttons, UiAction.SelectVehicle) is not null:
                        InjectedInput.KeyCode(KeyF4);
                        step = Step.WaitForPlanView;
                        break;
                    case Step.WaitForPlanView when plan.Document.Home is not null && plan.Map.HasCenter && WindowOnSitlQuad.Find(buttons, UiAction.PlanTakeoff) is { } takeoff:
                        Click(takeoff);
                        step = Step.WaitForTakeoff;
                        break;
                    case Step.WaitForTakeoff when items.Count == 1 && FieldButton(buttons, 0) is { } altitude:
                        Click(altitude);
                        InjectedInput.Text("10");
                        InjectedInput.KeyCode(KeyEnter);
                        step = Step.WaitForAltitude;
                        break;
                    case Step.WaitForAltitude when items.Count == 1 && items[0].AltitudeM == 10:
                    case Step.WaitForWaypoints when items.Count == 1 + clicked && clicked < Clicks.Length:
                        (float x, float y) = Screen(plan, Clicks[clicked]);
                        InjectedInput.Click(x, y);
                        clicked++;
                        step = Step.WaitForWaypoints;
                        break;
                    case Step.WaitForWaypoints when items.Count == 1 + Clicks.Length && WindowOnSitlQuad.Find(buttons, UiAction.PlanLand) is { } land:
                        Click(land);
                        step = Step.WaitForLand;
                        break;
                    case Step.WaitForLand when items.Count == 5:
                        (float fx, float fy) = Screen(plan, Clicks[1]);
                        (float tx, float ty) = Screen(plan, DraggedTo);
                        undragged = ToTruth(vehicle, items[2], 10);
                        InjectedInput.Drag(fx, fy, tx, ty);
                        step = Step.WaitForDrag;
                        break;
                    case Step.WaitForDrag when items.Count == 5 && ToTruth(vehicle, items[2], 10) != undragged && WindowOnSitlQuad.Find(buttons, UiAction.PlanUpload) is { } upload:
                        Click(upload);
                        step = Step.WaitForUpload;
                        break;
                    case Step.WaitForUpload when plan.Transfer!.State == TransferState.Done && vehicle.Mission.ItemCount == 5:
                        targets = [.. items.Take(4).Skip(1).Select(i => ToTruth(vehicle, i, i.AltitudeM))];
                        closestM = [.. targets.Select(_ => double.PositiveInfinity)];
                        InjectedInput.KeyCode(KeyF1);
                        step = Step.WaitForFlyView;
                        break;
                    case Step.WaitForFlyView when WindowOnSitlQuad.Find(buttons, UiAction.Arm) is { } arm:
                        Click(arm);
                        step = Step.WaitForConfirm;
                        break;
                    case Step.WaitForConfirm when WindowOnSitlQuad.Find(buttons, UiAction.Confirm) is { } confirm:
                        Click(confirm);
                        step = Step.WaitForArmed;
                        break;
                    case Step.WaitForArmed when vehicle.Commands.Status.Armed && WindowOnSitlQuad.Find(buttons, UiAction.MissionStart) is { } mission:
                        Click(mission);
                        step = Step.Flying;
                        break;
                    case Step.Flying:
                        Vector3 truth = vehicle.Truth.PositionNedM;
                        maxHeightM = Math.Max(maxHeightM, -truth.Z);
                        for (int i = 0; i < targets.Length; i++)
                        {
                            closestM[i] = Math.Min(closestM[i], (truth - targets[i]).Length);
                        }

                        closestToUndraggedM = Math.Min(closestToUndraggedM, Math.Sqrt(Math.Pow(truth.X - undragged.X, 2) + Math.Pow(truth.Y - undragged.Y, 2)));
                        if (maxHeightM > 5 && !vehicle.Commands.Status.Armed)
                        {
                            step = Step.Done;
                        }

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
        Assert.True(step == Step.Done, $"stopped at {step} after {session.ElapsedUs / 1e6:0.0} s simulated: plan items {window.PlanItems.Count}, " +
            $"transfer {plan.Transfer?.State} '{plan.Transfer?.Message}', message '{plan.Message}', armed {vehicle.Commands.Status.Armed}, height {maxHeightM:0.0} m");

        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"closest approach {string.Join(", ", closestM.Select(d => d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))} m; to the undragged place {closestToUndraggedM:0.0} m; end {vehicle.Truth.PositionNedM}; {session.ElapsedUs / 1e6:0} s simulated"));

        // The plan the clicks made: takeoff to the typed 10 m, three waypoints at 10 m, land.
        IReadOnlyList<MissionItem> flown = window.PlanItems;
        Assert.Equal([MavCmd.NavTakeoff, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MavCmd.NavWaypoint, MavCmd.NavLand], flown.Select(i => i.Command));
        Assert.All(flown.Take(4), i => Assert.Equal(10, i.AltitudeM));

        // Truth passed through each waypoint within NAV_ACC_RAD (2 m) in 3-D: measured 1.40, 1.29, 1.32 m; bound 2.0 m.
        double radiusM = vehicle.Vehicle.Navigator.Parameters.MissionAcceptanceRadiusM;
        for (int i = 0; i < targets.Length; i++)
        {
            Assert.True(closestM[i] <= radiusM, $"waypoint {i + 1}: closest truth approach {closestM[i]:0.00} m > {radiusM} m (all: {string.Join(", ", closestM.Select(d => d.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))})");
        }

        // The dragged waypoint was flown where it was dropped: the planned route passes 12.6 m from where it was first
        // clicked; measured closest approach 11.2 m; bound > 8 m.
        Assert.True(closestToUndraggedM > 8, $"the quad came within {closestToUndraggedM:0.0} m of the waypoint's place before the drag");

        // Landed at the last waypoint and disarmed by itself: measured 0.0 m high, 1.45 m from the planned point
        // (the map's home is the vehicle's estimated home, about a metre off the simulator's); bounds 0.3 m, NAV_ACC_RAD 2 m.
        Vector3 end = vehicle.Truth.PositionNedM;
        Vector3 landAt = ToTruth(vehicle, flown[4], 0);
        Assert.True(-end.Z < 0.3, $"truth height {-end.Z:0.00} m after disarm");
        Assert.True(Math.Sqrt(Math.Pow(end.X - landAt.X, 2) + Math.Pow(end.Y - landAt.Y, 2)) < radiusM, $"landed at {end}, planned {landAt}");
        Assert.False(vehicle.Commands.Status.Armed);
    }

    [Fact]
    public void Uploading_a_waypoint_below_home_shows_the_vehicles_refusal_MAV_MISSION_DENIED_with_its_reason()
    {
        using var session = new WindowOnSitlQuad();
        SitlVehicle vehicle = session.Vehicle;
        GroundStationWindow window = session.Window;
        PlanViewController plan = window.PlanView;
        int step = 0;
        try
        {
            while (step < 5 && session.Running(SimLimitUs))
            {
                session.Step();
                IReadOnlyList<UiButton> buttons = window.Buttons;
                IReadOnlyList<MissionItem> items = window.PlanItems;
                switch (step)
                {
                    case 0 when vehicle.ReadyToArm && WindowOnSitlQuad.Find(buttons, UiAction.SelectVehicle) is not null:
                        InjectedInput.KeyCode(KeyF4);
                        step++;
                        break;
                    case 1 when plan.Map.HasCenter && plan.Document.Home is not null && WindowOnSitlQuad.Find(buttons, UiAction.PlanUpload) is not null:
                        (float x, float y) = Screen(plan, (30, 30));
                        InjectedInput.Click(x, y);
                        step++;
                        break;
                    case 2 when items.Count == 1 && FieldButton(buttons, 0) is { } altitude:
                        Click(altitude);
                        InjectedInput.Text("-5");
                        InjectedInput.KeyCode(KeyEnter);
                        step++;
                        break;
                    case 3 when items.Count == 1 && items[0].AltitudeM == -5 && WindowOnSitlQuad.Find(buttons, UiAction.PlanUpload) is { } upload:
                        Click(upload);
                        step++;
                        break;
                    case 4 when plan.Transfer!.State == TransferState.Failed && plan.Message.Contains("MAV_MISSION", StringComparison.Ordinal):
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
        Assert.True(step == 5, $"stopped at step {step}: transfer {plan.Transfer?.State} '{plan.Transfer?.Message}', message '{plan.Message}'");
        Assert.True(plan.MessageIsError);
        output.WriteLine(plan.Message);
        Assert.Equal("mission upload refused by vehicle 1: MAV_MISSION_DENIED — Mission refused: item 0: altitude -5 m is below home", plan.Message);
        Assert.Equal(0, vehicle.Mission.ItemCount);
    }

    private static UiButton? FieldButton(IReadOnlyList<UiButton> buttons, int field)
    {
        foreach (UiButton b in buttons)
        {
            if (b.Action == UiAction.PlanFocusField && b.SystemId == field)
            {
                return b;
            }
        }

        return null;
    }

    /// <summary>A plan item's place in the simulator's truth frame (north, east, down from the physics home), at <paramref name="heightM"/> above home.</summary>
    private static Vector3 ToTruth(SitlVehicle vehicle, MissionItem item, double heightM)
    {
        LocalNedFrame frame = vehicle.Physics.HomeFrame;
        Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(item.LatitudeDeg, item.LongitudeDeg, frame.Origin.HeightM));
        return new Vector3(ned.X, ned.Y, -heightM);
    }
}
