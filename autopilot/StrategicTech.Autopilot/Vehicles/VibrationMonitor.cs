using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Vehicles;

/// <summary>
/// Accumulates accelerometer vibration for VIBRATION: the specific force minus its 5 Hz first-order low-pass (the
/// vibration floor ArduPilot's VIBE uses, i.e. a high-pass), squared and summed per body axis, with the count of
/// samples the accelerometer clipped. The sums are cumulative so each reporter takes the RMS over its own window
/// from the difference of two snapshots. Fed on the sensor loop; no allocation.
/// </summary>
public sealed class VibrationMonitor
{
    /// <summary>Corner frequency of the low-pass whose residual counts as vibration (Hz).</summary>
    public const double FloorCutoffHz = 5;

    private Vector3 _floorMps2;
    private bool _primed;

    /// <summary>Sum over samples of the squared high-passed specific force, per body axis ((m/s²)²).</summary>
    public Vector3 SumSquaresMps2Sq { get; private set; }

    /// <summary>Samples summed into <see cref="SumSquaresMps2Sq"/>.</summary>
    public long SampleCount { get; private set; }

    /// <summary>Samples the accelerometer flagged as clipped (at the end of its range).</summary>
    public long ClipCount { get; private set; }

    public void OnImu(in ImuSample imu)
    {
        if (imu.AccelerometerClipped)
        {
            ClipCount++;
        }

        if (!(imu.DtS > 0))
        {
            return;
        }

        Vector3 specificForceMps2 = imu.DeltaVelocityMps * (1.0 / imu.DtS);
        if (!_primed)
        {
            // Start the floor at the first sample so the step from rest to gravity is not counted as vibration.
            _floorMps2 = specificForceMps2;
            _primed = true;
            return;
        }

        double alpha = imu.DtS / (imu.DtS + (1.0 / (2 * Math.PI * FloorCutoffHz)));
        _floorMps2 += (specificForceMps2 - _floorMps2) * alpha;
        Vector3 h = specificForceMps2 - _floorMps2;
        SumSquaresMps2Sq += Vector3.Scale(h, h);
        SampleCount++;
    }
}
