using StrategicTech.Autopilot.Control;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Autopilot.Parameters;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Flight;

/// <summary>
/// A commander driving an ideal vehicle that is always exactly at its position setpoint (velocity = the feed-forward):
/// fast tests of mode and mission logic without physics or estimation. 50 Hz updates.
/// </summary>
internal sealed class KinematicVehicle
{
    public static readonly GeodeticPosition Origin = GeodeticPosition.FromDegrees(47.397742, 8.545594, 488.0);

    private MulticopterState _state = new(Vector3.Zero, Vector3.Zero, Quaternion.Identity, Vector3.Zero);

    public KinematicVehicle(FlightParameters? parameters = null)
    {
        ParameterStore store = FlightParameterDefinitions.CreateStore();
        Store = store;
        Commander = new Commander(parameters ?? FlightParameterDefinitions.Bind(store), MulticopterControlParameters.CreateCascade(store), MulticopterControlParameters.LandDetector(store));
        Health = new VehicleHealth(true, true, 1.0, true, Origin);
        Step();
    }

    public Commander Commander { get; }

    public ParameterStore Store { get; }

    public VehicleHealth Health { get; set; }

    public long TimeUs { get; private set; }

    public MulticopterState State
    {
        get => _state;
        set => _state = value;
    }

    public LocalNedFrame Frame { get; } = new(Origin);

    public void Step()
    {
        TimeUs += 20_000;
        Commander.Update(TimeUs, 0.02, _state, Health);
        MulticopterSetpoint sp = Commander.Navigator.Setpoint;
        if (Commander.Armed && sp.PositionNedM.IsFinite)
        {
            _state = _state with { PositionNedM = sp.PositionNedM, VelocityNedMps = sp.VelocityFeedForwardNedMps };
        }
    }

    public bool StepUntil(Func<KinematicVehicle, bool> done, double timeoutS)
    {
        for (long i = 0; i < (long)(timeoutS * 50); i++)
        {
            Step();
            if (done(this))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Latitude and longitude (degrees) of a point north/east of the origin.</summary>
    public (double LatDeg, double LonDeg) At(double northM, double eastM)
    {
        GeodeticPosition p = Frame.FromNed(new Vector3(northM, eastM, 0));
        return (p.LatitudeRad * 180 / Math.PI, p.LongitudeRad * 180 / Math.PI);
    }
}
