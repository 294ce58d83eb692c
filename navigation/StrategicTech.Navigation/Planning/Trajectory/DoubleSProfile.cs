namespace StrategicTech.Navigation.Planning.Trajectory;

/// <summary>
/// Time-optimal rest-to-rest motion over a distance under speed, acceleration and jerk limits: the symmetric
/// "double S" (seven-segment) profile of Biagiotti &amp; Melchiorri, Trajectory Planning for Automatic Machines and
/// Robots (2008), §3.4. Jerk is ±j or 0, acceleration is piecewise linear, speed never exceeds the limit.
/// </summary>
public readonly struct DoubleSProfile
{
    private readonly double _jerk;
    private readonly double _peakAcceleration;

    public DoubleSProfile(double distanceM, MotionLimits limits)
    {
        limits.Validate();
        if (!(distanceM >= 0) || !double.IsFinite(distanceM))
        {
            throw new ArgumentOutOfRangeException(nameof(distanceM), distanceM, "distance must be finite and not negative");
        }

        DistanceM = distanceM;
        double v = limits.MaxSpeedMps;
        double a = limits.MaxAccelerationMps2;
        double j = limits.MaxJerkMps3;
        _jerk = j;
        if (distanceM == 0)
        {
            return;
        }

        // Assume the speed limit is reached (Eq. 3.19).
        double tj;
        double ta;
        if (v * j >= a * a)
        {
            tj = a / j;
            ta = tj + (v / a);
        }
        else
        {
            tj = Math.Sqrt(v / j);
            ta = 2 * tj;
        }

        double tv = (distanceM / v) - ta;
        if (tv < 0)
        {
            // Speed limit not reached: with or without the acceleration limit reached (Eq. 3.20-3.21, v0 = v1 = 0).
            tv = 0;
            if (distanceM >= 2 * a * a * a / (j * j))
            {
                tj = a / j;
                ta = (tj / 2) + Math.Sqrt((tj * tj / 4) + (distanceM / a));
            }
            else
            {
                tj = Math.Cbrt(distanceM / (2 * j));
                ta = 2 * tj;
            }
        }

        JerkTimeS = tj;
        AccelerationTimeS = ta;
        CruiseTimeS = tv;
        _peakAcceleration = j * tj;
        PeakSpeedMps = (ta - tj) * _peakAcceleration;
        DurationS = (2 * ta) + tv;
    }

    public double DistanceM { get; }

    public double DurationS { get; }

    public double PeakSpeedMps { get; }

    /// <summary>Length of each constant-jerk phase.</summary>
    public double JerkTimeS { get; }

    /// <summary>Length of the whole acceleration (and of the deceleration) phase.</summary>
    public double AccelerationTimeS { get; }

    public double CruiseTimeS { get; }

    /// <summary>Distance, speed, acceleration and jerk along the move at time t (clamped to [0, duration]).</summary>
    public void Sample(double timeS, out double distanceM, out double speedMps, out double accelerationMps2, out double jerkMps3)
    {
        if (DurationS <= 0 || timeS <= 0)
        {
            distanceM = 0;
            speedMps = 0;
            accelerationMps2 = 0;
            jerkMps3 = 0;
            return;
        }

        if (timeS >= DurationS)
        {
            distanceM = DistanceM;
            speedMps = 0;
            accelerationMps2 = 0;
            jerkMps3 = 0;
            return;
        }

        double ta = AccelerationTimeS;
        if (timeS < ta)
        {
            SampleAcceleration(timeS, out distanceM, out speedMps, out accelerationMps2, out jerkMps3);
            return;
        }

        if (timeS < ta + CruiseTimeS)
        {
            distanceM = (PeakSpeedMps * ta / 2) + (PeakSpeedMps * (timeS - ta));
            speedMps = PeakSpeedMps;
            accelerationMps2 = 0;
            jerkMps3 = 0;
            return;
        }

        // Deceleration mirrors acceleration in time.
        SampleAcceleration(DurationS - timeS, out double mirrored, out speedMps, out double a, out double j);
        distanceM = DistanceM - mirrored;
        accelerationMps2 = -a;
        jerkMps3 = j;
    }

    private void SampleAcceleration(double t, out double s, out double v, out double a, out double jerk)
    {
        double tj = JerkTimeS;
        double ta = AccelerationTimeS;
        double j = _jerk;
        double alim = _peakAcceleration;
        if (t < tj)
        {
            s = j * t * t * t / 6;
            v = j * t * t / 2;
            a = j * t;
            jerk = j;
        }
        else if (t < ta - tj)
        {
            s = alim / 6 * ((3 * t * t) - (3 * tj * t) + (tj * tj));
            v = alim * (t - (tj / 2));
            a = alim;
            jerk = 0;
        }
        else
        {
            double tau = ta - t;
            s = (PeakSpeedMps * ta / 2) - (PeakSpeedMps * tau) + (j * tau * tau * tau / 6);
            v = PeakSpeedMps - (j * tau * tau / 2);
            a = j * tau;
            jerk = -j;
        }
    }
}
