using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Estimation;

/// <summary>
/// Pre-generated sensor schedule for the EKF benchmarks: 250 Hz IMU, 5 Hz GNSS, 50 Hz baro, 50 Hz mag, a hovering
/// vehicle with white sensor noise (seeded). Hovering makes the schedule loop seamlessly: replaying it again with
/// timestamps shifted by its length continues the same flight.
/// </summary>
internal sealed class HoverSchedule
{
    public const long ImuIntervalUs = 4000;
    public const int Steps = 2500; // 10 s

    private static readonly Vector3 EarthField = new(0.21, 0.0, 0.43);

    public HoverSchedule(int seed)
    {
        var random = new Random(seed);
        double Gauss(double s) => s * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        Vector3 Noise(double s) => new(Gauss(s), Gauss(s), Gauss(s));
        Quaternion q = Quaternion.FromEuler(0.01, -0.02, 0.5);
        var frame = new LocalNedFrame(GeodeticPosition.FromDegrees(47.3977, 8.5456, 488.0));
        const double dt = ImuIntervalUs * 1e-6;
        Vector3 specificForceBody = q.RotateInverse(new Vector3(0, 0, -InertialIntegration.GravityMps2));
        for (int i = 0; i < Steps; i++)
        {
            long t = (i + 1) * ImuIntervalUs;
            Imu[i] = new ImuSample(t, Noise(0.01) * dt, (specificForceBody + Noise(0.2)) * dt, dt);
            if (t % 20_000 == 0)
            {
                Baro[i] = new BaroSample(t, 490.0 + Gauss(0.3));
                Mag[i] = new MagSample(t, q.RotateInverse(EarthField) + Noise(0.005));
            }

            if (t % 200_000 == 0)
            {
                Gnss[i] = new GnssSample(t, frame.FromNed(Noise(0.3)), Noise(0.1), 3, 12, 0.3, 0.5, 0.1);
            }
        }
    }

    public ImuSample[] Imu { get; } = new ImuSample[Steps];

    public GnssSample?[] Gnss { get; } = new GnssSample?[Steps];

    public BaroSample?[] Baro { get; } = new BaroSample?[Steps];

    public MagSample?[] Mag { get; } = new MagSample?[Steps];

    /// <summary>Feeds step i of lap <paramref name="lap"/> (timestamps shifted by lap * 10 s).</summary>
    public void Feed(UavEkf filter, int lap, int i)
    {
        long shift = lap * Steps * ImuIntervalUs;
        ImuSample imu = Imu[i];
        filter.PushImu(imu with { TimeUs = imu.TimeUs + shift });
        if (Mag[i] is { } m)
        {
            filter.PushMag(m with { TimeUs = m.TimeUs + shift });
        }

        if (Baro[i] is { } b)
        {
            filter.PushBaro(b with { TimeUs = b.TimeUs + shift });
        }

        if (Gnss[i] is { } g)
        {
            filter.PushGnss(g with { TimeUs = g.TimeUs + shift });
        }
    }
}
