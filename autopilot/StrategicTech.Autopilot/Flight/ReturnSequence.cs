using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Flight;

/// <summary>
/// Return to launch through the <see cref="FlightModeManager"/> (PX4's RTL): climb vertically to RTL_RETURN_ALT above
/// home when lower, fly to above home at cruise speed, descend at MPC_Z_VEL_MAX_DN to RTL_DESCEND_ALT, land, disarm.
/// Used by the ReturnToLaunch mode and the mission's NAV_RETURN_TO_LAUNCH item. No allocation.
/// </summary>
public sealed class ReturnSequence
{
    private readonly FlightModeManager flight;

    public ReturnSequence(FlightModeManager flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        this.flight = flight;
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

    /// <summary>Starts from where the vehicle is; false when the flight modes refused (disarmed).</summary>
    public bool Start(in Vector3 positionNedM)
    {
        if (!flight.Armed)
        {
            return false;
        }

        FlightParameters p = flight.Parameters;
        Vector3 home = flight.HomeNedM;
        double heightM = home.Z - positionNedM.Z;
        if (heightM < p.ReturnAltitudeM - 0.5)
        {
            Current = Phase.Climb;
            return flight.GoTo(new Vector3(positionNedM.X, positionNedM.Y, home.Z - p.ReturnAltitudeM), p.MaxClimbSpeedMps);
        }

        Current = Phase.Return;
        return flight.GoTo(new Vector3(home.X, home.Y, positionNedM.Z), p.CruiseSpeedMps);
    }

    public void Stop() => Current = Phase.Idle;

    /// <summary>Advances the phases; true once landed and disarmed.</summary>
    public bool Update(in Vector3 positionNedM)
    {
        FlightParameters p = flight.Parameters;
        Vector3 home = flight.HomeNedM;
        switch (Current)
        {
            case Phase.Climb when flight.State == AutoState.Hold:
                Current = Phase.Return;
                flight.GoTo(new Vector3(home.X, home.Y, positionNedM.Z), p.CruiseSpeedMps);
                break;
            case Phase.Return when flight.State == AutoState.Hold:
                Current = Phase.Descend;
                if (home.Z - positionNedM.Z > p.ReturnDescendAltitudeM + 0.5)
                {
                    flight.GoTo(new Vector3(home.X, home.Y, home.Z - p.ReturnDescendAltitudeM), p.MaxDescentSpeedMps);
                }

                break;
            case Phase.Descend when flight.State == AutoState.Hold:
                Current = Phase.Land;
                flight.Land();
                break;
            case Phase.Land when flight.State == AutoState.Disarmed:
                Current = Phase.Done;
                break;
        }

        return Current == Phase.Done;
    }
}
