using StrategicTech.Navigation.Localization;

namespace StrategicTech.Navigation.Amr;

/// <summary>
/// The honest fallback <see cref="IMapLocalizer"/>: dead reckoning from the seeded pose. It never looks at the scan,
/// so it is never <see cref="MapPoseEstimate.Converged"/>; its σ grows from the seed's with the distance and angle
/// travelled (<see cref="DriftPerMetre"/>, <see cref="YawDriftRadPerRad"/>). Global localization is impossible
/// without the map, so it keeps the last pose and reports an unbounded σ. Allocation-free.
/// </summary>
public sealed class OdometryLocalizer : IMapLocalizer
{
    private Pose2D _mapAtSeed;
    private Pose2D _odomAtSeed;
    private Pose2D _lastOdom;
    private double _sigmaXySeedM;
    private double _sigmaYawSeedRad;
    private double _travelledM;
    private double _turnedRad;
    private bool _lost = true;

    /// <summary>1σ position error added per metre travelled (a fraction: 0.02 = 2 %).</summary>
    public double DriftPerMetre { get; init; } = 0.02;

    /// <summary>1σ heading error added per radian turned.</summary>
    public double YawDriftRadPerRad { get; init; } = 0.02;

    public MapPoseEstimate Estimate { get; private set; } = new(default, default, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity, 0, 0, false);

    public void SetInitialPose(Pose2D mapPose, Pose2D odomPose, double sigmaXyM, double sigmaYawRad)
    {
        _mapAtSeed = mapPose;
        _odomAtSeed = odomPose;
        _lastOdom = odomPose;
        _sigmaXySeedM = sigmaXyM;
        _sigmaYawSeedRad = sigmaYawRad;
        _travelledM = 0;
        _turnedRad = 0;
        _lost = false;
        Estimate = new MapPoseEstimate(mapPose, odomPose, sigmaXyM, sigmaXyM, sigmaYawRad, 0, Estimate.TimeUs, false);
    }

    public void StartGlobalLocalization(Pose2D odomPose)
    {
        _lost = true;
        Estimate = Estimate with
        {
            OdomPoseAtEstimate = odomPose,
            SigmaXM = double.PositiveInfinity,
            SigmaYM = double.PositiveInfinity,
            SigmaYawRad = double.PositiveInfinity,
        };
    }

    public bool Update(Pose2D odomPose, ReadOnlySpan<float> rangesM, double angleMinRad, double angleIncrementRad, double rangeMinM,
        double rangeMaxM, Pose2D laserInBase, long timeUs)
    {
        Pose2D step = _lastOdom.Between(odomPose);
        _travelledM += Math.Sqrt((step.XM * step.XM) + (step.YM * step.YM));
        _turnedRad += Math.Abs(step.YawRad);
        _lastOdom = odomPose;
        if (_lost)
        {
            Estimate = Estimate with { OdomPoseAtEstimate = odomPose, TimeUs = timeUs };
            return false;
        }

        // The odometry delta since the seed carried onto the seeded map pose; σ adds in quadrature.
        Pose2D pose = _mapAtSeed.Compose(_odomAtSeed.Between(odomPose));
        double driftXy = DriftPerMetre * _travelledM;
        double driftYaw = YawDriftRadPerRad * _turnedRad;
        double sigmaXy = Math.Sqrt((_sigmaXySeedM * _sigmaXySeedM) + (driftXy * driftXy));
        double sigmaYaw = Math.Sqrt((_sigmaYawSeedRad * _sigmaYawSeedRad) + (driftYaw * driftYaw));
        Estimate = new MapPoseEstimate(pose, odomPose, sigmaXy, sigmaXy, sigmaYaw, 0, timeUs, false);
        return true;
    }
}
