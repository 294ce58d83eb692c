using StrategicTech.Autopilot.Flight.Geofence;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Return to launch through the <see cref="Navigator"/> (PX4's RTL): climb vertically to RTL_RETURN_ALT above
/// home when lower, fly at cruise speed to above the destination — home, or the nearest rally point when nearer
/// than home — along the <see cref="ReturnRoute"/>'s path round the exclusion fences (one straight leg per path
/// point), descend at MPC_Z_VEL_MAX_DN to RTL_DESCEND_ALT, land, disarm. Used by the ReturnToLaunch mode and the
/// mission's NAV_RETURN_TO_LAUNCH item. No allocation.
/// </summary>
public sealed class ReturnSequence
{
    private readonly Navigator _navigator;
    private readonly GeofenceMonitor? _fence;
    private Vector3 _destinationNedM;
    private int _leg;

    /// <param name="navigator">The vehicle's navigator.</param>
    /// <param name="fence">Rally points and fences the return respects (null: straight home).</param>
    public ReturnSequence(Navigator navigator, GeofenceMonitor? fence = null)
    {
        ArgumentNullException.ThrowIfNull(navigator);
        _navigator = navigator;
        _fence = fence;
    }

    public enum Phase
    {
        Idle,
        Climb,
        Return,
        Descend,
        Land,
        Done,
    }

    public Phase Current { get; private set; }

    /// <summary>Where the return lands (NED; Z = home's).</summary>
    public Vector3 DestinationNedM => _destinationNedM;

    /// <summary>Starts from where the vehicle is; false when the navigator refused (disarmed).</summary>
    public bool Start(in Vector3 positionNedM)
    {
        if (!_navigator.Armed)
        {
            return false;
        }

        FlightParameters p = _navigator.Parameters;
        Vector3 home = _navigator.HomeNedM;
        _destinationNedM = _fence is null ? home : _fence.Route.Destination(positionNedM, home);
        double heightM = home.Z - positionNedM.Z;
        if (heightM < p.ReturnAltitudeM - 0.5)
        {
            Current = Phase.Climb;
            return _navigator.GoTo(new Vector3(positionNedM.X, positionNedM.Y, home.Z - p.ReturnAltitudeM), p.MaxClimbSpeedMps);
        }

        return StartReturn(positionNedM);
    }

    public void Stop() => Current = Phase.Idle;

    /// <summary>Advances the phases; true once landed and disarmed.</summary>
    public bool Update(in Vector3 positionNedM)
    {
        FlightParameters p = _navigator.Parameters;
        Vector3 home = _navigator.HomeNedM;
        Vector3 destination = _destinationNedM;
        switch (Current)
        {
            case Phase.Climb when _navigator.State == AutoState.Hold:
                StartReturn(positionNedM);
                break;
            case Phase.Return when _navigator.State == AutoState.Hold:
                if (NextLeg(positionNedM.Z))
                {
                    break;
                }

                Current = Phase.Descend;
                if (home.Z - positionNedM.Z > p.ReturnDescendAltitudeM + 0.5)
                {
                    _navigator.GoTo(new Vector3(destination.X, destination.Y, home.Z - p.ReturnDescendAltitudeM), p.MaxDescentSpeedMps);
                }

                break;
            case Phase.Descend when _navigator.State == AutoState.Hold:
                Current = Phase.Land;
                _navigator.Land();
                break;
            case Phase.Land when _navigator.State == AutoState.Disarmed:
                Current = Phase.Done;
                break;
        }

        return Current == Phase.Done;
    }

    /// <summary>Plans the level path from here to above the destination and starts its first leg.</summary>
    private bool StartReturn(Vector3 positionNedM)
    {
        Current = Phase.Return;
        if (_fence is null)
        {
            return _navigator.GoTo(new Vector3(_destinationNedM.X, _destinationNedM.Y, positionNedM.Z), _navigator.Parameters.CruiseSpeedMps);
        }

        _fence.Route.Plan(positionNedM, _destinationNedM);
        _leg = 0;
        return NextLeg(positionNedM.Z) || _navigator.HoldAt(positionNedM);
    }

    /// <summary>Flies to the next path point at the return height; false when the path is done.</summary>
    private bool NextLeg(double downM)
    {
        if (_fence is null)
        {
            return false;
        }

        ReadOnlySpan<Vector3> path = _fence.Route.Path;
        while (++_leg < path.Length)
        {
            Vector3 point = path[_leg];
            Vector3 target = new(point.X, point.Y, downM);
            if ((target - _navigator.TargetNedM).Length > 0.01)
            {
                return _navigator.GoTo(target, _navigator.Parameters.CruiseSpeedMps);
            }
        }

        return false;
    }
}
