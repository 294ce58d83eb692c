using StrategicTech.Autopilot.Control;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Missions;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Runs a mission through a <see cref="FlightModeManager"/>: NAV_TAKEOFF (climb to the item's altitude),
/// NAV_WAYPOINT (param1 hold time s, param2 acceptance radius m; 0 = the flight default), NAV_LAND (at the item's
/// position if it has one, else where it is), NAV_RETURN_TO_LAUNCH (home at the current altitude, then land) and
/// DO_CHANGE_SPEED (param2 m/s). Other items are skipped and counted. Positions are converted into the estimator's
/// local frame (its origin given to <see cref="Start"/>); relative-altitude frames are heights above home, global
/// frames heights in the estimator origin's datum. Call <see cref="Update"/> at the position-loop rate before
/// <see cref="FlightModeManager.Update"/>. No allocation after construction.
/// </summary>
public sealed class MissionExecutor
{
    private readonly FlightModeManager flight;
    private readonly MissionItem[] items;
    private LocalNedFrame frame;
    private Phase phase;
    private long holdStartUs;
    private Vector3 target;
    private double speedMps;
    private bool started;

    /// <param name="flight">The vehicle's flight modes (already armed when the mission starts).</param>
    /// <param name="items">Mission items in order (without the home item 0 of a .waypoints file).</param>
    public MissionExecutor(FlightModeManager flight, IEnumerable<MissionItem> items)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(items);
        this.flight = flight;
        this.items = [.. items];
    }

    private enum Phase
    {
        Begin,
        Travel,
        Holding,
        Landing,
    }

    public int ItemCount => items.Length;

    /// <summary>Index of the item being executed (= <see cref="ItemCount"/> when finished).</summary>
    public int CurrentIndex { get; private set; }

    public bool IsFinished => started && CurrentIndex >= items.Length;

    /// <summary>Items skipped because the command is not supported or the flight modes refused it.</summary>
    public int SkippedItemCount { get; private set; }

    /// <summary>Starts at the first item. <paramref name="estimatorOrigin"/> is the local frame's geodetic origin.</summary>
    public void Start(GeodeticPosition estimatorOrigin)
    {
        frame = new LocalNedFrame(estimatorOrigin);
        CurrentIndex = 0;
        phase = Phase.Begin;
        speedMps = 0;
        started = true;
    }

    public void Update(long timeUs, in MulticopterState state)
    {
        while (started && CurrentIndex < items.Length)
        {
            ref readonly MissionItem item = ref items[CurrentIndex];
            if (!Advance(timeUs, item, state))
            {
                return;
            }

            CurrentIndex++;
            phase = Phase.Begin;
        }
    }

    /// <summary>Drives one item; true when it is complete.</summary>
    private bool Advance(long timeUs, in MissionItem item, in MulticopterState state)
    {
        switch (item.Command)
        {
            case MavCmd.NavTakeoff:
                if (phase == Phase.Begin)
                {
                    double heightM = HeightAboveHome(item);
                    if (!double.IsFinite(heightM) || !flight.Takeoff(heightM))
                    {
                        return Skip();
                    }

                    phase = Phase.Travel;
                }

                return flight.Mode == FlightMode.Hold;

            case MavCmd.NavWaypoint:
                if (phase == Phase.Begin)
                {
                    target = TargetOf(item);
                    if (!flight.GoTo(target, speedMps))
                    {
                        return Skip();
                    }

                    phase = Phase.Travel;
                }

                if (phase == Phase.Travel)
                {
                    double radiusM = item.Param2 > 0 ? item.Param2 : -1;
                    bool reached = flight.Mode == FlightMode.Hold || (state.PositionNedM - target).Length <= radiusM;
                    if (!reached)
                    {
                        return false;
                    }

                    phase = Phase.Holding;
                    holdStartUs = timeUs;
                }

                return !(item.Param1 > 0) || timeUs - holdStartUs >= (long)(item.Param1 * 1e6);

            case MavCmd.NavLand:
                return LandAt(item.HasPosition ? TargetOf(item) : flight.Setpoint.PositionNedM);

            case MavCmd.NavReturnToLaunch:
            {
                Vector3 home = flight.HomeNedM;
                return LandAt(new Vector3(home.X, home.Y, flight.Setpoint.PositionNedM.Z));
            }

            case MavCmd.DoChangeSpeed:
                speedMps = item.Param2 > 0 ? item.Param2 : 0;
                return true;

            default:
                return Skip();
        }
    }

    /// <summary>Go to the point at its altitude (when not already there), then land; complete once disarmed.</summary>
    private bool LandAt(Vector3 pointNedM)
    {
        if (phase == Phase.Begin)
        {
            target = pointNedM;
            if (!flight.GoTo(target, speedMps))
            {
                return Skip();
            }

            phase = Phase.Travel;
        }

        if (phase == Phase.Travel)
        {
            if (flight.Mode != FlightMode.Hold)
            {
                return false;
            }

            if (!flight.Land())
            {
                return Skip();
            }

            phase = Phase.Landing;
        }

        return flight.Mode == FlightMode.Disarmed;
    }

    private bool Skip()
    {
        SkippedItemCount++;
        return true;
    }

    private double HeightAboveHome(in MissionItem item) => item.Frame switch
    {
        MavFrame.Global or MavFrame.GlobalInt => item.AltitudeM - frame.Origin.HeightM + flight.HomeNedM.Z,
        _ => item.AltitudeM,
    };

    private Vector3 TargetOf(in MissionItem item)
    {
        Vector3 current = flight.Setpoint.PositionNedM;
        double north = current.X;
        double east = current.Y;
        if (item.HasPosition)
        {
            Vector3 ned = frame.ToNed(GeodeticPosition.FromDegrees(item.LatitudeDeg, item.LongitudeDeg, frame.Origin.HeightM));
            north = ned.X;
            east = ned.Y;
        }

        double heightM = HeightAboveHome(item);
        double down = double.IsFinite(heightM) ? flight.HomeNedM.Z - heightM : current.Z;
        return new Vector3(north, east, down);
    }
}
