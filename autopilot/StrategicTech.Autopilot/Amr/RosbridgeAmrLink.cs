using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;
using RosImu = StrategicTech.Drivers.Rosbridge.Messages.Imu;

namespace StrategicTech.Autopilot.Amr;

/// <summary>
/// Connects an <see cref="AmrNavigator"/> to a robot through the rosbridge client only: subscribes <c>/odom</c>,
/// <c>/imu</c> and <c>/scan</c> (the client's socket thread fills their SPSC rings) and advertises <c>/cmd_vel</c>
/// (its send ring). <see cref="Step"/>, called at the control rate (20 Hz) on the control thread, drains the rings
/// merging odometry and gyro by stamp into the EKF, hands every scan to the navigator, ticks it and publishes the
/// command; socket I/O never runs here. When the link drops, no new odometry arrives, the navigator holds the goal
/// and commands zero, and the robot's own cmd_vel timeout stops it; after the client reconnects and resubscribes the
/// samples flow again and the goal continues.
/// </summary>
public sealed class RosbridgeAmrLink
{
    private const int Batch = 64;
    private readonly AmrNavigator _navigator;
    private readonly TopicSubscription<Odometry> _odom;
    private readonly TopicSubscription<RosImu> _imu;
    private readonly TopicSubscription<LaserScan> _scan;
    private readonly TopicPublisher<Twist> _cmdVel;
    private readonly Odometry[] _odomBatch = new Odometry[Batch];
    private readonly RosImu[] _imuBatch = new RosImu[Batch];

    public RosbridgeAmrLink(RosbridgeClient client, AmrNavigator navigator)
    {
        ArgumentNullException.ThrowIfNull(client);
        _navigator = navigator ?? throw new ArgumentNullException(nameof(navigator));
        _odom = client.Subscribe("/odom", RosTypes.Odometry, queueCapacity: Batch);
        _imu = client.Subscribe("/imu", RosTypes.Imu, queueCapacity: Batch);
        _scan = client.Subscribe("/scan", RosTypes.LaserScan, queueCapacity: 4);
        _cmdVel = client.Advertise("/cmd_vel", RosTypes.Twist);
    }

    public AmrNavigator Navigator => _navigator;

    /// <summary>The last command published.</summary>
    public VelocityCommand LastCommand { get; private set; }

    public long CommandsPublished { get; private set; }

    public long ScansProcessed { get; private set; }

    /// <summary>Stamp (µs) of the newest /odom the client has received (long.MinValue before any).</summary>
    public long LatestOdometryStampUs => _odom.TryGetLatest(out Odometry o, out _) ? o.Header.Stamp.ToMicroseconds() : long.MinValue;

    /// <summary>Stamp (µs) of the newest /imu the client has received (long.MinValue before any).</summary>
    public long LatestImuStampUs => _imu.TryGetLatest(out RosImu m, out _) ? m.Header.Stamp.ToMicroseconds() : long.MinValue;

    /// <summary>Stamp (µs) of the newest /scan the client has received (long.MinValue before any).</summary>
    public long LatestScanStampUs => _scan.TryGetLatest(out LaserScan s, out _) ? s.Header.Stamp.ToMicroseconds() : long.MinValue;

    /// <summary>Samples lost because a ring was full (the control loop fell behind).</summary>
    public long Dropped => _odom.Dropped + _imu.Dropped + _scan.Dropped;

    /// <summary>Drains the sensor rings, ticks the navigator at <paramref name="nowUs"/> and publishes /cmd_vel.</summary>
    public VelocityCommand Step(long nowUs)
    {
        DrainInertial();
        while (_scan.TryRead(out LaserScan scan))
        {
            _navigator.OnScan(scan.Header.Stamp.ToMicroseconds(), scan.Ranges, scan.AngleMin, scan.AngleIncrement, scan.RangeMin, scan.RangeMax);
            ScansProcessed++;
        }

        VelocityCommand command = _navigator.Tick(nowUs);
        LastCommand = command;
        if (_cmdVel.Publish(new Twist(new Vector3(command.LinearMps, 0, 0), new Vector3(0, 0, command.AngularRadps))))
        {
            CommandsPublished++;
        }

        return command;
    }

    /// <summary>Odometry and gyro in stamp order, so the EKF never sees a sample older than its time.</summary>
    private void DrainInertial()
    {
        int odomCount = 0, imuCount = 0;
        while (odomCount < Batch && _odom.TryRead(out Odometry o))
        {
            _odomBatch[odomCount++] = o;
        }

        while (imuCount < Batch && _imu.TryRead(out RosImu m))
        {
            _imuBatch[imuCount++] = m;
        }

        int i = 0, j = 0;
        while (i < odomCount || j < imuCount)
        {
            long odomUs = i < odomCount ? _odomBatch[i].Header.Stamp.ToMicroseconds() : long.MaxValue;
            long imuUs = j < imuCount ? _imuBatch[j].Header.Stamp.ToMicroseconds() : long.MaxValue;
            if (odomUs <= imuUs)
            {
                Odometry o = _odomBatch[i++];
                Pose p = o.Pose.Pose;
                _navigator.OnOdometry(odomUs, new Pose2D(p.Position.X, p.Position.Y, p.Orientation.YawRad), o.Twist.Twist.Linear.X, o.Twist.Twist.Angular.Z);
            }
            else
            {
                _navigator.OnGyro(imuUs, _imuBatch[j++].AngularVelocity.Z);
            }
        }

        Array.Clear(_odomBatch, 0, odomCount);
        Array.Clear(_imuBatch, 0, imuCount);
    }
}
