using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// GNSS velocity (N, E, D) and horizontal position with the antenna lever arm l (body):
/// position = p + R l, velocity = v + R (omega x l); attitude rows -[R l]x and -[R (omega x l)]x.
/// The first sample that passes <see cref="GnssQualityCheck"/> sets the local origin and resets position and
/// velocity. Horizontal velocity, vertical velocity and horizontal position are gated as groups. As PX4 EKF2 does per
/// aid source: if neither position nor velocity has been fused for the reset timeout while good data arrives, both are
/// reset to GNSS (<see cref="ResetCount"/>); if only horizontal position (or only horizontal velocity) has been
/// rejected that long, it alone is reset (<see cref="PositionResetCount"/>, <see cref="VelocityResetCount"/>) and the
/// other keeps fusing.
/// </summary>
public sealed class GnssFusion : IFusionSource<GnssSample>
{
    private readonly UavEkfParameters _parameters;
    private LocalNedFrame _frame;
    private bool _resetRequested;

    public GnssFusion(UavEkfParameters parameters)
    {
        _parameters = parameters;
        Checks = new GnssQualityCheck(parameters);
    }

    public GnssQualityCheck Checks { get; }

    public bool HasOrigin { get; private set; }

    public GeodeticPosition Origin => _frame.Origin;

    public double TestRatio => Math.Max(VelocityTestRatio, PositionTestRatio);

    public double VelocityTestRatio { get; private set; }

    public double PositionTestRatio { get; private set; }

    public int RejectedCount { get; private set; }

    public long LastFusedUs => Math.Max(LastPositionFusedUs, LastVelocityFusedUs);

    public long LastPositionFusedUs { get; private set; }

    public long LastVelocityFusedUs { get; private set; }

    /// <summary>Resets of position and velocity together: the origin, requested resets, both timed out.</summary>
    public int ResetCount { get; private set; }

    /// <summary>Resets of the horizontal position alone after its rejection timeout (velocity still fusing).</summary>
    public int PositionResetCount { get; private set; }

    /// <summary>Resets of the velocity alone after the horizontal velocity's rejection timeout (position still fusing).</summary>
    public int VelocityResetCount { get; private set; }

    /// <summary>Height of the last fused sample above the origin, m (up).</summary>
    public double LastHeightUpM { get; private set; }

    /// <summary>The next sample that passes the checks resets velocity and position (after a yaw reset made them stale).</summary>
    public void RequestReset() => _resetRequested = true;

    public FusionOutcome Fuse(UavFilterCore core, in GnssSample sample)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (!Checks.Update(sample))
        {
            return FusionOutcome.Skipped;
        }

        long now = core.TimeUs;
        UavEkfParameters k = _parameters;
        Matrix3 r = core.Rotation;
        Vector3 arm = r * k.GnssAntennaBodyM;
        Vector3 armVelocity = r * Vector3.Cross(core.AngularRateRadps, k.GnssAntennaBodyM);
        double velNoise = Math.Max(sample.SpeedAccuracyMps, k.GnssVelocityNoiseMps);
        double posNoise = Math.Max(sample.HorizontalAccuracyM, k.GnssPositionNoiseM);
        if (!HasOrigin)
        {
            // Origin at the antenna's first good fix, with its height chosen so the current down estimate is kept.
            var origin = new GeodeticPosition(sample.Position.LatitudeRad, sample.Position.LongitudeRad,
                sample.Position.HeightM + core.PositionNedM.Z + arm.Z);
            _frame = new LocalNedFrame(origin);
            HasOrigin = true;
            Reset(core, sample, arm, armVelocity, velNoise, posNoise, now);
            return FusionOutcome.Reset;
        }

        if (_resetRequested)
        {
            _resetRequested = false;
            Reset(core, sample, arm, armVelocity, velNoise, posNoise, now);
            return FusionOutcome.Reset;
        }

        Vector3 posNed = _frame.ToNed(sample.Position);
        LastHeightUpM = -posNed.Z;
        Vector3 predictedPos = core.PositionNedM + arm;
        Vector3 predictedVel = core.VelocityNedMps + armVelocity;
        Vector3 velInnov = sample.VelocityNedMps - predictedVel;
        double posInnovN = posNed.X - predictedPos.X, posInnovE = posNed.Y - predictedPos.Y;
        double velVar = velNoise * velNoise, posVar = posNoise * posNoise;
        double velVarDown = velVar * k.GnssVerticalVelocityNoiseScale * k.GnssVerticalVelocityNoiseScale;

        Span<int> index = stackalloc int[4];
        Span<double> h = stackalloc double[4];
        double ratioVn = Ratio(core, UavErrorIndex.Velocity, 0, armVelocity, velInnov.X, velVar, k.GnssVelocityGateSd, index, h);
        double ratioVe = Ratio(core, UavErrorIndex.Velocity, 1, armVelocity, velInnov.Y, velVar, k.GnssVelocityGateSd, index, h);
        double ratioVd = Ratio(core, UavErrorIndex.Velocity, 2, armVelocity, velInnov.Z, velVarDown, k.GnssVelocityGateSd, index, h);
        double ratioPn = Ratio(core, UavErrorIndex.Position, 0, arm, posInnovN, posVar, k.GnssPositionGateSd, index, h);
        double ratioPe = Ratio(core, UavErrorIndex.Position, 1, arm, posInnovE, posVar, k.GnssPositionGateSd, index, h);
        VelocityTestRatio = Math.Max(Math.Max(ratioVn, ratioVe), ratioVd);
        PositionTestRatio = Math.Max(ratioPn, ratioPe);
        bool fuseHorizontalVel = Math.Max(ratioVn, ratioVe) <= 1;
        bool fuseVerticalVel = ratioVd <= 1;
        bool fusePos = PositionTestRatio <= 1;

        long resetUs = (long)(k.GnssResetTimeoutS * 1e6);
        bool positionTimedOut = !fusePos && now - LastPositionFusedUs > resetUs;
        bool velocityTimedOut = !fuseHorizontalVel && now - LastVelocityFusedUs > resetUs;
        if (positionTimedOut && velocityTimedOut)
        {
            Reset(core, sample, arm, armVelocity, velNoise, posNoise, now);
            return FusionOutcome.Reset;
        }

        bool reset = false;
        if (positionTimedOut)
        {
            core.ResetHorizontalPosition(posNed.X - arm.X, posNed.Y - arm.Y, posVar);
            LastPositionFusedUs = now;
            PositionResetCount++;
            reset = true;
        }
        else if (velocityTimedOut)
        {
            core.ResetVelocity(sample.VelocityNedMps - armVelocity, velVar);
            LastVelocityFusedUs = now;
            VelocityResetCount++;
            reset = true;
            fuseVerticalVel = false;
        }

        bool any = false;
        if (fuseHorizontalVel)
        {
            any |= FuseAxis(core, UavErrorIndex.Velocity, 0, sample.VelocityNedMps.X, velVar, index, h);
            any |= FuseAxis(core, UavErrorIndex.Velocity, 1, sample.VelocityNedMps.Y, velVar, index, h);
            LastVelocityFusedUs = now;
        }

        if (fuseVerticalVel)
        {
            any |= FuseAxis(core, UavErrorIndex.Velocity, 2, sample.VelocityNedMps.Z, velVarDown, index, h);
        }

        if (fusePos)
        {
            any |= FuseAxis(core, UavErrorIndex.Position, 0, posNed.X, posVar, index, h);
            any |= FuseAxis(core, UavErrorIndex.Position, 1, posNed.Y, posVar, index, h);
            LastPositionFusedUs = now;
        }

        if (!reset && (!fuseHorizontalVel || !fuseVerticalVel || !fusePos))
        {
            RejectedCount++;
        }

        return reset ? FusionOutcome.Reset : any ? FusionOutcome.Fused : FusionOutcome.Rejected;
    }

    private void Reset(UavFilterCore core, in GnssSample sample, Vector3 arm, Vector3 armVelocity, double velNoise, double posNoise, long now)
    {
        Vector3 posNed = _frame.ToNed(sample.Position);
        LastHeightUpM = -posNed.Z;
        core.ResetHorizontalPosition(posNed.X - arm.X, posNed.Y - arm.Y, posNoise * posNoise);
        core.ResetVelocity(sample.VelocityNedMps - armVelocity, velNoise * velNoise);
        LastPositionFusedUs = now;
        LastVelocityFusedUs = now;
        ResetCount++;
    }

    /// <summary>Builds the row of one axis (value at the position/velocity index plus lever-arm attitude terms).</summary>
    private int BuildRow(int block, int axis, Vector3 c, Span<int> index, Span<double> h)
    {
        index[0] = block + axis;
        h[0] = 1.0;
        if (_parameters.GnssAntennaBodyM == Vector3.Zero)
        {
            return 1;
        }

        // Row "axis" of d(R l)/d(dTheta) = -[R l]x.
        index[1] = UavErrorIndex.Attitude;
        index[2] = UavErrorIndex.Attitude + 1;
        index[3] = UavErrorIndex.Attitude + 2;
        (h[1], h[2], h[3]) = axis switch
        {
            0 => UavObservationRows.LeverArm0(c),
            1 => UavObservationRows.LeverArm1(c),
            _ => UavObservationRows.LeverArm2(c),
        };
        return 4;
    }

    private double Ratio(UavFilterCore core, int block, int axis, Vector3 c, double innovation, double variance, double gate, Span<int> index, Span<double> h)
    {
        int n = BuildRow(block, axis, c, index, h);
        double s = core.InnovationVariance(index[..n], h[..n], variance);
        return ObservationRow.TestRatio(innovation, s, gate);
    }

    /// <summary>Fuses one axis with the innovation recomputed from the current (sequentially updated) state.</summary>
    private bool FuseAxis(UavFilterCore core, int block, int axis, double measured, double variance, Span<int> index, Span<double> h)
    {
        Matrix3 r = core.Rotation;
        Vector3 lever = _parameters.GnssAntennaBodyM;
        Vector3 c = block == UavErrorIndex.Position ? r * lever : r * Vector3.Cross(core.AngularRateRadps, lever);
        Vector3 x = block == UavErrorIndex.Position ? core.PositionNedM : core.VelocityNedMps;
        double predicted = x[axis] + c[axis];
        int n = BuildRow(block, axis, c, index, h);
        return core.FuseScalar(index[..n], h[..n], measured - predicted, variance);
    }
}
