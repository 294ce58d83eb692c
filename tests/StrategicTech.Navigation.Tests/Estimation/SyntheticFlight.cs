using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Geodesy.Magnetism;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Tests.Estimation;

/// <summary>Noise levels and rates of the synthetic sensors (per-sample 1-sigma, SI units).</summary>
internal sealed record SyntheticSensorModel
{
    public double GyroNoiseRadps { get; init; } = 0.01;
    public double AccelNoiseMps2 { get; init; } = 0.2;
    public double GyroBiasSigmaRadps { get; init; } = 0.003;
    public double AccelBiasSigmaMps2 { get; init; } = 0.05;
    public double GnssPositionNoiseM { get; init; } = 0.3;
    public double GnssVelocityNoiseMps { get; init; } = 0.1;
    public double BaroNoiseM { get; init; } = 0.3;
    public double MagNoiseGauss { get; init; } = 0.005;
    public long ImuIntervalUs { get; init; } = 4000;
    public long GnssIntervalUs { get; init; } = 200_000;
    public long BaroIntervalUs { get; init; } = 20_000;
    public long MagIntervalUs { get; init; } = 20_000;
    public long GnssDelayUs { get; init; } = 100_000;
    public double GroundTimeS { get; init; } = 8.0;
}

/// <summary>
/// Seeded truth trajectory and sensor generator. The truth is integrated from exact body increments (a smooth
/// figure in the air after a few seconds on the ground, rolling, pitching and turning), so it obeys the same
/// strapdown equations as the filter; sensors add constant biases and white noise. Faults are injected by the
/// test through <see cref="GnssOffsetNedM"/>, <see cref="GnssAvailable"/> and <see cref="MagDisturbanceBodyGauss"/>.
/// </summary>
internal sealed class SyntheticFlight
{
    public static readonly GeodeticPosition Origin = GeodeticPosition.FromDegrees(47.3977, 8.5456, 488.0);

    /// <summary>The world's field: WMM2025 at the origin in the filter's default model year (declination 3.73 deg).</summary>
    public static readonly Vector3 EarthFieldNedGauss = Wmm2025.Model.Evaluate(Origin, new UavEkfParameters().WorldMagneticModelYear).NedGauss;

    /// <summary>
    /// The world's declination, rad: what a vehicle has in its declination parameter from its last flight here (PX4 stores
    /// the WMM declination in EKF2_MAG_DECL), so alignment before the GNSS origin already heads true north.
    /// </summary>
    public static readonly double DeclinationRad = Math.Atan2(EarthFieldNedGauss.Y, EarthFieldNedGauss.X);
    public const double BaroDatumM = 487.0;

    private readonly Random _random;
    private readonly SyntheticSensorModel _model;
    private readonly LocalNedFrame _frame = new(Origin);
    private readonly List<(long TimeUs, Vector3 Position, Vector3 Velocity)> _gnssPending = [];
    private readonly Vector3 _gyroBias;
    private readonly Vector3 _accelBias;
    private Quaternion _q;
    private Vector3 _v;
    private Vector3 _p;
    private Vector3 _rateRadps;

    public SyntheticFlight(int seed, SyntheticSensorModel? model = null, double initialYawRad = 0.4)
    {
        _random = new Random(seed);
        _model = model ?? new SyntheticSensorModel();
        _q = Quaternion.FromEuler(0.02, -0.01, initialYawRad);
        _gyroBias = RandomVector(_model.GyroBiasSigmaRadps);
        _accelBias = RandomVector(_model.AccelBiasSigmaMps2);
    }

    public long TimeUs { get; private set; }

    public Quaternion TrueAttitude => _q;

    public Vector3 TrueVelocityNedMps => _v;

    public Vector3 TruePositionNedM => _p;

    public Vector3 TrueGyroBiasRadps => _gyroBias;

    public Vector3 TrueAccelBiasMps2 => _accelBias;

    public bool InAir => TimeUs * 1e-6 > _model.GroundTimeS;

    public ImuSample Imu { get; private set; }

    public bool HasGnss { get; private set; }

    public GnssSample Gnss { get; private set; }

    public bool HasBaro { get; private set; }

    public BaroSample Baro { get; private set; }

    public bool HasMag { get; private set; }

    public MagSample Mag { get; private set; }

    public Vector3 GnssOffsetNedM { get; set; }

    /// <summary>
    /// Time since take-off, s, over which the vehicle cruises straight and level at constant velocity (no acceleration,
    /// no turn, only a small roll/pitch wobble): yaw is unobservable from GNSS velocity there. The figure resumes at the
    /// end with a step in acceleration. Default none.
    /// </summary>
    public (double FromS, double ToS) StraightCruiseS { get; init; } = (double.PositiveInfinity, double.PositiveInfinity);

    public bool GnssAvailable { get; set; } = true;

    /// <summary>GNSS antenna position in body FRD, m: the receiver reports the antenna's position and velocity.</summary>
    public Vector3 GnssAntennaBodyM { get; set; }

    public Vector3 MagDisturbanceBodyGauss { get; set; }

    /// <summary>Magnetometer mounted rotated about body z by this angle (a wrong orientation setting), rad.</summary>
    public double MagRotationRad { get; set; }

    /// <summary>Advances the truth by one IMU interval and produces this step's samples.</summary>
    public void Step()
    {
        double dt = _model.ImuIntervalUs * 1e-6;
        double t = TimeUs * 1e-6;
        double tau = t - _model.GroundTimeS;
        Vector3 rate = Vector3.Zero, accelNed = Vector3.Zero;
        if (tau > 0)
        {
            rate = new Vector3(0.2 * Math.Sin(0.7 * tau), 0.15 * Math.Cos(0.5 * tau), 0.1 * Math.Sin(0.05 * tau));
            accelNed = new Vector3(0.8 * Math.Cos(0.2 * tau), 0.39 * Math.Cos(0.13 * tau), -0.3 * Math.Cos(0.25 * tau) * (tau < 25 ? 1 : 0));
            if (tau >= StraightCruiseS.FromS && tau < StraightCruiseS.ToS)
            {
                rate = new Vector3(0.05 * Math.Sin(0.7 * tau), 0.05 * Math.Cos(0.5 * tau), 0);
                accelNed = Vector3.Zero;
            }
        }

        Vector3 dAng = rate * dt;
        _rateRadps = rate;

        // Body increment that yields the wanted NED acceleration with the filter's own integration rule.
        Quaternion qNext = (_q * Quaternion.FromRotationVector(dAng)).Normalized();
        Vector3 specificNed = accelNed - new Vector3(0, 0, InertialIntegration.GravityMps2);
        Vector3 dvMid = qNext.RotateInverse(specificNed * dt);
        Vector3 dVel = dvMid + (0.5 * Vector3.Cross(dAng, dvMid));
        Quaternion q = _q;
        Vector3 v = _v, p = _p;
        InertialIntegration.Step(ref q, ref v, ref p, dAng, dVel, dt, out _);
        _q = q;
        _v = v;
        _p = p;
        TimeUs += _model.ImuIntervalUs;

        Imu = new ImuSample(TimeUs,
            dAng + ((_gyroBias + RandomVector(_model.GyroNoiseRadps)) * dt),
            dVel + ((_accelBias + RandomVector(_model.AccelNoiseMps2)) * dt),
            dt);
        ProduceObservations();
    }

    private void ProduceObservations()
    {
        long now = TimeUs;
        HasBaro = now % _model.BaroIntervalUs == 0;
        if (HasBaro)
        {
            Baro = new BaroSample(now, BaroDatumM - _p.Z + Gaussian(_model.BaroNoiseM));
        }

        HasMag = now % _model.MagIntervalUs == 0;
        if (HasMag)
        {
            Vector3 clean = _q.RotateInverse(EarthFieldNedGauss);
            if (MagRotationRad != 0)
            {
                clean = Quaternion.FromAxisAngle(Vector3.UnitZ, MagRotationRad).Rotate(clean);
            }

            Vector3 field = clean + MagDisturbanceBodyGauss + RandomVector(_model.MagNoiseGauss);
            Mag = new MagSample(now, field);
        }

        if (now % _model.GnssIntervalUs == 0 && GnssAvailable)
        {
            Vector3 antenna = _p + _q.Rotate(GnssAntennaBodyM);
            Vector3 antennaVelocity = _v + _q.Rotate(Vector3.Cross(_rateRadps, GnssAntennaBodyM));
            _gnssPending.Add((now + _model.GnssDelayUs, antenna + GnssOffsetNedM + RandomVector(_model.GnssPositionNoiseM), antennaVelocity + RandomVector(_model.GnssVelocityNoiseMps)));
        }

        HasGnss = false;
        if (_gnssPending.Count > 0 && _gnssPending[0].TimeUs <= now)
        {
            (long stamp, Vector3 position, Vector3 velocity) = _gnssPending[0];
            _gnssPending.RemoveAt(0);
            GeodeticPosition geo = _frame.FromNed(position);
            Gnss = new GnssSample(stamp, geo, velocity, 3, 12, _model.GnssPositionNoiseM, 0.5, _model.GnssVelocityNoiseMps);
            HasGnss = true;
        }
    }

    /// <summary>Pushes this step's samples into a filter.</summary>
    public void Feed(UavEkf filter)
    {
        filter.SetInAir(InAir);
        filter.PushImu(Imu);
        if (HasMag)
        {
            filter.PushMag(Mag);
        }

        if (HasBaro)
        {
            filter.PushBaro(Baro);
        }

        if (HasGnss)
        {
            filter.PushGnss(Gnss);
        }
    }

    /// <summary>Truth position in the filter's local frame (whose origin is the first GNSS fix, not ours).</summary>
    public Vector3 TruthInFilterFrame(UavEkf filter)
    {
        GeodeticPosition here = _frame.FromNed(_p);
        return new LocalNedFrame(filter.Gnss.Origin).ToNed(here);
    }

    private Vector3 RandomVector(double sigma) => new(Gaussian(sigma), Gaussian(sigma), Gaussian(sigma));

    private double Gaussian(double sigma)
    {
        double u1 = 1.0 - _random.NextDouble();
        double u2 = _random.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
