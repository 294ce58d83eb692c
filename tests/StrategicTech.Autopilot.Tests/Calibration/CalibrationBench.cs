using StrategicTech.Autopilot.Calibration;
using StrategicTech.Autopilot.Flight;
using StrategicTech.Navigation.Calibration;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Autopilot.Tests.Calibration;

/// <summary>
/// A bench for the runner without physics: a sensor with injected errors (gyro bias, accelerometer offset and scale,
/// hard and soft iron, deterministic noise) held in a commanded attitude, sampled at 1 kHz (IMU) and 100 Hz (mag).
/// </summary>
internal sealed class CalibrationBench
{
    public const double G = OrientationDetector.StandardGravityMps2;
    public static readonly Vector3 EarthFieldNedGauss = new(0.21, 0.01, 0.43);

    private readonly Random _random = new(11);

    public CalibrationBench()
    {
        Store = FlightParameterDefinitions.CreateStore();
        Corrections = new SensorCorrections(Store);
        Runner = new SensorCalibrationRunner(Store, Corrections, Texts);
    }

    public Autopilot.Parameters.ParameterStore Store { get; }

    public SensorCorrections Corrections { get; }

    public StatusTextLog Texts { get; } = new();

    public SensorCalibrationRunner Runner { get; }

    public List<string> Seen { get; } = [];

    public long TimeUs { get; private set; } = 1_000_000;

    public Vector3 GyroBiasRadps { get; init; } = new(0.02, -0.015, 0.01);

    public Vector3 AccelOffsetMps2 { get; init; } = new(0.3, -0.2, 0.25);

    public Vector3 AccelGain { get; init; } = new(1.03, 0.98, 1.02);

    public Vector3 MagOffsetGauss { get; init; } = new(0.12, -0.08, 0.05);

    public Matrix3 MagSoftIron { get; init; } = new(1.1, 0.05, -0.03, 0.05, 0.92, 0.04, -0.03, 0.04, 1.0);

    /// <summary>Runs <paramref name="seconds"/> with the vehicle at <paramref name="attitude"/>, turning at <paramref name="yawRateRadps"/> about earth down.</summary>
    public Quaternion Hold(Quaternion attitude, double seconds, double yawRateRadps = 0)
    {
        int steps = (int)(seconds * 1000);
        for (int i = 0; i < steps; i++)
        {
            TimeUs += 1000;
            if (yawRateRadps != 0)
            {
                attitude = (Quaternion.FromAxisAngle(Vector3.UnitZ, yawRateRadps * 0.001) * attitude).Normalized();
            }

            Vector3 rateBody = attitude.RotateInverse(new Vector3(0, 0, yawRateRadps));
            Vector3 forceBody = attitude.RotateInverse(new Vector3(0, 0, -G));
            Vector3 rawRate = rateBody + GyroBiasRadps + Noise(0.001);
            Vector3 rawAccel = Vector3.Scale(AccelGain, forceBody) + AccelOffsetMps2 + Noise(0.015);
            Runner.OnImu(new ImuSample(TimeUs, rawRate * 0.001, rawAccel * 0.001, 0.001));
            if (i % 10 == 0)
            {
                Vector3 field = (MagSoftIron * attitude.RotateInverse(EarthFieldNedGauss)) + MagOffsetGauss + Noise(0.002);
                Runner.OnMag(new MagSample(TimeUs, field));
            }

            Drain();
        }

        return attitude;
    }

    /// <summary>The attitude that puts the vehicle on <paramref name="side"/>.</summary>
    public static Quaternion SideAttitude(AccelOrientation side) => side switch
    {
        AccelOrientation.TailDown => Quaternion.FromEuler(0, Math.PI / 2, 0),
        AccelOrientation.NoseDown => Quaternion.FromEuler(0, -Math.PI / 2, 0),
        AccelOrientation.Left => Quaternion.FromEuler(-Math.PI / 2, 0, 0),
        AccelOrientation.Right => Quaternion.FromEuler(Math.PI / 2, 0, 0),
        AccelOrientation.UpsideDown => Quaternion.FromEuler(Math.PI, 0, 0),
        _ => Quaternion.Identity,
    };

    private Vector3 Noise(double sigma) => new Vector3(Gauss(), Gauss(), Gauss()) * sigma;

    private double Gauss() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private void Drain()
    {
        while (Seen.Count < Texts.Count)
        {
            Texts.TryGet(Seen.Count + 1, out StatusText text);
            Seen.Add(text.Text);
        }
    }
}
