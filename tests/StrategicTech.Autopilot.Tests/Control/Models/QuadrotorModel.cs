using StrategicTech.Autopilot.Control.Allocation;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Control.Models;

/// <summary>
/// Test plant: a 1.5 kg multirotor rigid body (inertia 0.029/0.029/0.055 kg·m²) with first-order motor lag and thrust
/// linear in the command, hovering at command 0.5. Semi-implicit Euler at a fine step. Optional constant disturbance
/// torque and force; optionally held in a jig (no rotation, no translation).
/// </summary>
internal sealed class QuadrotorModel
{
    public const double MassKg = 1.5;
    public const double GravityMps2 = 9.80665;
    public const double HoverCommand = 0.5;

    private readonly MultirotorGeometry _geometry;
    private readonly double[] _motorState;

    public QuadrotorModel(MultirotorGeometry geometry, double motorTimeConstantS = 0.02)
    {
        _geometry = geometry;
        MotorTimeConstantS = motorTimeConstantS;
        _motorState = new double[geometry.MotorCount];
        Array.Fill(_motorState, HoverCommand);
        MaxThrustPerMotorN = MassKg * GravityMps2 / (geometry.MotorCount * HoverCommand);
        Attitude = Quaternion.Identity;
    }

    public static Vector3 InertiaKgM2 { get; } = new(0.029, 0.029, 0.055);

    public double MaxThrustPerMotorN { get; }

    public double MotorTimeConstantS { get; }

    public Vector3 Position { get; set; }

    public Vector3 Velocity { get; set; }

    public Quaternion Attitude { get; set; }

    public Vector3 BodyRate { get; set; }

    public Vector3 DisturbanceTorqueNm { get; set; }

    public Vector3 DisturbanceForceNedN { get; set; }

    /// <summary>Held in a test jig: motors spin but the body neither rotates nor translates.</summary>
    public bool Held { get; set; }

    /// <summary>Only rotation is simulated (position and velocity stay put), for the inner loops.</summary>
    public bool RotationOnly { get; set; }

    public double TiltRad
    {
        get
        {
            Vector3 z = Attitude.Rotate(Vector3.UnitZ);
            return Math.Acos(Math.Clamp(z.Z, -1.0, 1.0));
        }
    }

    /// <summary>Advances by <paramref name="dtS"/> with the commands held, in substeps of at most 0.5 ms.</summary>
    public void Step(ReadOnlySpan<double> commands, double dtS)
    {
        int substeps = Math.Max(1, (int)Math.Ceiling(dtS / 0.0005));
        double h = dtS / substeps;
        for (int s = 0; s < substeps; s++)
        {
            Substep(commands, h);
        }
    }

    private void Substep(ReadOnlySpan<double> commands, double h)
    {
        double alpha = MotorTimeConstantS > 0 ? 1.0 - Math.Exp(-h / MotorTimeConstantS) : 1.0;
        Vector3 torque = DisturbanceTorqueNm;
        double thrustN = 0;
        for (int i = 0; i < _motorState.Length; i++)
        {
            _motorState[i] += (Math.Clamp(commands[i], 0, 1) - _motorState[i]) * alpha;
            double t = _motorState[i] * MaxThrustPerMotorN;
            Motor m = _geometry.Motors[i];
            torque += new Vector3(-m.RightM * t, m.ForwardM * t, (int)m.Spin * _geometry.YawMomentRatioM * t);
            thrustN += t;
        }

        if (Held)
        {
            BodyRate = Vector3.Zero;
            Velocity = Vector3.Zero;
            return;
        }

        Vector3 j = InertiaKgM2;
        Vector3 w = BodyRate;
        Vector3 gyroscopic = Vector3.Cross(w, Vector3.Scale(j, w));
        Vector3 wDot = new Vector3((torque - gyroscopic).X / j.X, (torque - gyroscopic).Y / j.Y, (torque - gyroscopic).Z / j.Z);
        BodyRate = w + (wDot * h);
        Attitude = (Attitude * Quaternion.FromRotationVector(BodyRate * h)).Normalized();

        if (RotationOnly)
        {
            return;
        }

        Vector3 forceNed = Attitude.Rotate(new Vector3(0, 0, -thrustN)) + DisturbanceForceNedN;
        Vector3 accel = (forceNed / MassKg) + new Vector3(0, 0, GravityMps2);
        Velocity += accel * h;
        Position += Velocity * h;
    }
}
