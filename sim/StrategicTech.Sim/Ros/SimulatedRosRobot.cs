using System.Collections.Concurrent;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Navigation.Planning.Costmaps;
using StrategicTech.Sim.Physics;
using RosImu = StrategicTech.Drivers.Rosbridge.Messages.Imu;

namespace StrategicTech.Sim.Ros;

/// <summary>
/// A simulated TurtleBot/Nav2-style robot behind a rosbridge server: subscribes <c>/cmd_vel</c> (Twist; stops when
/// no command came for <see cref="CmdVelTimeoutUs"/>), publishes <c>/odom</c> (50 Hz, odom → base_footprint),
/// <c>/tf</c> (odom → base_footprint, 50 Hz), <c>/scan</c> (10 Hz, base_scan), <c>/imu</c> (50 Hz),
/// <c>/battery_state</c> (1 Hz) and latched <c>/map</c>; serves <c>/reset_odometry</c> (std_srvs/Trigger) and the
/// <c>/rotate</c> action (turn by an angle, feedback at 10 Hz, cancelable). Stepped in lockstep by its owner on
/// the simulation clock; the server may be swapped (restarted) while it runs.
/// </summary>
public sealed class SimulatedRosRobot
{
    public const long StepUs = 10_000;
    public const long CmdVelTimeoutUs = 500_000;
    public const double RotateRateRadps = 1.0;
    private const double BatteryCapacityAh = 5.0;

    private readonly OccupancyGridMap _map;
    private readonly LidarModel _lidar;
    private readonly List<WalkingPerson> _people = [];
    private readonly ConcurrentQueue<RosActionGoal<RotateGoal, RotateFeedback, RotateResult>> _newGoals = new();
    private readonly float[] _ranges;
    private DeterministicRandom _imuNoise;
    private RosbridgeServer? _server;
    private Twist _command;
    private long _commandUs = long.MinValue;
    private long _nowUs;
    private const long Never = -1_000_000_000_000; // far enough back that "now − never" cannot overflow
    private long _lastOdomUs = Never, _lastScanUs = Never, _lastBatteryUs = Never, _lastFeedbackUs = Never;
    private double _previousLinearMps;
    private double _chargeAh = BatteryCapacityAh;
    private RosActionGoal<RotateGoal, RotateFeedback, RotateResult>? _goal;
    private double _goalTurnedRad;
    private volatile bool _resetOdometry;

    public SimulatedRosRobot(OccupancyGridMap map, double startXM, double startYM, double startYawRad, ulong seed = 1,
        DiffDriveParameters? drive = null, LidarParameters? lidar = null)
    {
        _map = map ?? throw new ArgumentNullException(nameof(map));
        Base = new DiffDriveBase(drive ?? new DiffDriveParameters(), startXM, startYM, startYawRad, DeterministicRandom.DeriveSeed(seed, 1));
        _lidar = new LidarModel(map, lidar ?? new LidarParameters(), DeterministicRandom.DeriveSeed(seed, 2));
        _imuNoise = new DeterministicRandom(DeterministicRandom.DeriveSeed(seed, 3));
        _ranges = new float[_lidar.Parameters.Beams];
    }

    public DiffDriveBase Base { get; }

    public LidarModel Lidar => _lidar;

    public IList<WalkingPerson> People => _people;

    public long TimeUs => _nowUs;

    /// <summary>Stamp (µs) of the last /odom published (negative before the first).</summary>
    public long LastOdometryStampUs => _lastOdomUs;

    /// <summary>Stamp (µs) of the last /scan published (negative before the first).</summary>
    public long LastScanStampUs => _lastScanUs;

    /// <summary>cmd_vel messages received.</summary>
    public long CommandsReceived { get; private set; }

    /// <summary>The last cmd_vel received (zero before the first), whether or not it is still fresh.</summary>
    public Twist LastCommand
    {
        get
        {
            lock (_newGoals)
            {
                return _command;
            }
        }
    }

    /// <summary>True while the last command is fresh; false means the robot is braking to a stop.</summary>
    public bool CommandActive => _commandUs != long.MinValue && _nowUs - _commandUs <= CmdVelTimeoutUs;

    /// <summary>Registers topics, the service and the action on a (new) server; later publishes go to it.</summary>
    public void Attach(RosbridgeServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.AddTopic("/odom", RosTypes.Odometry);
        server.AddTopic("/tf", RosTypes.TfMessage);
        server.AddTopic("/scan", RosTypes.LaserScan);
        server.AddTopic("/imu", RosTypes.Imu);
        server.AddTopic("/battery_state", RosTypes.BatteryState);
        server.AddTopic("/map", RosTypes.OccupancyGrid, latched: true);
        server.OnPublish("/cmd_vel", RosTypes.Twist, twist =>
        {
            lock (_newGoals)
            {
                _command = twist;
                _commandUs = _nowUs;
                CommandsReceived++;
            }
        });
        server.AddService("/reset_odometry", RosTypes.TriggerRequest, RosTypes.TriggerResponse, _ =>
        {
            _resetOdometry = true;
            return new TriggerResponse(true, "odometry reset");
        });
        server.AddAction("/rotate", RosTypes.RotateGoal, RosTypes.RotateFeedback, RosTypes.RotateResult, _newGoals.Enqueue);
        server.Publish("/map", RosTypes.OccupancyGrid, BuildMap());
        Volatile.Write(ref _server, server);
    }

    /// <summary>Detaches from a server that is going away (messages are dropped until the next Attach).</summary>
    public void Detach() => Volatile.Write(ref _server, null);

    /// <summary>Steps physics in 10 ms steps up to <paramref name="timeUs"/>, publishing on schedule.</summary>
    public void StepTo(long timeUs)
    {
        while (_nowUs + StepUs <= timeUs)
        {
            _nowUs += StepUs;
            StepOnce();
        }
    }

    private void StepOnce()
    {
        const double dtS = StepUs / 1e6;
        if (_resetOdometry)
        {
            _resetOdometry = false;
            Base.ResetOdometry();
        }

        Twist command;
        lock (_newGoals)
        {
            command = CommandActive ? _command : default;
        }

        double commandW = command.Angular.Z;
        double commandV = command.Linear.X;
        RunGoal(ref commandV, ref commandW);
        Base.Step(dtS, commandV, commandW, IsDiscFree);
        foreach (WalkingPerson person in _people)
        {
            person.Step(dtS);
        }

        double currentA = 0.5 + (2.0 * Math.Abs(Base.LinearMps)) + (0.5 * Math.Abs(Base.AngularRadps));
        _chargeAh = Math.Max(0, _chargeAh - (currentA * dtS / 3600));
        Publish();
        _previousLinearMps = Base.LinearMps;
    }

    private void RunGoal(ref double commandV, ref double commandW)
    {
        if (_goal is null && _newGoals.TryDequeue(out var next))
        {
            _goal = next;
            _goalTurnedRad = 0;
        }

        if (_goal is null)
        {
            return;
        }

        double target = _goal.Goal.AngleRad;
        double remaining = target - _goalTurnedRad;
        if (_goal.CancelRequested)
        {
            _goal.Finish(GoalStatus.Canceled, new RotateResult((float)_goalTurnedRad));
            _goal = null;
            return;
        }

        if (Math.Abs(remaining) < 0.01)
        {
            _goal.Finish(GoalStatus.Succeeded, new RotateResult((float)_goalTurnedRad));
            _goal = null;
            return;
        }

        commandV = 0;
        commandW = Math.Sign(remaining) * Math.Min(RotateRateRadps, Math.Abs(remaining) * 4);
        _goalTurnedRad += Base.AngularRadps * (StepUs / 1e6);
        if (_nowUs - _lastFeedbackUs >= 100_000)
        {
            _lastFeedbackUs = _nowUs;
            _goal.SendFeedback(new RotateFeedback((float)remaining));
        }
    }

    private bool IsDiscFree(double xM, double yM)
    {
        double r = Base.Parameters.RobotRadiusM;
        for (int i = 0; i < 8; i++)
        {
            double a = i * Math.PI / 4;
            if (!_lidar.IsFreeAt(xM + (r * Math.Cos(a)), yM + (r * Math.Sin(a))))
            {
                return false;
            }
        }

        foreach (WalkingPerson person in _people)
        {
            double dx = xM - person.XM, dy = yM - person.YM;
            if (Math.Sqrt((dx * dx) + (dy * dy)) < r + person.RadiusM)
            {
                return false;
            }
        }

        return _lidar.IsFreeAt(xM, yM);
    }

    private void Publish()
    {
        RosbridgeServer? server = Volatile.Read(ref _server);
        if (server is null)
        {
            return;
        }

        RosTime stamp = RosTime.FromMicroseconds(_nowUs);
        if (_nowUs - _lastOdomUs >= 20_000)
        {
            _lastOdomUs = _nowUs;
            var pose = new Pose(new Point(Base.OdomXM, Base.OdomYM, 0), Quaternion.FromYaw(Base.OdomYawRad));
            var twist = new Twist(new Vector3(Base.OdomLinearMps, 0, 0), new Vector3(0, 0, Base.OdomAngularRadps));
            server.Publish("/odom", RosTypes.Odometry, new Odometry(
                new Header(stamp, "odom"), "base_footprint",
                new PoseWithCovariance(pose, Diagonal6(0.001, 0.001, 1e6, 1e6, 1e6, 0.01)),
                new TwistWithCovariance(twist, Diagonal6(0.001, 0.001, 1e6, 1e6, 1e6, 0.01))));
            server.Publish("/tf", RosTypes.TfMessage, new TfMessage([
                new TransformStamped(new Header(stamp, "odom"), "base_footprint", new Transform(new Vector3(pose.Position.X, pose.Position.Y, 0), pose.Orientation)),
            ]));
            const double sigmaGyro = 0.002, sigmaAccel = 0.02;
            double accel = (Base.LinearMps - _previousLinearMps) / (StepUs / 1e6);
            server.Publish("/imu", RosTypes.Imu, new RosImu(
                new Header(stamp, "imu_link"),
                Quaternion.FromYaw(Base.TrueYawRad),
                [1e-4, 0, 0, 0, 1e-4, 0, 0, 0, 1e-4],
                new Vector3(0, 0, Base.AngularRadps + (_imuNoise.NextGaussian() * sigmaGyro)),
                [sigmaGyro * sigmaGyro, 0, 0, 0, sigmaGyro * sigmaGyro, 0, 0, 0, sigmaGyro * sigmaGyro],
                new Vector3(accel + (_imuNoise.NextGaussian() * sigmaAccel), _imuNoise.NextGaussian() * sigmaAccel, 9.80665 + (_imuNoise.NextGaussian() * sigmaAccel)),
                [sigmaAccel * sigmaAccel, 0, 0, 0, sigmaAccel * sigmaAccel, 0, 0, 0, sigmaAccel * sigmaAccel]));
        }

        if (_nowUs - _lastScanUs >= (long)(1e6 / _lidar.Parameters.RateHz))
        {
            _lastScanUs = _nowUs;
            _lidar.Scan(Base.TrueXM, Base.TrueYM, Base.TrueYawRad, _people, _ranges);
            LidarParameters p = _lidar.Parameters;
            server.Publish("/scan", RosTypes.LaserScan, new LaserScan(
                new Header(stamp, "base_scan"), 0f, (float)(2 * Math.PI - _lidar.AngleIncrementRad), (float)_lidar.AngleIncrementRad,
                (float)(1.0 / p.RateHz / p.Beams), (float)(1.0 / p.RateHz), (float)p.RangeMinM, (float)p.RangeMaxM, (float[])_ranges.Clone(), []));
        }

        if (_nowUs - _lastBatteryUs >= 1_000_000)
        {
            _lastBatteryUs = _nowUs;
            double soc = _chargeAh / BatteryCapacityAh;
            server.Publish("/battery_state", RosTypes.BatteryState, new BatteryState(
                new Header(stamp, "base_link"), (float)(14.0 + (2.8 * soc)), float.NaN, -(float)(0.5 + (2.0 * Math.Abs(Base.LinearMps))),
                (float)_chargeAh, (float)BatteryCapacityAh, (float)BatteryCapacityAh, (float)soc,
                BatteryState.StatusDischarging, BatteryState.HealthGood, BatteryState.TechnologyLion, true, [], [], "base", "SIM-0001"));
        }
    }

    private OccupancyGrid BuildMap()
    {
        MapYaml m = _map.Metadata;
        return new OccupancyGrid(
            new Header(RosTime.FromMicroseconds(_nowUs), "map"),
            new MapMetaData(default, (float)m.ResolutionM, (uint)_map.Width, (uint)_map.Height,
                new Pose(new Point(m.OriginXM, m.OriginYM, 0), Quaternion.FromYaw(m.OriginYawRad))),
            _map.Data.ToArray());
    }

    private static double[] Diagonal6(double a, double b, double c, double d, double e, double f)
    {
        var m = new double[36];
        (m[0], m[7], m[14], m[21], m[28], m[35]) = (a, b, c, d, e, f);
        return m;
    }
}
