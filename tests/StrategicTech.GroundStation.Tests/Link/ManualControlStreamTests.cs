using System.Diagnostics;
using System.Net;
using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.GroundStation.Link;
using StrategicTech.Navigation.Time;

namespace StrategicTech.GroundStation.Tests.Link;

/// <summary>The link's MANUAL_CONTROL stream: the sticks it is given reach the vehicle, and null stops it.</summary>
public sealed class ManualControlStreamTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly UdpTransport _vehicleUdp = new(new IPEndPoint(IPAddress.Loopback, 0), null);
    private readonly MavlinkNode _vehicle;
    private readonly GroundLink _ground;
    private readonly List<(long TimeUs, ManualControl Message)> _received = [];

    public ManualControlStreamTests()
    {
        _vehicle = new MavlinkNode(1, 1, new TransportFrameSink(_vehicleUdp), new WallClock());
        _vehicle.Messages.Subscribe<ManualControl>((in ManualControl m, in MavlinkFrameHeader h) =>
        {
            lock (_received)
            {
                _received.Add((h.ReceivedUs, m));
            }
        });
        _vehicleUdp.Start((_, _, bytes) => _vehicle.Receive(bytes));
        _ground = new GroundLink(MavlinkTransports.Open($"udpout://127.0.0.1:{_vehicleUdp.LocalEndPoint.Port}"));
        _ground.Start();
    }

    public void Dispose()
    {
        _ground.Dispose();
        _vehicleUdp.Dispose();
    }

    private int Count()
    {
        lock (_received)
        {
            return _received.Count;
        }
    }

    [Fact]
    public void Sticks_set_on_the_link_arrive_at_the_vehicle_and_null_stops_the_stream()
    {
        Assert.Equal(0, _ground.ManualControlSent);
        _ground.SetManualControl(new ManualControl { Target = 1, X = 400, Y = -200, Z = 500, R = 50 });
        var wait = Stopwatch.StartNew();
        while (Count() < 20 && wait.Elapsed < Patience)
        {
            Thread.Sleep(10);
        }

        Assert.True(Count() >= 20, $"{Count()} MANUAL_CONTROL in {Patience}");
        _ground.SetManualControl(null);
        long sentAtStop = _ground.ManualControlSent;
        Thread.Sleep(300);

        // At most the frame already in flight when null was set.
        Assert.InRange(_ground.ManualControlSent, sentAtStop, sentAtStop + 1);
        lock (_received)
        {
            ManualControl last = _received[^1].Message;
            Assert.Equal((1, 400, -200, 500, 50), (last.Target, last.X, last.Y, last.Z, last.R));
        }
    }
}
