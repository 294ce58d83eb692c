using StrategicTech.Sim.Physics;

namespace StrategicTech.Sim.Ros;

/// <summary>Differential-drive base parameters (TurtleBot3 Burger-like defaults).</summary>
public sealed record DiffDriveParameters
{
    public double WheelBaseM { get; init; } = 0.16;
    public double WheelRadiusM { get; init; } = 0.033;
    public double MaxLinearMps { get; init; } = 0.5;
    public double MaxAngularRadps { get; init; } = 2.0;
    public double MaxLinearAccelMps2 { get; init; } = 1.0;
    public double MaxAngularAccelRadps2 { get; init; } = 4.0;
    /// <summary>1σ of the per-step wheel slip fraction (the ground moves less than the wheel turns).</summary>
    public double SlipSigma { get; init; } = 0.01;
    public int EncoderTicksPerRev { get; init; } = 4096;
    public double RobotRadiusM { get; init; } = 0.11;
}

/// <summary>
/// A differential-drive base: commanded (v, ω) limited in velocity and acceleration, wheels that slip a little,
/// and quantised wheel encoders from which odometry is integrated (so odometry drifts from the truth as a real
/// robot's does). It never moves into an occupied cell; a blocked move stops it and is counted.
/// </summary>
public sealed class DiffDriveBase
{
    private readonly DiffDriveParameters _p;
    private DeterministicRandom _random;
    private double _leftWheelRad, _rightWheelRad;
    private long _leftTicks, _rightTicks;

    public DiffDriveBase(DiffDriveParameters parameters, double xM, double yM, double yawRad, ulong seed)
    {
        _p = parameters ?? throw new ArgumentNullException(nameof(parameters));
        TrueXM = xM;
        TrueYM = yM;
        TrueYawRad = yawRad;
        _random = new DeterministicRandom(seed);
    }

    public DiffDriveParameters Parameters => _p;

    public double TrueXM { get; private set; }
    public double TrueYM { get; private set; }
    public double TrueYawRad { get; private set; }

    /// <summary>Actual body velocities after limits (m/s, rad/s).</summary>
    public double LinearMps { get; private set; }
    public double AngularRadps { get; private set; }

    /// <summary>Odometry from the encoders, in the odom frame (starts at 0,0,0).</summary>
    public double OdomXM { get; private set; }
    public double OdomYM { get; private set; }
    public double OdomYawRad { get; private set; }
    public double OdomLinearMps { get; private set; }
    public double OdomAngularRadps { get; private set; }

    public long BlockedSteps { get; private set; }

    /// <summary>
    /// Extra slip fraction on both wheels (a fault: 0.3 = the ground moves 30 % less than the wheels turn, so the
    /// encoders over-report the distance travelled). 0 in normal running.
    /// </summary>
    public double ExtraSlipFraction { get; set; }

    /// <summary>Moves the robot's true pose without touching odometry (a kidnap: the robot is carried elsewhere).</summary>
    public void Teleport(double xM, double yM, double yawRad)
    {
        (TrueXM, TrueYM, TrueYawRad) = (xM, yM, WrapPi(yawRad));
        (LinearMps, AngularRadps) = (0, 0);
    }

    public void ResetOdometry() => (OdomXM, OdomYM, OdomYawRad) = (0, 0, 0);

    /// <summary>Advances by <paramref name="dtS"/> toward the command; <paramref name="isFree"/> says whether the robot disc fits at a point.</summary>
    public void Step(double dtS, double commandLinearMps, double commandAngularRadps, Func<double, double, bool> isFree)
    {
        ArgumentNullException.ThrowIfNull(isFree);
        double vTarget = Math.Clamp(commandLinearMps, -_p.MaxLinearMps, _p.MaxLinearMps);
        double wTarget = Math.Clamp(commandAngularRadps, -_p.MaxAngularRadps, _p.MaxAngularRadps);
        LinearMps += Math.Clamp(vTarget - LinearMps, -_p.MaxLinearAccelMps2 * dtS, _p.MaxLinearAccelMps2 * dtS);
        AngularRadps += Math.Clamp(wTarget - AngularRadps, -_p.MaxAngularAccelRadps2 * dtS, _p.MaxAngularAccelRadps2 * dtS);

        // Wheels turn as commanded; the ground moves a random fraction less (slip).
        double half = _p.WheelBaseM / 2;
        double leftRad = (LinearMps - (AngularRadps * half)) * dtS / _p.WheelRadiusM;
        double rightRad = (LinearMps + (AngularRadps * half)) * dtS / _p.WheelRadiusM;
        double extra = Math.Clamp(ExtraSlipFraction, 0, 1);
        double slipL = (1 - Math.Abs(_random.NextGaussian() * _p.SlipSigma)) * (1 - extra);
        double slipR = (1 - Math.Abs(_random.NextGaussian() * _p.SlipSigma)) * (1 - extra);
        double groundL = leftRad * _p.WheelRadiusM * slipL;
        double groundR = rightRad * _p.WheelRadiusM * slipR;
        double ds = (groundL + groundR) / 2;
        double dyaw = (groundR - groundL) / _p.WheelBaseM;
        double midYaw = TrueYawRad + (dyaw / 2);
        double nx = TrueXM + (ds * Math.Cos(midYaw));
        double ny = TrueYM + (ds * Math.Sin(midYaw));
        if (isFree(nx, ny))
        {
            TrueXM = nx;
            TrueYM = ny;
            TrueYawRad = WrapPi(TrueYawRad + dyaw);
            _leftWheelRad += leftRad;
            _rightWheelRad += rightRad;
        }
        else
        {
            BlockedSteps++;
            LinearMps = 0;
            AngularRadps = 0;
        }

        IntegrateEncoders(dtS);
    }

    private void IntegrateEncoders(double dtS)
    {
        double tickRad = 2 * Math.PI / _p.EncoderTicksPerRev;
        long left = (long)Math.Floor(_leftWheelRad / tickRad);
        long right = (long)Math.Floor(_rightWheelRad / tickRad);
        double dl = (left - _leftTicks) * tickRad * _p.WheelRadiusM;
        double dr = (right - _rightTicks) * tickRad * _p.WheelRadiusM;
        _leftTicks = left;
        _rightTicks = right;
        double ds = (dl + dr) / 2;
        double dyaw = (dr - dl) / _p.WheelBaseM;
        double midYaw = OdomYawRad + (dyaw / 2);
        OdomXM += ds * Math.Cos(midYaw);
        OdomYM += ds * Math.Sin(midYaw);
        OdomYawRad = WrapPi(OdomYawRad + dyaw);
        OdomLinearMps = dtS > 0 ? ds / dtS : 0;
        OdomAngularRadps = dtS > 0 ? dyaw / dtS : 0;
    }

    public static double WrapPi(double a) => Math.IEEERemainder(a, 2 * Math.PI);
}
