using StrategicTech.Navigation.Estimation.Uav;

namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// A barometer: pressure altitude (m, positive up, any fixed datum; the driver converts pressure with the standard
/// atmosphere). Drained by the vehicle every base tick.
/// </summary>
public interface IBarometerSource
{
    /// <summary>The oldest reading not read yet; false when there is none.</summary>
    bool TryReadBarometer(out BaroSample sample);
}
