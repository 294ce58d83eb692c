namespace StrategicTech.Navigation.Planning.Trajectory;

/// <summary>
/// The fastest jerk-limited change of speed by <see cref="DeltaMps"/> starting and ending at zero acceleration: the
/// acceleration phase of a double-S profile (jerk +j, then constant acceleration if reached, then jerk −j).
/// Quantities are relative to the starting speed: <c>speed = start + v(t)</c>.
/// </summary>
public readonly struct VelocityChange
{
    private readonly double _jerk;
    private readonly double _peakAcceleration;

    public VelocityChange(double deltaMps, double maxAccelerationMps2, double maxJerkMps3)
    {
        if (!(deltaMps >= 0) || !(maxAccelerationMps2 > 0) || !(maxJerkMps3 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(deltaMps), deltaMps, "speed change must not be negative and limits must be positive");
        }

        DeltaMps = deltaMps;
        _jerk = maxJerkMps3;
        double tj;
        double ta;
        if (deltaMps * maxJerkMps3 >= maxAccelerationMps2 * maxAccelerationMps2)
        {
            tj = maxAccelerationMps2 / maxJerkMps3;
            ta = tj + (deltaMps / maxAccelerationMps2);
        }
        else
        {
            tj = Math.Sqrt(deltaMps / maxJerkMps3);
            ta = 2 * tj;
        }

        JerkTimeS = tj;
        DurationS = ta;
        _peakAcceleration = maxJerkMps3 * tj;
    }

    public double DeltaMps { get; }

    public double DurationS { get; }

    public double JerkTimeS { get; }

    /// <summary>Distance gained over the change relative to staying at the starting speed: Δv·T/2 (the speed curve is point-symmetric).</summary>
    public double ExtraDistanceM => DeltaMps * DurationS / 2;

    /// <summary>Distance, speed, acceleration and jerk gained at time t (clamped), relative to the starting speed.</summary>
    public void Sample(double timeS, out double distanceM, out double speedMps, out double accelerationMps2, out double jerkMps3)
    {
        double tj = JerkTimeS;
        double ta = DurationS;
        double j = _jerk;
        double alim = _peakAcceleration;
        double t = Math.Clamp(timeS, 0, ta);
        if (ta <= 0)
        {
            distanceM = speedMps = accelerationMps2 = jerkMps3 = 0;
            return;
        }

        if (t >= ta)
        {
            distanceM = ExtraDistanceM;
            speedMps = DeltaMps;
            accelerationMps2 = 0;
            jerkMps3 = 0;
        }
        else if (t < tj)
        {
            distanceM = j * t * t * t / 6;
            speedMps = j * t * t / 2;
            accelerationMps2 = j * t;
            jerkMps3 = j;
        }
        else if (t < ta - tj)
        {
            distanceM = alim / 6 * ((3 * t * t) - (3 * tj * t) + (tj * tj));
            speedMps = alim * (t - (tj / 2));
            accelerationMps2 = alim;
            jerkMps3 = 0;
        }
        else
        {
            double tau = ta - t;
            distanceM = (DeltaMps * ta / 2) - (DeltaMps * tau) + (j * tau * tau * tau / 6);
            speedMps = DeltaMps - (j * tau * tau / 2);
            accelerationMps2 = j * tau;
            jerkMps3 = -j;
        }
    }
}
