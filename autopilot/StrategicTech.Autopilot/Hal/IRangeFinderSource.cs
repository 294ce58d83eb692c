using StrategicTech.Navigation.Estimation.Uav;

namespace StrategicTech.Autopilot.Hal;

/// <summary>
/// A downward range finder: distance along body +Z (m). Only valid returns are handed out; a reading outside the
/// sensor's range is no sample (nothing for the estimator to fuse). Drained by the vehicle every base tick.
/// </summary>
public interface IRangeFinderSource
{
    /// <summary>The oldest valid reading not read yet; false when there is none.</summary>
    bool TryReadRange(out RangeSample sample);
}
