using StrategicTech.Navigation.Estimation.Uav;

namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// A magnetometer: field in body FRD (gauss), already rotated from the chip's axes into the body frame by the
/// board's orientation. Drained by the vehicle every base tick.
/// </summary>
public interface IMagnetometerSource
{
    /// <summary>The oldest reading not read yet; false when there is none.</summary>
    bool TryReadMagnetometer(out MagSample sample);
}
