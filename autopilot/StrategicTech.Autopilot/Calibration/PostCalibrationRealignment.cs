using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Calibration;

/// <summary>
/// Decides when the estimator must align again after a calibration: the EKF aligned on the samples of before
/// (uncorrected), and kept running while the vehicle was turned through the poses, so its bias states, the field
/// strength it expects and its tilt were learnt against corrections that no longer apply. Measured in SITL with
/// injected errors: without a realignment the expected field strength stays at the uncorrected 0.63 G against a
/// corrected 0.52 G, the magnetometer is judged disturbed and left unfused, and yaw drifts (1.2° mean hover error
/// against 0.43° with error-free sensors). A completed calibration (disarmed) arms the realignment; it happens at
/// the first corrected IMU sample after the vehicle has rested upright (rate and specific-force magnitude still, tilt
/// within <see cref="MaxUprightTiltRad"/>) for <see cref="StillUs"/>, so the 0.1 s alignment window never contains
/// the hand that puts the vehicle down, nor the last calibration side (aligned resting on its tail, the
/// tilt-compensated heading is ill-conditioned: measured 3.4° yaw error after being set down level).
/// </summary>
public sealed class PostCalibrationRealignment
{
    /// <summary>Rest: body rate below this, rad/s (a hand-held vehicle turns at tens of degrees per second).</summary>
    public const double StillRateRadps = 0.05;

    /// <summary>Rest: specific-force magnitude within this of standard gravity, m/s².</summary>
    public const double StillAccelToleranceMps2 = 0.5;

    /// <summary>Upright: the specific force within this angle of the body's −z axis, rad (30°).</summary>
    public const double MaxUprightTiltRad = Math.PI / 6;

    /// <summary>Rest lasting this long before the realignment, µs.</summary>
    public const long StillUs = 1_000_000;

    private const double StandardGravityMps2 = 9.80665;

    private int _seenCompleted;
    private bool _pending;
    private long _stillSinceUs = -1;

    /// <summary>True while a finished calibration waits for the vehicle to rest.</summary>
    public bool Pending => _pending;

    /// <summary>
    /// Feeds one corrected IMU sample with the runner's completed count; true when the estimator is to be realigned
    /// now (before this sample is pushed, so it starts the new alignment window).
    /// </summary>
    public bool Observe(in ImuSample corrected, int completedCalibrations, bool calibrationRunning, bool armed, bool inAir)
    {
        if (completedCalibrations != _seenCompleted)
        {
            _seenCompleted = completedCalibrations;
            _pending = !armed;
            _stillSinceUs = -1;
        }

        if (!_pending || calibrationRunning || armed || inAir || corrected.DtS <= 0)
        {
            _stillSinceUs = -1;
            return false;
        }

        Vector3 rateRadps = corrected.DeltaAngleRad / corrected.DtS;
        Vector3 forceMps2 = corrected.DeltaVelocityMps / corrected.DtS;
        double magnitudeMps2 = forceMps2.Length;
        bool upright = -forceMps2.Z >= magnitudeMps2 * Math.Cos(MaxUprightTiltRad);
        if (rateRadps.Length > StillRateRadps || Math.Abs(magnitudeMps2 - StandardGravityMps2) > StillAccelToleranceMps2 || !upright)
        {
            _stillSinceUs = -1;
            return false;
        }

        if (_stillSinceUs < 0)
        {
            _stillSinceUs = corrected.TimeUs;
        }

        if (corrected.TimeUs - _stillSinceUs < StillUs)
        {
            return false;
        }

        _pending = false;
        _stillSinceUs = -1;
        return true;
    }
}
