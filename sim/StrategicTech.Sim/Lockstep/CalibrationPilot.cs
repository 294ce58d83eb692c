using StrategicTech.Autopilot.Vehicles;
using StrategicTech.Navigation.Calibration;
using StrategicTech.Navigation.Numerics;

namespace StrategicTech.Sim.Lockstep;

/// <summary>
/// A SITL stand-in for the person who calibrates a vehicle: it turns the disarmed vehicle on the ground through a list
/// of poses (each side for the accelerometer, a turn about the vertical on each side for the magnetometer), so the
/// whole MAVLink-commanded calibration runs in lockstep. The physics attitude is overridden kinematically while the
/// pilot holds the vehicle (<see cref="Physics.MultirotorSimulation.HoldByHand"/>): between poses it turns the vehicle
/// at a constant rate along the shortest rotation over <see cref="TransitionS"/>, and when the list is done it sets
/// the vehicle back level and lets go. Runs as a scheduler task just before the physics step.
/// </summary>
public sealed class CalibrationPilot
{
    private readonly SitlVehicle _vehicle;
    private readonly List<CalibrationPose> _poses = [];
    private int _index;
    private long _segmentStartUs = long.MinValue;
    private bool _transitioning = true;

    public CalibrationPilot(SitlVehicle vehicle, double transitionS = 1.5)
    {
        ArgumentNullException.ThrowIfNull(vehicle);
        _vehicle = vehicle;
        TransitionS = transitionS;
        vehicle.Scheduler.Register("calibration-pilot", new PeriodicAction(Run), Vehicle.BaseRateHz, Vehicle.SensorPriority - 6);
    }

    public double TransitionS { get; }

    /// <summary>True when every pose queued so far was held and the vehicle is back on the ground.</summary>
    public bool Idle => _index >= _poses.Count && !_vehicle.Physics.HeldByHand;

    /// <summary>Queues a pose: turn to <paramref name="attitude"/>, then hold it <paramref name="holdS"/>, turning about the vertical at <paramref name="yawRateRadps"/>.</summary>
    public void Enqueue(Quaternion attitude, double holdS, double yawRateRadps = 0) => _poses.Add(new CalibrationPose(attitude, holdS, yawRateRadps));

    /// <summary>Still on the ground, level, for <paramref name="holdS"/> (gyro and level calibrations).</summary>
    public void HoldLevel(double holdS) => Enqueue(Quaternion.Identity, holdS);

    /// <summary>Each of the six sides in turn, still for <paramref name="holdS"/> (accelerometer).</summary>
    public void ShowSixSides(double holdS)
    {
        foreach (AccelOrientation side in SideOrder)
        {
            Enqueue(SideAttitude(side), holdS);
        }

        Enqueue(Quaternion.Identity, 0.5);
    }

    /// <summary>Each side: still for <paramref name="stillS"/> (so the side is detected), one full turn about the vertical in <paramref name="turnS"/>, then still for a second (magnetometer).</summary>
    public void TurnOnSixSides(double stillS, double turnS)
    {
        foreach (AccelOrientation side in SideOrder)
        {
            Enqueue(SideAttitude(side), stillS);
            Enqueue(SideAttitude(side), turnS, 2 * Math.PI / turnS);
            Enqueue(SideAttitude(side), 1.0);
        }

        Enqueue(Quaternion.Identity, 0.5);
    }

    private static ReadOnlySpan<AccelOrientation> SideOrder =>
        [AccelOrientation.RightSideUp, AccelOrientation.UpsideDown, AccelOrientation.Left, AccelOrientation.Right, AccelOrientation.NoseDown, AccelOrientation.TailDown];

    /// <summary>The attitude (zero yaw) that rests the vehicle on <paramref name="side"/>.</summary>
    public static Quaternion SideAttitude(AccelOrientation side) => side switch
    {
        AccelOrientation.TailDown => Quaternion.FromEuler(0, Math.PI / 2, 0),
        AccelOrientation.NoseDown => Quaternion.FromEuler(0, -Math.PI / 2, 0),
        AccelOrientation.Left => Quaternion.FromEuler(-Math.PI / 2, 0, 0),
        AccelOrientation.Right => Quaternion.FromEuler(Math.PI / 2, 0, 0),
        AccelOrientation.UpsideDown => Quaternion.FromEuler(Math.PI, 0, 0),
        _ => Quaternion.Identity,
    };

    private void Run(long timeUs)
    {
        if (_index >= _poses.Count)
        {
            _vehicle.Physics.ReleaseHand();
            return;
        }

        if (_segmentStartUs == long.MinValue)
        {
            _segmentStartUs = timeUs;
        }

        CalibrationPose pose = _poses[_index];
        Quaternion current = _vehicle.Physics.Truth.Attitude;
        double elapsedS = (timeUs - _segmentStartUs) * 1e-6;
        if (_transitioning)
        {
            double remainingS = TransitionS - elapsedS;
            if (remainingS > 1e-9)
            {
                // The earth-frame rotation left to the pose, spread over the time left.
                Vector3 left = (pose.Attitude * current.Conjugate()).Canonical().ToRotationVector();
                if (left.Length > 1e-9)
                {
                    _vehicle.Physics.HoldByHand(current, left / Math.Max(remainingS, _vehicle.Physics.StepUs * 1e-6));
                    return;
                }
            }

            _transitioning = false;
            _segmentStartUs = timeUs;
            elapsedS = 0;
        }

        if (elapsedS >= pose.HoldS)
        {
            _index++;
            _transitioning = true;
            _segmentStartUs = timeUs;
            return;
        }

        _vehicle.Physics.HoldByHand(current, new Vector3(0, 0, pose.YawRateRadps));
    }

    private readonly record struct CalibrationPose(Quaternion Attitude, double HoldS, double YawRateRadps);
}
