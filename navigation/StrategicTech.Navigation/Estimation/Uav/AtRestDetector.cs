using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav;

/// <summary>
/// IMU stillness, as EKF2's vehicle-at-rest check: the vehicle is still once its angular rate has stayed below
/// <see cref="UavEkfParameters.AtRestMaxRateRadps"/> and its specific force within
/// <see cref="UavEkfParameters.AtRestMaxAccelDeviationMps2"/> of a slow mean for <see cref="UavEkfParameters.AtRestTimeS"/>.
/// Stillness alone does not mean at rest: a steady climb or descent looks the same to an IMU, so the filter also needs
/// the caller's landed flag (<see cref="UavEkf.SetInAir"/>). Stillness is timed independently of that flag because a
/// land detector's "landed" already arrives seconds after the touchdown's impact.
/// </summary>
public sealed class AtRestDetector
{
    // Time constant of the mean specific force the deviation is measured against (long against an impact, short
    // against a change of attitude on the ground).
    private const double MeanTimeConstantS = 0.2;

    private readonly double _maxRateRadps;
    private readonly double _maxAccelDeviationMps2;
    private readonly long _stillTimeUs;
    private Vector3 _meanSpecificForceMps2;
    private bool _hasMean;
    private long _lastMotionUs = long.MinValue;

    public AtRestDetector(UavEkfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _maxRateRadps = parameters.AtRestMaxRateRadps;
        _maxAccelDeviationMps2 = parameters.AtRestMaxAccelDeviationMps2;
        _stillTimeUs = (long)(parameters.AtRestTimeS * 1e6);
    }

    /// <summary>True when no motion was seen for the stillness time up to the last sample.</summary>
    public bool IsStill { get; private set; }

    /// <summary>Time of the last sample that showed motion (the first sample counts as motion), µs.</summary>
    public long LastMotionUs => _lastMotionUs;

    public void Push(in ImuSample imu)
    {
        double dt = imu.DtS;
        Vector3 rate = imu.DeltaAngleRad / dt;
        Vector3 force = imu.DeltaVelocityMps / dt;
        if (!_hasMean)
        {
            _meanSpecificForceMps2 = force;
            _hasMean = true;
            _lastMotionUs = imu.TimeUs;
        }

        bool moving = imu.AccelerometerClipped
            || rate.Length > _maxRateRadps
            || (force - _meanSpecificForceMps2).Length > _maxAccelDeviationMps2;
        _meanSpecificForceMps2 += (force - _meanSpecificForceMps2) * Math.Min(1.0, dt / MeanTimeConstantS);
        if (moving)
        {
            _lastMotionUs = imu.TimeUs;
        }

        IsStill = imu.TimeUs - _lastMotionUs >= _stillTimeUs;
    }

    /// <summary>Forgets the history (a realignment): the next sample starts the stillness time afresh.</summary>
    public void Reset()
    {
        _hasMean = false;
        IsStill = false;
    }
}
