using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;

namespace StrategicTech.Autopilot.Amr;

/// <summary>The navigator's probing moves while relocalizing with several places held (state <see cref="NavigationState.Probing"/>).</summary>
public sealed partial class AmrNavigator
{
    private readonly RecoveringLocalizer? _recovering;
    private readonly ProbeMotionPlanner? _prober;
    private readonly Pose2D[] _probeHypotheses = [];
    private readonly float[] _lastScan = new float[4096];
    private int _lastScanBeams;
    private double _lastScanAngleMinRad, _lastScanIncrementRad, _lastScanRangeMinM, _lastScanRangeMaxM;
    private ProbeMotion _probe;
    private Pose2D _probeStartOdom;
    private long _probeStartUs;
    private ProbePhase _probePhase;
    private long _nextProbeUs;

    private enum ProbePhase
    {
        None,
        Turning,
        Driving,
    }

    /// <summary>Probing moves started in the current lost episode (searches for one that found none count too).</summary>
    public int ProbesRun { get; private set; }

    /// <summary>Probing moves started since construction.</summary>
    public long TotalProbes { get; private set; }

    /// <summary>Times no probing move was clear under every held place and of the scan.</summary>
    public long ProbesNotFound { get; private set; }

    /// <summary>The last probing move chosen (robot frame at its start).</summary>
    public ProbeMotion LastProbe => _probe;

    /// <summary>
    /// The probing move while relocalizing: once the localizer has weighed its held places on enough scans from one
    /// standpoint without a decision, choose a move clear under every place and of the live scan that makes their
    /// predicted views differ most, turn to it and drive it slowly in the odometry frame (the places move with
    /// odometry and are rescored on every scan), through the collision monitor; stop as soon as the localizer
    /// decides, then stand a moment and repeat, a bounded number of times.
    /// </summary>
    private VelocityCommand TickProbe(long nowUs)
    {
        if (_prober is null || _recovering!.State != RecoveringLocalizer.Phase.Disambiguating || _recovering.HypothesisCount < 2)
        {
            _probePhase = ProbePhase.None;
            return default;
        }

        Pose2D odom = OdomPose;
        if (_probePhase == ProbePhase.None)
        {
            if (ProbesRun >= _p.MaxProbes || nowUs < _nextProbeUs || _recovering.EvidenceScanCount < _recovering.Parameters.EvidenceScans)
            {
                return default; // first weigh the places from where the robot stands
            }

            ProbesRun++;
            int held = _recovering.CopyHypotheses(odom, _probeHypotheses);
            if (!_prober.TryChoose(_probeHypotheses.AsSpan(0, held), _lastScan.AsSpan(0, _lastScanBeams), _lastScanAngleMinRad, _lastScanIncrementRad,
                _lastScanRangeMinM, _lastScanRangeMaxM, _laserInBase, out _probe))
            {
                ProbesNotFound++;
                _nextProbeUs = nowUs + _p.ProbeSettleUs; // people may step away: look again after a while
                return default;
            }

            TotalProbes++;
            _probeStartOdom = odom;
            _probeStartUs = nowUs;
            _probePhase = ProbePhase.Turning;
        }

        if (nowUs - _probeStartUs > _p.ProbeTimeoutUs)
        {
            return EndProbe(nowUs); // blocked (a person in the way): stand, and choose afresh from here
        }

        double directionRad = Pose2D.WrapPi(_probeStartOdom.YawRad + _probe.HeadingRad);
        double yawErrorRad = Pose2D.WrapPi(directionRad - odom.YawRad);
        if (_probePhase == ProbePhase.Turning)
        {
            if (Math.Abs(yawErrorRad) > 2 * Math.PI / 180)
            {
                return _monitor.Filter(new VelocityCommand(0, Math.Clamp(2 * yawErrorRad, -_p.ProbeYawRateRadps, _p.ProbeYawRateRadps)), nowUs, out _);
            }

            _probePhase = ProbePhase.Driving;
        }

        double c = Math.Cos(directionRad), s = Math.Sin(directionRad);
        double ox = odom.XM - _probeStartOdom.XM, oy = odom.YM - _probeStartOdom.YM;
        double remainingM = _probe.DistanceM - ((ox * c) + (oy * s));
        if (remainingM <= 0.02)
        {
            return EndProbe(nowUs);
        }

        // Along the straight line in the odometry frame: slow down over the last metre, steer back onto the line.
        double crossM = (oy * c) - (ox * s);
        double speedMps = Math.Min(_p.ProbeSpeedMps, Math.Max(0.05, remainingM));
        double yawRateRadps = Math.Clamp((2 * yawErrorRad) - (2 * crossM), -_p.ProbeYawRateRadps, _p.ProbeYawRateRadps);
        return _monitor.Filter(new VelocityCommand(speedMps, yawRateRadps), nowUs, out _);
    }

    private VelocityCommand EndProbe(long nowUs)
    {
        _probePhase = ProbePhase.None;
        _nextProbeUs = nowUs + _p.ProbeSettleUs;
        return default;
    }
}
