using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Sim.Cli;

namespace StrategicTech.Sim.Tests.Cli;

/// <summary>The interactive vehicle's offboard-API link streams ODOMETRY as PX4's onboard-mode link does.</summary>
public sealed class SitlVehicleApiOdometryTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sitl-api-odometry-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    [Fact]
    public void The_offboard_api_port_receives_odometry_in_local_ned_with_body_frd_velocity()
    {
        using Socket api = BoundUdp(), gcs = BoundUdp();
        using var vehicle = new SitlVehicleProcess("--speed", "4", "--instance", "31", "--port", "0", "--api-port", Port(api), "--gcs-port", Port(gcs),
            "--out", Path.Combine(_dir, "v"), "--no-plots");
        Odometry? odometry = null;
        byte[] buffer = new byte[4096];
        var parser = new MavlinkParser(MavlinkDialects.All);
        for (int i = 0; i < 5000 && odometry is null; i++)
        {
            int n = api.Receive(buffer); // 60 s receive timeout: a silent link fails the test rather than hanging it
            ReadOnlySpan<byte> input = buffer.AsSpan(0, n);
            while (parser.TryRead(ref input, out MavlinkFrame frame))
            {
                if (frame.TryDecode(out Odometry o))
                {
                    Assert.Equal(32, frame.SystemId); // instance 31: system id 32
                    odometry = o;
                }
            }
        }

        Assert.True(odometry.HasValue, "no ODOMETRY on the offboard-API port");
        Odometry m = odometry.Value;
        Assert.Equal(MavFrame.LocalNed, m.FrameId);
        Assert.Equal(MavFrame.BodyFrd, m.ChildFrameId);
        Assert.InRange(m.Z, -1f, 1f); // on the pad
        Assert.True(m.PoseCovariance[0] > 0, "position variance missing");
        vehicle.Type("quit");
        Assert.Equal(ExitCodes.Success, vehicle.WaitForExit());
    }

    private static Socket BoundUdp()
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        s.ReceiveTimeout = 60_000;
        return s;
    }

    private static string Port(Socket s) => ((IPEndPoint)s.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
}
