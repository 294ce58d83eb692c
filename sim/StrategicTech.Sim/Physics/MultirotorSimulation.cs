using System.Runtime.CompilerServices;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;
using StrategicTech.Sim.Faults;

namespace StrategicTech.Sim.Physics;

/// <summary>
/// Rigid-body 6-DOF multirotor physics, integrated with fixed-step classical RK4 (default 1 kHz). The integrated
/// state is position and velocity (NED), attitude (body FRD → NED quaternion, renormalised every step), body rates
/// (FRD) and the motor speeds, each lagging its command with a first-order time constant. The motor lag is linear
/// with a constant target over a step, so it is integrated exactly (ω(t) = ωc + (ω0 − ωc)·e^(−t/τ)) and RK4 uses
/// the exact motor speeds at its stage times t, t + h/2 and t + h. Inputs over a step are held constant: motor
/// commands, wind, supply voltage. Ground contact, battery and faults are applied between steps. After
/// construction <see cref="Step"/> allocates nothing.
/// </summary>
public sealed class MultirotorSimulation
{
    /// <summary>How fast the landing gear levels a vehicle resting tilted on the ground (rad/s).</summary>
    public const double GroundLevellingRateRadPerS = 3.0;

    private readonly AirframeDefinition _airframe;
    private readonly FaultSchedule _faults;
    private readonly WindModel _wind;
    private readonly BatteryModel _battery;
    private readonly LocalNedFrame _homeFrame;
    private readonly int _motorCount;
    private readonly double _dtS;
    private readonly double _massKg;
    private readonly double _inverseMassPerKg;
    private readonly bool _diagonalInertia;
    private readonly Vector3 _principalInertiaKgM2;
    private readonly Vector3 _inversePrincipalInertia;
    private readonly Matrix3 _inertia;
    private readonly Matrix3 _inertiaInverse;
    private readonly double _kThrust;
    private readonly double _kTorque;
    private readonly double _motorDecayHalfStep;
    private readonly double _motorDecayFullStep;
    private readonly Vector3 _linearDrag;
    private readonly Vector3 _quadraticDrag;
    private readonly Vector3 _angularDrag;
    private readonly double _gravityMps2;
    private readonly double _groundDownM;
    private readonly Vector3 _magneticFieldNedGauss;
    private readonly double[] _motorX;
    private readonly double[] _motorY;
    private readonly double[] _motorSpin;
    private readonly double[] _commands;

    private State _state;
    private MotorVector _motorSpeedsRadPerS;
    private MotorVector _motorTargetRadPerS;
    private VehicleTruth _truth;
    private Vector3 _handRateNedRadps;
    private int _nextBatteryFault;

    public MultirotorSimulation(AirframeDefinition airframe, SimulationEnvironment environment, FaultSchedule? faults = null, long stepUs = 1000)
    {
        ArgumentNullException.ThrowIfNull(airframe);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepUs, 1);
        if (airframe.Motors.Count is < 1 or > AirframeDefinition.MaxMotors)
        {
            throw new ArgumentException($"airframe '{airframe.Name}' has {airframe.Motors.Count} motors; 1..{AirframeDefinition.MaxMotors} are supported", nameof(airframe));
        }

        if (!airframe.InertiaKgM2.TryInvert(out _inertiaInverse))
        {
            throw new ArgumentException($"airframe '{airframe.Name}' has a singular inertia tensor", nameof(airframe));
        }

        _airframe = airframe;
        _faults = faults ?? FaultSchedule.Empty;
        StepUs = stepUs;
        _dtS = stepUs * 1e-6;
        _motorCount = airframe.Motors.Count;
        _massKg = airframe.MassKg;
        _inverseMassPerKg = 1.0 / airframe.MassKg;
        _inertia = airframe.InertiaKgM2;
        Matrix3 i0 = airframe.InertiaKgM2;
        _diagonalInertia = i0.M12 == 0 && i0.M13 == 0 && i0.M21 == 0 && i0.M23 == 0 && i0.M31 == 0 && i0.M32 == 0;
        _principalInertiaKgM2 = new Vector3(i0.M11, i0.M22, i0.M33);
        _inversePrincipalInertia = new Vector3(1.0 / i0.M11, 1.0 / i0.M22, 1.0 / i0.M33);
        _kThrust = airframe.ThrustCoefficientNPerRadPerS2;
        _kTorque = airframe.TorqueCoefficientNmPerRadPerS2;
        _motorDecayHalfStep = Math.Exp(-0.5 * _dtS / airframe.MotorTimeConstantS);
        _motorDecayFullStep = Math.Exp(-_dtS / airframe.MotorTimeConstantS);
        _linearDrag = airframe.LinearDragNsPerM;
        _quadraticDrag = airframe.QuadraticDragNs2PerM2;
        _angularDrag = airframe.AngularDragNmsPerRad;
        _motorX = new double[_motorCount];
        _motorY = new double[_motorCount];
        _motorSpin = new double[_motorCount];
        for (int i = 0; i < _motorCount; i++)
        {
            // Motors are taken to lie in the centre-of-mass plane: an offset along Z changes no moment of a Z force.
            _motorX[i] = airframe.Motors[i].PositionFrdM.X;
            _motorY[i] = airframe.Motors[i].PositionFrdM.Y;
            _motorSpin[i] = (int)airframe.Motors[i].Spin;
        }

        _commands = new double[_motorCount];
        _gravityMps2 = environment.GravityMps2;
        _groundDownM = environment.GroundDownM;
        _magneticFieldNedGauss = environment.FieldAtHome.FieldNedGauss();
        _homeFrame = new LocalNedFrame(environment.Home);
        _wind = new WindModel(environment.Wind, DeterministicRandom.DeriveSeed(environment.Seed, 0x57494E44));
        _battery = new BatteryModel(airframe.Battery);
        ResetState(new Vector3(0, 0, _groundDownM), Vector3.Zero, Quaternion.Identity, Vector3.Zero, 0);
    }

    public AirframeDefinition Airframe => _airframe;

    public long StepUs { get; }

    public double GravityMps2 => _gravityMps2;

    public LocalNedFrame HomeFrame => _homeFrame;

    /// <summary>Motor commands that were not finite and were taken as 0 (bad input is counted, never fatal).</summary>
    public long InvalidCommandCount { get; private set; }

    public ref readonly VehicleTruth Truth => ref _truth;

    /// <summary>The WGS84 position of the vehicle now (exact, through ECEF; call at sensor rate, not per step).</summary>
    public GeodeticPosition GeodeticPosition() => _homeFrame.FromNed(_state.PositionNedM);

    /// <summary>Places the vehicle (e.g. hovering at altitude), all motors at <paramref name="motorSpeedRadPerS"/>.</summary>
    public void ResetState(Vector3 positionNedM, Vector3 velocityNedMps, Quaternion attitude, Vector3 bodyRatesFrdRadPerS, double motorSpeedRadPerS)
    {
        Span<double> speeds = stackalloc double[AirframeDefinition.MaxMotors];
        speeds.Fill(motorSpeedRadPerS);
        ResetState(positionNedM, velocityNedMps, attitude, bodyRatesFrdRadPerS, speeds);
    }

    /// <summary>Places the vehicle with each motor at its own speed (rad/s, airframe order).</summary>
    public void ResetState(Vector3 positionNedM, Vector3 velocityNedMps, Quaternion attitude, Vector3 bodyRatesFrdRadPerS, ReadOnlySpan<double> motorSpeedsRadPerS)
    {
        _state = default;
        _state.PositionNedM = positionNedM;
        _state.VelocityNedMps = velocityNedMps;
        _state.Attitude = attitude.Normalized();
        _state.RatesFrdRadPerS = bodyRatesFrdRadPerS;
        _motorSpeedsRadPerS = default;
        for (int i = 0; i < _motorCount; i++)
        {
            _motorSpeedsRadPerS[i] = i < motorSpeedsRadPerS.Length ? motorSpeedsRadPerS[i] : 0;
        }

        bool onGround = positionNedM.Z >= _groundDownM && velocityNedMps.Z >= 0;
        if (onGround)
        {
            _state.PositionNedM = positionNedM with { Z = _groundDownM };
            _state.VelocityNedMps = Vector3.Zero;
            _state.RatesFrdRadPerS = Vector3.Zero;
            _state.Attitude = YawOnly(_state.Attitude);
        }

        _truth.Landed = onGround;
        _truth.Crashed = false;
        PublishTruth(Vector3.Zero);
        _truth.DeltaAngleFrdRad = Vector3.Zero;
        _truth.SpecificForceFrdMps2 = _state.Attitude.RotateInverse(new Vector3(0, 0, onGround ? -_gravityMps2 : 0));
    }

    /// <summary>True while a ground handler holds the vehicle (<see cref="HoldByHand"/>).</summary>
    public bool HeldByHand { get; private set; }

    /// <summary>
    /// Kinematic override for ground handling (a pilot turning the disarmed vehicle through calibration poses): from
    /// the next step the vehicle stays at its position, at rest, and its attitude turns at
    /// <paramref name="rateNedRadps"/> (earth frame) from <paramref name="attitude"/>, instead of the rigid-body
    /// dynamics and ground contact. The truth (delta angle, specific force = gravity reaction in the body) is
    /// consistent with that motion, so the sensor models see exactly what a hand-held vehicle gives. Refused
    /// (false) unless the vehicle is landed with the motors commanded off.
    /// </summary>
    public bool HoldByHand(Quaternion attitude, Vector3 rateNedRadps)
    {
        if (!HeldByHand && (!_truth.Landed || _commands.AsSpan(0, _motorCount).ContainsAnyExcept(0.0)))
        {
            return false;
        }

        HeldByHand = true;
        _state.Attitude = attitude.Normalized();
        _handRateNedRadps = rateNedRadps;
        return true;
    }

    /// <summary>Ends <see cref="HoldByHand"/>: the vehicle is set back on the ground level, at its yaw.</summary>
    public void ReleaseHand()
    {
        if (!HeldByHand)
        {
            return;
        }

        HeldByHand = false;
        Quaternion previous = _state.Attitude;
        _state.Attitude = YawOnly(_state.Attitude);
        _truth.DeltaAngleFrdRad = (previous.Conjugate() * _state.Attitude).ToRotationVector();
    }

    /// <summary>Normalised motor commands 0..1 (clamped), one per motor in airframe order; missing ones are 0.</summary>
    public void SetMotorCommands(ReadOnlySpan<double> commands)
    {
        for (int i = 0; i < _motorCount; i++)
        {
            double u = i < commands.Length ? commands[i] : 0;
            if (!double.IsFinite(u))
            {
                InvalidCommandCount++;
                u = 0;
            }

            _commands[i] = Math.Clamp(u, 0, 1);
        }
    }

    /// <summary>Advances the world by one fixed step of <see cref="StepUs"/>.</summary>
    public void Step()
    {
        long timeUs = _truth.TimeUs;
        ApplyBatteryFaults(timeUs);
        _wind.Step(_dtS);
        Vector3 windNedMps = _wind.WindNedMps;

        double speedLimit = _airframe.MaxMotorSpeedRadPerS * _battery.VoltageFraction;
        for (int i = 0; i < _motorCount; i++)
        {
            double u = _truth.Crashed ? 0 : _faults.Count == 0 ? _commands[i] : _commands[i] * _faults.MotorOutputFraction(i, timeUs);
            _motorTargetRadPerS[i] = u * speedLimit;
        }

        Vector3 previousVelocity = _state.VelocityNedMps;
        Quaternion previousAttitude = _state.Attitude;
        if (HeldByHand)
        {
            _state.VelocityNedMps = Vector3.Zero;
            _state.Attitude = (Quaternion.FromRotationVector(_handRateNedRadps * _dtS) * _state.Attitude).Normalized();
            _state.RatesFrdRadPerS = _state.Attitude.RotateInverse(_handRateNedRadps);
            previousVelocity = Vector3.Zero;
        }
        else
        {
            Integrate(ref _state, windNedMps, _dtS);
            _state.Attitude = _state.Attitude.Normalized();
            ApplyGroundContact();
        }

        double mechanicalPowerW = 0;
        for (int i = 0; i < _motorCount; i++)
        {
            double target = _motorTargetRadPerS[i];
            double lag = (_motorSpeedsRadPerS[i] - target) * _motorDecayFullStep;
            // Snap a settled motor to its target: an ever-decaying lag would reach subnormal doubles, which the CPU
            // handles ~100× slower, in long steady hovers.
            double w = Math.Abs(lag) < 1e-9 ? target : target + lag;
            _motorSpeedsRadPerS[i] = w;
            mechanicalPowerW += _kTorque * w * w * w;
        }

        _battery.Step(mechanicalPowerW, _dtS);
        _truth.TimeUs = timeUs + StepUs;
        _truth.WindNedMps = windNedMps;
        Vector3 accelerationNed = (_state.VelocityNedMps - previousVelocity) / _dtS;
        PublishTruth(accelerationNed);
        // The body's exact rotation over the step, so an integrating gyro model loses nothing to its sampling.
        _truth.DeltaAngleFrdRad = (previousAttitude.Conjugate() * _state.Attitude).ToRotationVector();
    }

    private void Integrate(ref State s, Vector3 windNedMps, double h)
    {
        MotorWrenches(out Wrench start, out Wrench middle, out Wrench end);

        Derivative(in s, in start, windNedMps, out State k1);
        Derivative(Add(in s, in k1, 0.5 * h), in middle, windNedMps, out State k2);
        Derivative(Add(in s, in k2, 0.5 * h), in middle, windNedMps, out State k3);
        Derivative(Add(in s, in k3, h), in end, windNedMps, out State k4);

        double h6 = h / 6.0;
        s.PositionNedM += (k1.PositionNedM + (2 * (k2.PositionNedM + k3.PositionNedM)) + k4.PositionNedM) * h6;
        s.VelocityNedMps += (k1.VelocityNedMps + (2 * (k2.VelocityNedMps + k3.VelocityNedMps)) + k4.VelocityNedMps) * h6;
        s.Attitude += (k1.Attitude + ((k2.Attitude + k3.Attitude) * 2) + k4.Attitude) * h6;
        s.RatesFrdRadPerS += (k1.RatesFrdRadPerS + (2 * (k2.RatesFrdRadPerS + k3.RatesFrdRadPerS)) + k4.RatesFrdRadPerS) * h6;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static State Add(in State s, in State k, double h) => new()
    {
        PositionNedM = s.PositionNedM + (k.PositionNedM * h),
        VelocityNedMps = s.VelocityNedMps + (k.VelocityNedMps * h),
        Attitude = s.Attitude + (k.Attitude * h),
        RatesFrdRadPerS = s.RatesFrdRadPerS + (k.RatesFrdRadPerS * h),
    };

    /// <summary>
    /// Total rotor thrust and moment at the RK4 stage times t, t + h/2 and t + h, each motor's lag decayed by
    /// e^(−t/τ) exactly (one pass over the motors for the three).
    /// </summary>
    private void MotorWrenches(out Wrench start, out Wrench middle, out Wrench end)
    {
        double half = _motorDecayHalfStep, full = _motorDecayFullStep;
        double t0 = 0, r0 = 0, p0 = 0, y0 = 0;
        double t1 = 0, r1 = 0, p1 = 0, y1 = 0;
        double t2 = 0, r2 = 0, p2 = 0, y2 = 0;
        for (int i = 0; i < _motorCount; i++)
        {
            double target = _motorTargetRadPerS[i];
            double lag = _motorSpeedsRadPerS[i] - target;
            double wa = target + lag, wb = target + (lag * half), wc = target + (lag * full);
            double wa2 = wa * wa, wb2 = wb * wb, wc2 = wc * wc;
            double ta = _kThrust * wa2, tb = _kThrust * wb2, tc = _kThrust * wc2;
            double x = _motorX[i], y = _motorY[i], spinQ = _motorSpin[i] * _kTorque;
            // r × (0, 0, −T) = (−r_y·T, r_x·T, 0); the rotor's drag torque acts against its spin.
            t0 += ta;
            r0 -= y * ta;
            p0 += x * ta;
            y0 -= spinQ * wa2;
            t1 += tb;
            r1 -= y * tb;
            p1 += x * tb;
            y1 -= spinQ * wb2;
            t2 += tc;
            r2 -= y * tc;
            p2 += x * tc;
            y2 -= spinQ * wc2;
        }

        start = new Wrench(t0, new Vector3(r0, p0, y0));
        middle = new Wrench(t1, new Vector3(r1, p1, y1));
        end = new Wrench(t2, new Vector3(r2, p2, y2));
    }

    /// <summary>The time derivative of the rigid-body state (returned in a <see cref="State"/>-shaped struct).</summary>
    private void Derivative(in State s, in Wrench rotors, Vector3 windNedMps, out State d)
    {
        // One rotation matrix serves both directions (earth → body for the air velocity, body → earth for force);
        // written out in scalars because this runs four times per step.
        Quaternion q = s.Attitude;
        double ww = q.W * q.W, xx = q.X * q.X, yy = q.Y * q.Y, zz = q.Z * q.Z;
        double xy = q.X * q.Y, xz = q.X * q.Z, yz = q.Y * q.Z, wx = q.W * q.X, wy = q.W * q.Y, wz = q.W * q.Z;
        double r11 = ww + xx - yy - zz, r12 = 2 * (xy - wz), r13 = 2 * (xz + wy);
        double r21 = 2 * (xy + wz), r22 = ww - xx + yy - zz, r23 = 2 * (yz - wx);
        double r31 = 2 * (xz - wy), r32 = 2 * (yz + wx), r33 = ww - xx - yy + zz;

        double an = s.VelocityNedMps.X - windNedMps.X, ae = s.VelocityNedMps.Y - windNedMps.Y, ad = s.VelocityNedMps.Z - windNedMps.Z;
        double bx = (r11 * an) + (r21 * ae) + (r31 * ad);
        double by = (r12 * an) + (r22 * ae) + (r32 * ad);
        double bz = (r13 * an) + (r23 * ae) + (r33 * ad);
        double fx = -((_linearDrag.X * bx) + (_quadraticDrag.X * bx * Math.Abs(bx)));
        double fy = -((_linearDrag.Y * by) + (_quadraticDrag.Y * by * Math.Abs(by)));
        double fz = -rotors.ThrustN - ((_linearDrag.Z * bz) + (_quadraticDrag.Z * bz * Math.Abs(bz)));

        d.PositionNedM = s.VelocityNedMps;
        double im = _inverseMassPerKg;
        d.VelocityNedMps = new Vector3(
            ((r11 * fx) + (r12 * fy) + (r13 * fz)) * im,
            ((r21 * fx) + (r22 * fy) + (r23 * fz)) * im,
            (((r31 * fx) + (r32 * fy) + (r33 * fz)) * im) + _gravityMps2);

        Vector3 w = s.RatesFrdRadPerS;
        Vector3 torque = rotors.TorqueFrdNm - Vector3.Scale(_angularDrag, w);
        if (_diagonalInertia)
        {
            // Euler's equations in principal axes: I·ω̇ = τ − ω × (I·ω), ω × (I·ω) = ((Iz − Iy)qr, (Ix − Iz)pr, (Iy − Ix)pq).
            Vector3 i = _principalInertiaKgM2, inv = _inversePrincipalInertia;
            d.RatesFrdRadPerS = new Vector3(
                (torque.X - ((i.Z - i.Y) * w.Y * w.Z)) * inv.X,
                (torque.Y - ((i.X - i.Z) * w.X * w.Z)) * inv.Y,
                (torque.Z - ((i.Y - i.X) * w.X * w.Y)) * inv.Z);
        }
        else
        {
            // Euler's equation: I·ω̇ = τ − ω × (I·ω).
            d.RatesFrdRadPerS = _inertiaInverse * (torque - Vector3.Cross(w, _inertia * w));
        }

        // q̇ = ½ q ⊗ (0, ω)
        d.Attitude = q * new Quaternion(0, 0.5 * w.X, 0.5 * w.Y, 0.5 * w.Z);
    }

    private void ApplyGroundContact()
    {
        if (_state.PositionNedM.Z < _groundDownM)
        {
            _truth.Landed = false;
            return;
        }

        if (!_truth.Landed && !_truth.Crashed)
        {
            double impactSpeedMps = _state.VelocityNedMps.Length;
            double cosTilt = 1 - (2 * ((_state.Attitude.X * _state.Attitude.X) + (_state.Attitude.Y * _state.Attitude.Y)));
            if (impactSpeedMps > _airframe.Landing.MaxTouchdownSpeedMps || cosTilt < Math.Cos(_airframe.Landing.MaxTouchdownTiltRad))
            {
                _truth.Crashed = true;
            }
        }

        _state.PositionNedM = _state.PositionNedM with { Z = _groundDownM };
        if (_state.VelocityNedMps.Z >= 0)
        {
            // Resting: the ground takes the load and static friction holds it; the legs level it, yaw stays.
            // Levelling takes time (a bounded rate): snapping a tilted touchdown (landing in wind) level within one
            // step would be a rotation of hundreds of rad/s that clips the gyro and corrupts the estimator.
            _state.VelocityNedMps = Vector3.Zero;
            _state.RatesFrdRadPerS = Vector3.Zero;
            _state.Attitude = LevelTowards(_state.Attitude, GroundLevellingRateRadPerS * _dtS);
            _truth.Landed = true;
        }
        else
        {
            _truth.Landed = false;
        }
    }

    private void ApplyBatteryFaults(long timeUs)
    {
        ReadOnlySpan<Fault> faults = _faults.Faults;
        while (_nextBatteryFault < faults.Length && faults[_nextBatteryFault].StartUs <= timeUs)
        {
            ref readonly Fault f = ref faults[_nextBatteryFault];
            if (f.Kind == FaultKind.BatteryDrop)
            {
                _battery.LoseCharge(f.Fraction);
            }

            _nextBatteryFault++;
        }

        _battery.FaultVoltageDropV = _faults.BatteryVoltageDropV(timeUs);
    }

    private void PublishTruth(Vector3 accelerationNedMps2)
    {
        ref VehicleTruth t = ref _truth;
        t.PositionNedM = _state.PositionNedM;
        t.VelocityNedMps = _state.VelocityNedMps;
        t.AccelerationNedMps2 = accelerationNedMps2;
        t.Attitude = _state.Attitude;
        t.BodyRatesFrdRadPerS = _state.RatesFrdRadPerS;
        t.SpecificForceFrdMps2 = _state.Attitude.RotateInverse(accelerationNedMps2 - new Vector3(0, 0, _gravityMps2));
        t.MotorSpeedsRadPerS = _motorSpeedsRadPerS;
        t.MotorCount = _motorCount;
        t.BatteryVoltageV = _battery.VoltageV;
        t.BatteryCurrentA = _battery.CurrentA;
        t.BatteryRemainingFraction = _battery.RemainingFraction;
        t.BatteryConsumedMah = _battery.ConsumedMah;
        t.HeightAboveGroundM = _groundDownM - _state.PositionNedM.Z;
        t.GravityMps2 = _gravityMps2;
        t.MagneticFieldNedGauss = _magneticFieldNedGauss;
    }

    /// <summary>Turns <paramref name="q"/> towards level (same yaw) by at most <paramref name="maxAngleRad"/>.</summary>
    private static Quaternion LevelTowards(Quaternion q, double maxAngleRad)
    {
        Quaternion level = YawOnly(q);
        Vector3 rotation = (q.Conjugate() * level).ToRotationVector();
        double angle = rotation.Length;
        return angle <= maxAngleRad ? level : (q * Quaternion.FromRotationVector(rotation * (maxAngleRad / angle))).Normalized();
    }

    private static Quaternion YawOnly(Quaternion q)
    {
        double yaw = Math.Atan2(2 * ((q.W * q.Z) + (q.X * q.Y)), 1 - (2 * ((q.Y * q.Y) + (q.Z * q.Z))));
        return new Quaternion(Math.Cos(0.5 * yaw), 0, 0, Math.Sin(0.5 * yaw));
    }

    /// <summary>The rigid-body state RK4 integrates; also used for its own time derivative in the stages.</summary>
    private struct State
    {
        public Vector3 PositionNedM;
        public Vector3 VelocityNedMps;
        public Quaternion Attitude;
        public Vector3 RatesFrdRadPerS;
    }

    private readonly record struct Wrench(double ThrustN, Vector3 TorqueFrdNm);
}
