using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// Watches the field magnitude against the one seen at alignment. A magnitude off by more than the tolerance marks
/// the field disturbed (magnetometer fusion stops, yaw coasts on the gyros); it must look normal again for the
/// recovery time before the magnetometer is trusted, and the first sample after recovery may reset yaw.
/// </summary>
public sealed class MagAnomalyMonitor
{
    private readonly UavEkfParameters _parameters;
    private long _normalSinceUs = -1;

    public MagAnomalyMonitor(UavEkfParameters parameters) => _parameters = parameters;

    /// <summary>Field magnitude expected from alignment, gauss (0 = not yet known: everything passes).</summary>
    public double ExpectedStrengthGauss { get; set; }

    public bool IsDisturbed { get; private set; }

    /// <summary>True for the first usable sample after a disturbance ended.</summary>
    public bool JustRecovered { get; private set; }

    public int DisturbanceCount { get; private set; }

    /// <summary>Returns true when the sample may be fused.</summary>
    public bool Update(long timeUs, Vector3 fieldGauss)
    {
        JustRecovered = false;
        bool normal = ExpectedStrengthGauss <= 0
            || Math.Abs((fieldGauss.Length / ExpectedStrengthGauss) - 1.0) <= _parameters.MagStrengthTolerance;
        if (!normal)
        {
            if (!IsDisturbed)
            {
                DisturbanceCount++;
            }

            IsDisturbed = true;
            _normalSinceUs = -1;
            return false;
        }

        if (!IsDisturbed)
        {
            return true;
        }

        if (_normalSinceUs < 0)
        {
            _normalSinceUs = timeUs;
        }

        if (timeUs - _normalSinceUs < (long)(_parameters.MagRecoveryTimeS * 1e6))
        {
            return false;
        }

        IsDisturbed = false;
        JustRecovered = true;
        return true;
    }
}
