using StrategicTech.Autopilot.Control;

namespace StrategicTech.Autopilot.Flight.Tasks;

/// <summary>Stabilized: sticks → roll/pitch angles and yaw rate; throttle → collective with hover at mid stick.</summary>
internal sealed class StabilizedTask(FlightTaskContext context) : ExternalFlightTask(context)
{
    public override void Update(double dtS) =>
        YawSetpointRad = Wrap(YawSetpointRad + (Deadzone(Context.Manual.Yaw) * Context.Parameters.ManualYawRateMaxRadps * dtS));

    public override void Control(double dtS)
    {
        ThrustAttitudeParameters limits = Context.Cascade.ThrustAttitude.Parameters;
        double t = Context.Manual.Throttle;
        double collective = t < 0.5
            ? limits.MinThrust + ((limits.HoverThrust - limits.MinThrust) * (t / 0.5))
            : limits.HoverThrust + ((limits.MaxThrust - limits.HoverThrust) * ((t - 0.5) / 0.5));
        SetTiltAndThrust(collective);
    }
}
