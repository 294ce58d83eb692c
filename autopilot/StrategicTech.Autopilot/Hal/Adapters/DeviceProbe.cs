namespace StrategicTech.Autopilot.Hal.Adapters;

/// <summary>
/// What probing one device of a board found: the device and where it should be (bus id, Linux device, address or
/// chip select), and when absent or wrong, why (bus missing, no answer, wrong identity, bad calibration).
/// </summary>
public sealed record DeviceProbe(string DeviceId, string Driver, string BusId, string Location, bool Present, string Problem)
{
    public override string ToString() => Present
        ? $"{DeviceId} ({Driver}) on bus '{BusId}' {Location}: present"
        : $"{DeviceId} ({Driver}) on bus '{BusId}' {Location}: MISSING: {Problem}";
}
