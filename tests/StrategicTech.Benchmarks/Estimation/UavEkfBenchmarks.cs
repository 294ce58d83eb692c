using StrategicTech.TestSupport;
using BenchmarkDotNet.Attributes;
using StrategicTech.Navigation.Estimation.Uav;
using StrategicTech.Navigation.Estimation.Uav.Fusion;
using StrategicTech.Navigation.Estimation.Uav.Replay;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Benchmarks.Estimation;

/// <summary>
/// UAV EKF costs. The filter runs one prediction per IMU sample (filter rate = IMU rate = 250 Hz), so "per IMU
/// step" is also "per filter update". Full-run benchmarks replay a 10 s hover schedule (250 Hz IMU, 5 Hz GNSS,
/// 50 Hz baro, 50 Hz mag) and report per IMU step.
/// </summary>
[MemoryDiagnoser]
public class UavEkfBenchmarks
{
    private readonly double[] _covariance = new double[UavErrorIndex.Count * UavFilterCore.Stride];
    private HoverSchedule _schedule = null!;
    private UavEkf _heading = null!;
    private UavEkf _threeAxis = null!;
    private UavEkf _fusion = null!;
    private UavEkf _inAirGsf = null!;
    private UavEkf _inAirNoGsf = null!;
    private int _headingLap;
    private int _threeAxisLap;
    private int _inAirGsfLap;
    private int _inAirNoGsfLap;
    private GnssSample _gnss;
    private BaroSample _baro;
    private MagSample _mag;
    private ImuSample _imu;
    private Quaternion _q = Quaternion.FromEuler(0.1, 0.2, 0.3);
    private Vector3 _v;
    private Vector3 _p;
    private Matrix3 _r;
    private List<ReplayRecord> _replay = null!;
    private List<long> _replayTimes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _schedule = new HoverSchedule(seed: 3);
        _heading = Warm(new UavEkfParameters(), ref _headingLap);
        _threeAxis = Warm(new UavEkfParameters { MagFusion = MagFusionMode.ThreeAxis }, ref _threeAxisLap);
        _inAirGsf = Warm(new UavEkfParameters(), ref _inAirGsfLap, inAir: true);
        _inAirNoGsf = Warm(new UavEkfParameters { UseEmergencyYawEstimator = false }, ref _inAirNoGsfLap, inAir: true);
        int lap = 0;
        _fusion = Warm(new UavEkfParameters(), ref lap);
        _gnss = _schedule.Gnss[^1]!.Value with { TimeUs = 1L << 50 }; // later than any schedule time: the quality checks stay passed
        _baro = _schedule.Baro[^1]!.Value;
        _mag = _schedule.Mag[^1]!.Value;
        _imu = _schedule.Imu[0];
        _r = _q.ToRotationMatrix();
        for (int i = 0; i < UavErrorIndex.Count; i++)
        {
            _covariance[(i * UavFilterCore.Stride) + i] = 1e-2;
        }

        _replay = Px4ReplayCsvReader.ReadFile(SharedData.PathOf("logs", "px4_ecl", "replay_data_iris_gps.csv"));
        _replayTimes = [];
        for (long t = 100_000; t < _replay[^1].TimeUs; t += 100_000)
        {
            _replayTimes.Add(t);
        }
    }

    private UavEkf Warm(UavEkfParameters parameters, ref int lap, bool inAir = false)
    {
        var filter = new UavEkf(parameters);
        filter.SetInAir(inAir);
        for (; lap < 3; lap++)
        {
            for (int i = 0; i < HoverSchedule.Steps; i++)
            {
                _schedule.Feed(filter, lap, i);
            }
        }

        return filter;
    }

    [Benchmark(Description = "state prediction (strapdown step)")]
    public Vector3 StatePrediction() =>
        InertialIntegration.Step(ref _q, ref _v, ref _p, _imu.DeltaAngleRad, _imu.DeltaVelocityMps, _imu.DtS, out _);

    [Benchmark(Description = "covariance prediction (sparse F P F^T)")]
    public void CovariancePrediction() => UavFilterCore.PredictCovariance(_covariance, _r, new Vector3(0.01, 0.02, -0.039), 0.004);

    // Fusing the same sample over and over without prediction would drive P towards denormal numbers, which
    // no flight sees; each fusion row therefore runs one filter prediction first (the "filter prediction" row)
    // so P stays realistic. Fusion cost = row minus that row.
    [Benchmark(Description = "filter prediction (state + covariance + noise)")]
    public void FilterPrediction() => _fusion.Core.Predict(_imu);

    [Benchmark(Description = "prediction + GNSS fusion (vel NED + pos NE)")]
    public FusionOutcome GnssFusion()
    {
        _fusion.Core.Predict(_imu);
        return _fusion.Gnss.Fuse(_fusion.Core, _gnss);
    }

    [Benchmark(Description = "prediction + baro fusion")]
    public FusionOutcome BaroFusion()
    {
        _fusion.Core.Predict(_imu);
        return _fusion.Baro.Fuse(_fusion.Core, _baro);
    }

    [Benchmark(Description = "prediction + mag heading fusion")]
    public FusionOutcome MagHeadingFusion()
    {
        _fusion.Core.Predict(_imu);
        return _fusion.MagHeading.Fuse(_fusion.Core, _mag);
    }

    [Benchmark(Description = "prediction + mag 3-axis fusion")]
    public FusionOutcome Mag3AxisFusion()
    {
        _threeAxis.Core.Predict(_imu);
        return _threeAxis.Mag3Axis.Fuse(_threeAxis.Core, _mag);
    }

    [Benchmark(Description = "IMU step, full run, heading fusion", OperationsPerInvoke = HoverSchedule.Steps)]
    public void ImuStepHeading()
    {
        for (int i = 0; i < HoverSchedule.Steps; i++)
        {
            _schedule.Feed(_heading, _headingLap, i);
        }

        _headingLap++;
    }

    [Benchmark(Description = "IMU step, full run, 3-axis mag", OperationsPerInvoke = HoverSchedule.Steps)]
    public void ImuStep3AxisMag()
    {
        for (int i = 0; i < HoverSchedule.Steps; i++)
        {
            _schedule.Feed(_threeAxis, _threeAxisLap, i);
        }

        _threeAxisLap++;
    }

    // In the air the emergency yaw estimator's bank runs (5 models: attitude, velocity, yaw, covariance per IMU step,
    // and a velocity fusion per GNSS sample); on the ground only its tilt filter does. Same schedule, with and without.
    [Benchmark(Description = "IMU step, full run, in the air, emergency yaw bank on", OperationsPerInvoke = HoverSchedule.Steps)]
    public void ImuStepInAirGsf()
    {
        for (int i = 0; i < HoverSchedule.Steps; i++)
        {
            _schedule.Feed(_inAirGsf, _inAirGsfLap, i);
        }

        _inAirGsfLap++;
    }

    [Benchmark(Description = "IMU step, full run, in the air, emergency yaw off", OperationsPerInvoke = HoverSchedule.Steps)]
    public void ImuStepInAirNoGsf()
    {
        for (int i = 0; i < HoverSchedule.Steps; i++)
        {
            _schedule.Feed(_inAirNoGsf, _inAirNoGsfLap, i);
        }

        _inAirNoGsfLap++;
    }

    [Benchmark(Description = "replay iris_gps (34.5 s log, parsed)")]
    public int ReplayIrisGps()
    {
        var filter = new UavEkf();
        return Px4ReplayRunner.Run(filter, _replay, _replayTimes).Count;
    }

}
