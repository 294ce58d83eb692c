using StrategicTech.Autopilot.Bus;
using StrategicTech.Autopilot.Runtime;
using StrategicTech.Navigation.Geodesy;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Cli.Commands.Loop;

/// <summary>Output of the stand-in rate controller, published on the bus each cycle.</summary>
public readonly record struct RateSetpoint(long TimeUs, Vector3 RateRadPerS);

/// <summary>Telemetry snapshot published at the lowest rate.</summary>
public readonly record struct TelemetrySnapshot(long TimeUs, double DistanceHomeM, double BearingHomeRad, double GravityMps2);

/// <summary>
/// Stand-ins for the real loop's work, sized like it and using the real kernels, so the jitter measurement sees a
/// realistic load until the estimator and controllers land: attitude integration, an attitude-error controller,
/// a 3×3 covariance propagation, NED ↔ geodetic conversions and a geodesic to home with bus traffic.
/// </summary>
public sealed class RepresentativeTasks
{
    private readonly Topic<RateSetpoint> _rateTopic = new("rate_setpoint", 16);
    private readonly Topic<TelemetrySnapshot> _telemetryTopic = new("telemetry", 16);
    private readonly TopicSubscription<RateSetpoint> _rateSubscription;
    private readonly LocalNedFrame _frame = new(GeodeticPosition.FromDegrees(47.397742, 8.545594, 488));
    private Quaternion _attitude = Quaternion.Identity;
    private Matrix3 _covariance = Matrix3.Diagonal(0.1, 0.1, 0.1);
    private Vector3 _positionNedM = new(10, -5, -30);
    private GeodeticPosition _position;
    private double _checksum;

    public RepresentativeTasks()
    {
        _rateSubscription = _rateTopic.Subscribe();
        _position = _frame.Origin;
        RateController = new RateControllerTask(this);
        AttitudeIntegrator = new AttitudeTask(this);
        CovariancePredict = new CovarianceTask(this);
        PositionConversion = new PositionTask(this);
        Telemetry = new TelemetryTask(this);
    }

    public IPeriodicTask RateController { get; }

    public IPeriodicTask AttitudeIntegrator { get; }

    public IPeriodicTask CovariancePredict { get; }

    public IPeriodicTask PositionConversion { get; }

    public IPeriodicTask Telemetry { get; }

    /// <summary>A value derived from every task's output, so the work cannot be optimised away.</summary>
    public double Checksum => _checksum;

    private sealed class RateControllerTask(RepresentativeTasks s) : IPeriodicTask
    {
        private static readonly Quaternion Setpoint = Quaternion.FromEuler(0.05, -0.02, 1.2);

        public void Run(long timeUs)
        {
            Vector3 errorRad = (Setpoint.Conjugate() * s._attitude).ToRotationVector();
            s._rateTopic.Publish(new RateSetpoint(timeUs, errorRad * -4.5));
        }
    }

    private sealed class AttitudeTask(RepresentativeTasks s) : IPeriodicTask
    {
        public void Run(long timeUs)
        {
            Vector3 rate = s._rateSubscription.TryReadLatest(out TopicSample<RateSetpoint> sp) ? sp.Value.RateRadPerS : Vector3.Zero;
            s._attitude = (s._attitude * Quaternion.FromRotationVector(rate * 0.002)).Normalized();
        }
    }

    private sealed class CovarianceTask(RepresentativeTasks s) : IPeriodicTask
    {
        public void Run(long timeUs)
        {
            Matrix3 f = Matrix3.Identity + (Matrix3.Skew(new Vector3(0.01, -0.02, 0.005)) * 0.004);
            s._covariance = (f * s._covariance * f.Transpose()) + Matrix3.Diagonal(1e-6, 1e-6, 1e-6);
            s._checksum += s._covariance.Trace * 1e-9;
        }
    }

    private sealed class PositionTask(RepresentativeTasks s) : IPeriodicTask
    {
        public void Run(long timeUs)
        {
            s._positionNedM += new Vector3(0.1, 0.05, 0);
            s._position = s._frame.FromNed(s._positionNedM);
            s._checksum += s._frame.ToNed(s._position).X * 1e-12;
        }
    }

    private sealed class TelemetryTask(RepresentativeTasks s) : IPeriodicTask
    {
        public void Run(long timeUs)
        {
            GeodesicInverse home = Geodesic.Inverse(s._position, s._frame.Origin);
            double g = NormalGravity.AtMps2(s._position);
            s._telemetryTopic.Publish(new TelemetrySnapshot(timeUs, home.DistanceM, home.InitialBearingRad, g));
            s._checksum += home.DistanceM * 1e-12;
        }
    }
}
