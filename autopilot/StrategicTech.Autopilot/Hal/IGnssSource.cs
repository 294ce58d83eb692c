using StrategicTech.Navigation.Estimation.Uav;

namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// A GNSS receiver: one navigation solution per new fix, stamped with the time it was delivered (the estimator
/// subtracts its configured receiver delay). Fix type numbered like MAVLink GPS_FIX_TYPE (3 = 3-D fix). Drained by
/// the vehicle every base tick; allocation-free and non-blocking like every source in this folder.
/// </summary>
public interface IGnssSource
{
    /// <summary>The oldest solution not read yet; false when there is none.</summary>
    bool TryReadGnss(out GnssSample sample);
}
