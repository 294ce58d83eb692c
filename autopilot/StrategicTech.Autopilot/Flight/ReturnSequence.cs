using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Return to launch through the <see cref="Navigator"/> (PX4's RTL): climb vertically to RTL_RETURN_ALT above
/// home when lower, fly to above home at cruise speed, descend at MPC_Z_VEL_MAX_DN to RTL_DESCEND_ALT, land, disarm.
/// Used by the ReturnToLaunch mode and the mission's NAV_RETURN_TO_LAUNCH item. No allocation.
/// </summary>
public sealed class ReturnSequence
{
    private readonly Navigator _navigator;

    public ReturnSequence(Navigator navigator)
    {
        ArgumentNullException.ThrowIfNull(navigator);
        _navigator = navigator;
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

    /// <summary>Starts from where the vehicle is; false when the navigator refused (disarmed).</summary>
    public bool Start(in Vector3 positionNedM)
    {
        if (!_navigator.Armed)
        {
            return false;
        }

        FlightParameters p = _navigator.Parameters;
        Vector3 home = _navigator.HomeNedM;
        double heightM = home.Z - positionNedM.Z;
        if (heightM < p.ReturnAltitudeM - 0.5)
        {
            Current = Phase.Climb;
            return _navigator.GoTo(new Vector3(positionNedM.X, positionNedM.Y, home.Z - p.ReturnAltitudeM), p.MaxClimbSpeedMps);
        }

        Current = Phase.Return;
        return _navigator.GoTo(new Vector3(home.X, home.Y, positionNedM.Z), p.CruiseSpeedMps);
    }

    public void Stop() => Current = Phase.Idle;

    /// <summary>Advances the phases; true once landed and disarmed.</summary>
    public bool Update(in Vector3 positionNedM)
    {
        FlightParameters p = _navigator.Parameters;
        Vector3 home = _navigator.HomeNedM;
        switch (Current)
        {
            case Phase.Climb when _navigator.State == AutoState.Hold:
                Current = Phase.Return;
                _navigator.GoTo(new Vector3(home.X, home.Y, positionNedM.Z), p.CruiseSpeedMps);
                break;
            case Phase.Return when _navigator.State == AutoState.Hold:
                Current = Phase.Descend;
                if (home.Z - positionNedM.Z > p.ReturnDescendAltitudeM + 0.5)
                {
                    _navigator.GoTo(new Vector3(home.X, home.Y, home.Z - p.ReturnDescendAltitudeM), p.MaxDescentSpeedMps);
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
}
