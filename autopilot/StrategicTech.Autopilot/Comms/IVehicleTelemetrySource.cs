namespace StrategicTech.Autopilot.Comms;

/// <summary>
/// Where the endpoint reads the vehicle's state: the host (hardware drivers or the simulator) fills the snapshot in
/// place. Called on the loop thread once per endpoint tick; must not allocate.
/// </summary>
public interface IVehicleTelemetrySource
{
    void Fill(long timeUs, ref VehicleTelemetry telemetry);
}
