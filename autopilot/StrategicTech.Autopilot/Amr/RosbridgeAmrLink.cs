using StrategicTech.Drivers.Rosbridge.Client;
using StrategicTech.Drivers.Rosbridge.Messages;
using StrategicTech.Drivers.Rosbridge.Messages.Preallocated;
using StrategicTech.Navigation.Amr;
using StrategicTech.Navigation.Localization;

namespace StrategicTech.Autopilot.Amr;

/// <summary>
/// Connects an <see cref="AmrNavigator"/> to a robot through the rosbridge client only: subscribes <c>/odom</c>,
/// <c>/imu</c> and <c>/scan</c> as preallocated subscriptions (the client's socket thread decodes each message in
/// place into a slot of their rings) and advertises <c>/cmd_vel</c> (its send ring). <see cref="Step"/>, called at
/// the control rate (20 Hz) on the control thread, drains the rings merging odometry and gyro by stamp into the EKF,
/// hands every scan to the navigator, ticks it and publishes the command; socket I/O never runs here and the intake
/// builds no message objects. When the link drops, no new odometry arrives, the navigator holds the goal and commands
/// zero, and the robot's own cmd_vel timeout stops it; commands published while the link is down are discarded at the
/// reconnect (never delivered late), and after the client reconnects and resubscribes the samples flow again and the
/// goal continues.
/// </summary>
public sealed class RosbridgeAmrLink
{
    private const int InertialCapacity = 64;
    private const int ScanCapacity = 4;
    private readonly AmrNavigator _navigator;
    private readonly PreallocatedSubscription<OdometryBuffer> _odom;
    private readonly PreallocatedSubscription<ImuBuffer> _imu;
    private readonly PreallocatedSubscription<LaserScanBuffer> _scan;
    private readonly TopicPublisher<Twist> _cmdVel;

    public RosbridgeAmrLink(RosbridgeClient client, AmrNavigator navigator)
    {
        ArgumentNullException.ThrowIfNull(client);
        _navigator = navigator ?? throw new ArgumentNullException(nameof(navigator));
        _odom = client.SubscribePreallocated("/odom", PreallocatedTypes.Odometry, capacity: InertialCapacity);
        _imu = client.SubscribePreallocated("/imu", PreallocatedTypes.Imu, capacity: InertialCapacity);
        _scan = client.SubscribePreallocated("/scan", PreallocatedTypes.LaserScan(), capacity: ScanCapacity);
        _cmdVel = client.Advertise("/cmd_vel", RosTypes.Twist, keepWhileDown: false); // a command that waited through an outage is stale
    }

    public AmrNavigator Navigator => _navigator;

    /// <summary>The last command published.</summary>
    public VelocityCommand LastCommand { get; private set; }

    public long CommandsPublished { get; private set; }

    /// <summary>Commands that never went out: refused by the full ring or discarded at a reconnect (published while down).</summary>
    public long CommandsNotSent => _cmdVel.Dropped + _cmdVel.DiscardedAtReconnect;

    public long ScansProcessed { get; private set; }

    /// <summary>Stamp (µs) of the newest /odom the client has received (long.MinValue before any).</summary>
    public long LatestOdometryStampUs => _odom.LatestStampUs;

    /// <summary>Stamp (µs) of the newest /imu the client has received (long.MinValue before any).</summary>
    public long LatestImuStampUs => _imu.LatestStampUs;

    /// <summary>Stamp (µs) of the newest /scan the client has received (long.MinValue before any).</summary>
    public long LatestScanStampUs => _scan.LatestStampUs;

    /// <summary>Samples lost because a ring was full (the control loop fell behind).</summary>
    public long Dropped => _odom.Dropped + _imu.Dropped + _scan.Dropped;

    /// <summary>Drains the sensor rings, ticks the navigator at <paramref name="nowUs"/> and publishes /cmd_vel.</summary>
    public VelocityCommand Step(long nowUs)
    {
        DrainInertial();
        while (_scan.TryRead(out LaserScanBuffer scan))
        {
            _navigator.OnScan(scan.Stamp.ToMicroseconds(), scan.Ranges, scan.AngleMin, scan.AngleIncrement, scan.RangeMin, scan.RangeMax);
            ScansProcessed++;
        }

        _scan.Release();
        VelocityCommand command = _navigator.Tick(nowUs);
        LastCommand = command;
        if (_cmdVel.Publish(new Twist(new Vector3(command.LinearMps, 0, 0), new Vector3(0, 0, command.AngularRadps))))
        {
            CommandsPublished++;
        }

        return command;
    }

    /// <summary>
    /// Odometry and gyro in stamp order, so the EKF never sees a sample older than its time: each ring's oldest
    /// pending slot is held while the other's is older. Only what was pending at entry is taken, so a fast
    /// producer cannot keep the control loop here.
    /// </summary>
    private void DrainInertial()
    {
        int odomLeft = _odom.Pending, imuLeft = _imu.Pending;
        OdometryBuffer o = null!;
        ImuBuffer m = null!;
        bool hasOdom = odomLeft-- > 0 && _odom.TryRead(out o);
        bool hasImu = imuLeft-- > 0 && _imu.TryRead(out m);
        while (hasOdom || hasImu)
        {
            long odomUs = hasOdom ? o.Stamp.ToMicroseconds() : long.MaxValue;
            long imuUs = hasImu ? m.Stamp.ToMicroseconds() : long.MaxValue;
            if (odomUs <= imuUs)
            {
                Pose p = o.Pose;
                _navigator.OnOdometry(odomUs, new Pose2D(p.Position.X, p.Position.Y, p.Orientation.YawRad), o.Twist.Linear.X, o.Twist.Angular.Z);
                hasOdom = odomLeft-- > 0 && _odom.TryRead(out o);
            }
            else
            {
                _navigator.OnGyro(imuUs, m.AngularVelocity.Z);
                hasImu = imuLeft-- > 0 && _imu.TryRead(out m);
            }
        }

        _odom.Release();
        _imu.Release();
    }
}
