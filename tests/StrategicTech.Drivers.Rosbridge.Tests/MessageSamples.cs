using StrategicTech.Drivers.Rosbridge.Messages;

namespace StrategicTech.Drivers.Rosbridge.Tests;

/// <summary>Builds messages of every type from a seed, for round-trip properties and fixed examples.</summary>
internal static class MessageSamples
{
    public static LaserScan Scan360(int seed = 1)
    {
        var random = new Random(seed);
        var ranges = new float[360];
        for (int i = 0; i < ranges.Length; i++)
        {
            ranges[i] = random.NextDouble() < 0.05 ? float.PositiveInfinity : (float)(0.12 + (random.NextDouble() * 11.8));
        }

        return new LaserScan(new Header(new RosTime(1712, 500_000_000), "base_scan"), 0f, 6.2657f, 0.017453292f, 0.0002777f, 0.1f, 0.12f, 12f, ranges, []);
    }

    public static Odometry Odometry(int seed = 1)
    {
        var random = new Random(seed);
        double[] Cov() => [.. Enumerable.Range(0, 36).Select(_ => random.NextDouble())];
        return new Odometry(
            new Header(new RosTime(seed, (uint)seed * 1000), "odom"), "base_footprint",
            new PoseWithCovariance(new Pose(new Point(random.NextDouble(), -random.NextDouble(), 0), Quaternion.FromYaw(random.NextDouble() * 3)), Cov()),
            new TwistWithCovariance(new Twist(new Vector3(0.25, 0, 0), new Vector3(0, 0, -0.5)), Cov()));
    }

    /// <summary>One message of every typed ROS message, built from <paramref name="seed"/> (floats finite or not).</summary>
    public static IReadOnlyList<(object Message, Type Type)> All(int seed, bool finiteOnly)
    {
        var random = new Random(seed);
        double D() => finiteOnly || random.Next(10) != 0 ? (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7))
            : random.Next(3) switch { 0 => double.NaN, 1 => double.PositiveInfinity, _ => double.NegativeInfinity };
        float F() => (float)D();
        string S() => new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)random.Next(32, 0x3000))]);
        var header = new Header(new RosTime(random.Next(), (uint)random.Next(0, 999_999_999)), S());
        var pose = new Pose(new Point(D(), D(), D()), new Quaternion(D(), D(), D(), D()));
        double[] Da(int n) => [.. Enumerable.Range(0, n).Select(_ => D())];
        float[] Fa(int n) => [.. Enumerable.Range(0, n).Select(_ => F())];
        byte[] bytes = new byte[random.Next(0, 40)];
        random.NextBytes(bytes);
        sbyte[] cells = [.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => (sbyte)random.Next(-1, 101))];
        var twist = new Twist(new Vector3(D(), D(), D()), new Vector3(D(), D(), D()));
        return
        [
            (header, typeof(Header)),
            (twist, typeof(Twist)),
            (new PoseStamped(header, pose), typeof(PoseStamped)),
            (new PoseWithCovarianceStamped(header, new PoseWithCovariance(pose, Da(36))), typeof(PoseWithCovarianceStamped)),
            (new Odometry(header, S(), new PoseWithCovariance(pose, Da(36)), new TwistWithCovariance(twist, Da(36))), typeof(Odometry)),
            (new OccupancyGrid(header, new MapMetaData(new RosTime(3, 4), F(), (uint)random.Next(), (uint)random.Next(), pose), cells), typeof(OccupancyGrid)),
            (new NavPath(header, [new PoseStamped(header, pose), new PoseStamped(header, pose)]), typeof(NavPath)),
            (new LaserScan(header, F(), F(), F(), F(), F(), F(), F(), Fa(random.Next(0, 400)), Fa(random.Next(0, 5))), typeof(LaserScan)),
            (new Imu(header, pose.Orientation, Da(9), twist.Linear, Da(9), twist.Angular, Da(9)), typeof(Imu)),
            (new BatteryState(header, F(), F(), F(), F(), F(), F(), F(), (byte)random.Next(256), 1, 2, random.Next(2) == 0, Fa(4), Fa(2), S(), S()), typeof(BatteryState)),
            (new TfMessage([new TransformStamped(header, S(), new Transform(twist.Linear, pose.Orientation))]), typeof(TfMessage)),
            (new StringMessage(S()), typeof(StringMessage)),
            (new BoolMessage(random.Next(2) == 0), typeof(BoolMessage)),
            (new Float64Message(D()), typeof(Float64Message)),
            (new Int32Message(random.Next(int.MinValue, int.MaxValue)), typeof(Int32Message)),
            (new ByteArrayMessage(bytes), typeof(ByteArrayMessage)),
            (new GoalStatus(new GoalInfo(new GoalUuid(bytes.Length >= 16 ? bytes[..16] : new byte[16]), new RosTime(1, 2)), (sbyte)random.Next(0, 7)), typeof(GoalStatus)),
            (new TriggerResponse(true, S()), typeof(TriggerResponse)),
            (new RotateGoal(F()), typeof(RotateGoal)),
        ];
    }
}
