namespace StrategicTech.Navigation.Estimation.Uav.Fusion;

/// <summary>
/// Barometric height: z = altitude - offset, predicted as -positionDown. The offset is the barometer reading at
/// alignment (so the local origin starts at the take-off height); optionally it then follows GNSS height slowly,
/// which absorbs the barometer's drift with weather and temperature. Rejected for longer than
/// <see cref="UavEkfParameters.HeightResetTimeoutS"/>, the height is reset to the barometer (PX4 EKF2 resets to its
/// active height source): a filter whose height has left the gate never comes back on its own and diverges.
/// </summary>
public sealed class BaroHeightFusion : IFusionSource<BaroSample>
{
    private readonly UavEkfParameters _parameters;
    private double _lastAltitudeM = double.NaN;
    private long _lastAcceptedUs = -1;

    public BaroHeightFusion(UavEkfParameters parameters) => _parameters = parameters;

    /// <summary>Barometer altitude that corresponds to local height 0, m.</summary>
    public double OffsetM { get; set; }

    public double TestRatio { get; private set; }

    public int RejectedCount { get; private set; }

    public long LastFusedUs { get; private set; }

    /// <summary>Height resets to the barometer after its rejection timeout.</summary>
    public int ResetCount { get; private set; }

    public double LastInnovationM { get; private set; }

    public FusionOutcome Fuse(UavFilterCore core, in BaroSample sample)
    {
        ArgumentNullException.ThrowIfNull(core);
        _lastAltitudeM = sample.AltitudeM;
        Span<int> index = [UavErrorIndex.Position + 2];
        Span<double> h = [-1.0];
        double r = _parameters.BaroNoiseM * _parameters.BaroNoiseM;
        double innovation = (sample.AltitudeM - OffsetM) + core.PositionNedM.Z;
        double s = core.InnovationVariance(index, h, r);
        LastInnovationM = innovation;
        TestRatio = ObservationRow.TestRatio(innovation, s, _parameters.BaroGateSd);
        long now = core.TimeUs;
        if (_lastAcceptedUs < 0)
        {
            _lastAcceptedUs = now;
        }

        if (TestRatio > 1 || !core.FuseScalar(index, h, innovation, r))
        {
            RejectedCount++;
            if (now - _lastAcceptedUs > (long)(_parameters.HeightResetTimeoutS * 1e6))
            {
                core.ResetDownPosition(-(sample.AltitudeM - OffsetM), r);
                ResetCount++;
                _lastAcceptedUs = now;
                return FusionOutcome.Reset;
            }

            return FusionOutcome.Rejected;
        }

        LastFusedUs = now;
        _lastAcceptedUs = now;
        return FusionOutcome.Fused;
    }

    /// <summary>Moves the offset towards the value that makes the barometer agree with a GNSS height (up, m).</summary>
    public void FollowReferenceHeight(double referenceHeightUpM, double dtS)
    {
        double tau = _parameters.BaroGnssOffsetTimeConstantS;
        if (tau <= 0 || double.IsNaN(_lastAltitudeM))
        {
            return;
        }

        double target = _lastAltitudeM - referenceHeightUpM;
        OffsetM += (target - OffsetM) * Math.Min(1.0, dtS / tau);
    }
}
