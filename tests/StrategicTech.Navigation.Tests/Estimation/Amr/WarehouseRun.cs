using StrategicTech.Navigation.Estimation.Amr;

namespace StrategicTech.Navigation.Tests.Estimation.Amr;

/// <summary>
/// Seeded synthetic warehouse run: a differential-drive robot drives a rounded-square loop (8 s straights, 3 s
/// 90° turns, speed 0.5..1 m/s) with truth integrated at 1 kHz. Sensors: wheel encoders at 50 Hz (2% oversized
/// wheels, 0.02 m/s noise per wheel), a gyro at 100 Hz (0.015 rad/s bias, 0.005 rad/s noise), pose fixes at 0.5 Hz
/// (5 cm, 0.02 rad). The filter starts from truth perturbed by its own initial covariance.
/// </summary>
internal sealed class WarehouseRun
{
    public const double TrackWidthM = 0.5;
    public const double TrueWheelScale = 1.02;
    public const double TrueGyroBiasRadps = 0.015;
    public const double WheelNoiseMps = 0.02;
    public const double GyroNoiseRadps = 0.005;
    public const double FixSigmaM = 0.05;
    public const double FixSigmaYawRad = 0.02;

    /// <summary>Filter tuning matched to this run: sensor noises as simulated; accelerations about the path's own (≤ 0.14 m/s², ≤ 1.1 rad/s²).</summary>
    public static AmrEkfParameters Parameters { get; } = new()
    {
        SpeedAccelNoiseMps2PerSqrtHz = 0.1,
        YawAccelNoiseRadps2PerSqrtHz = 0.1,
        TrackWidthM = TrackWidthM,
        WheelSpeedNoiseMps = WheelNoiseMps,
        GyroNoiseRadps = GyroNoiseRadps,
    };

    /// <summary>One evaluation point (every 100 ms).</summary>
    public readonly record struct Epoch(double TimeS, double PositionErrorM, double ErrorXM, double ErrorYM, double YawErrorRad,
        double SigmaXM, double SigmaYM, double BiasErrorRadps, double ScaleError, double PoseNees);

    public List<Epoch> Epochs { get; } = [];

    public AmrEkf Filter { get; }

    public WarehouseRun(int seed, double durationS, double fixesUntilS = double.PositiveInfinity, double outlierAtS = double.NaN, AmrEkfParameters? parameters = null, double carriedAtS = double.PositiveInfinity)
    {
        var random = new Random(seed);
        Filter = new AmrEkf(parameters ?? Parameters);
        AmrEkfParameters p = Filter.Parameters;

        double x = 0, y = 0, yaw = 0;
        (double v0, double w0) = Command(0);
        Filter.Initialize(0, new AmrState(
            x + (p.InitialPositionSigmaM * Gauss(random)),
            y + (p.InitialPositionSigmaM * Gauss(random)),
            yaw + (p.InitialYawSigmaRad * Gauss(random)),
            v0 + (p.InitialSpeedSigmaMps * Gauss(random)),
            w0 + (p.InitialYawRateSigmaRadps * Gauss(random)),
            p.InitialGyroBiasSigmaRadps * Gauss(random) + TrueGyroBiasRadps,
            TrueWheelScale + (p.InitialWheelScaleSigma * Gauss(random))));

        int steps = (int)(durationS * 1000);
        for (int k = 1; k <= steps; k++)
        {
            // Truth: exact unicycle step at 1 kHz (midpoint heading).
            double t = k * 1e-3;
            (double v, double w) = Command(t - 0.0005);
            double mid = yaw + (0.5 * w * 1e-3);
            x += v * Math.Cos(mid) * 1e-3;
            y += v * Math.Sin(mid) * 1e-3;
            yaw = AmrAngle.Wrap(yaw + (w * 1e-3));
            (v, w) = Command(t);
            long timeUs = k * 1000L;
            if (k == (long)Math.Round(carriedAtS * 1000))
            {
                x += 5.0; // carried 5 m by a person: the wheels and the gyro notice nothing
            }

            if (k % 10 == 0)
            {
                Filter.FuseGyro(new AmrGyroSample(timeUs, w + TrueGyroBiasRadps + (GyroNoiseRadps * Gauss(random))));
            }

            if (k % 20 == 5)
            {
                double left = (TrueWheelScale * (v - (0.5 * TrackWidthM * w))) + (WheelNoiseMps * Gauss(random));
                double right = (TrueWheelScale * (v + (0.5 * TrackWidthM * w))) + (WheelNoiseMps * Gauss(random));
                Filter.FuseWheelSpeeds(new AmrWheelSpeedsSample(timeUs, left, right));
            }

            if (k % 2000 == 7 && t < fixesUntilS)
            {
                bool outlier = Math.Abs(t - outlierAtS) < 1.0;
                Filter.FusePoseFix(new AmrPoseFixSample(
                    timeUs,
                    x + (FixSigmaM * Gauss(random)) + (outlier ? 5.0 : 0),
                    y + (FixSigmaM * Gauss(random)),
                    yaw + (FixSigmaYawRad * Gauss(random)),
                    FixSigmaM * FixSigmaM,
                    FixSigmaM * FixSigmaM,
                    FixSigmaYawRad * FixSigmaYawRad));
            }

            if (k % 100 == 0)
            {
                Filter.PredictTo(timeUs);
                AmrState s = Filter.State;
                double ex = s.XM - x, ey = s.YM - y, eyaw = AmrAngle.Wrap(s.YawRad - yaw);
                Epochs.Add(new Epoch(t, Math.Sqrt((ex * ex) + (ey * ey)), ex, ey, eyaw,
                    Filter.Sigma(AmrStateIndex.X), Filter.Sigma(AmrStateIndex.Y),
                    s.GyroBiasRadps - TrueGyroBiasRadps, s.WheelScale - TrueWheelScale, PoseNees(Filter, ex, ey, eyaw)));
            }
        }
    }

    /// <summary>Commanded forward speed (m/s) and yaw rate (rad/s): 11 s cycles of an 8 s straight and a 3 s raised-cosine 90° left turn.</summary>
    public static (double SpeedMps, double YawRateRadps) Command(double t)
    {
        double phase = t % 11.0;
        double speed = 0.75 + (0.25 * Math.Cos(2 * Math.PI * phase / 11.0));
        double yawRate = phase < 8.0 ? 0 : (Math.PI / 2 / 3.0) * (1 - Math.Cos(2 * Math.PI * (phase - 8.0) / 3.0));
        return (speed, yawRate);
    }

    private static double PoseNees(AmrEkf f, double ex, double ey, double eyaw)
    {
        // e^T P^-1 e over (x, y, yaw) by solving with a 3x3 Cholesky.
        double[,] p = new double[3, 3];
        int[] idx = [AmrStateIndex.X, AmrStateIndex.Y, AmrStateIndex.Yaw];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                p[i, j] = f.Covariance(idx[i], idx[j]);
            }
        }

        double[] e = [ex, ey, eyaw];
        double[,] l = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = p[i, j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                l[i, j] = i == j ? Math.Sqrt(sum) : sum / l[j, j];
            }
        }

        double nees = 0;
        double[] z = new double[3];
        for (int i = 0; i < 3; i++)
        {
            double sum = e[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[i, k] * z[k];
            }

            z[i] = sum / l[i, i];
            nees += z[i] * z[i];
        }

        return nees;
    }

    public static double Gauss(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
