using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Telemetry;
using StrategicTech.TestSupport;

namespace StrategicTech.GroundStation.Tests.App;

/// <summary>
/// The per-frame work of the fly view while ten vehicles fly with full 10 000-point tracks: applying their telemetry
/// and <see cref="FlyViewController.Update"/> (plus the replay timeline's layout) allocate nothing, so flying causes
/// no garbage collection at all. In the GL collection, which runs alone, so the process-wide gen-2 count is ours.
/// </summary>
[Collection(GlCollection.Name)]
public sealed class FrameUpdateAllocationTests
{
    private const int Vehicles = 10;
    private const int TrackPoints = 10_000;

    private static TelemetrySample Position(byte systemId, long timeUs, int step) => new()
    {
        Kind = TelemetryKind.GlobalPosition,
        SystemId = systemId,
        TimeUs = timeUs,
        A = 47.39 + (systemId * 0.001) + (step * 1e-5),
        B = 8.54 + (Math.Sin(step * 0.01) * 1e-3),
        C = 508,
        D = 20,
        I1 = 9_000,
    };

    private static TelemetrySample Heartbeat(byte systemId, long timeUs) => new()
    {
        Kind = TelemetryKind.Heartbeat,
        SystemId = systemId,
        TimeUs = timeUs,
        I0 = (4 << 16) | (4 << 24),
        I1 = 0x80 | 1,
        I2 = 2 | (12 << 8) | (4 << 16),
    };

    [Fact]
    public void Applying_ten_vehicles_telemetry_and_updating_the_fly_view_allocates_nothing_and_collects_no_gen2()
    {
        var fleet = new Fleet();
        long timeUs = 1_000_000;
        for (byte id = 1; id <= Vehicles; id++)
        {
            fleet.Apply(Heartbeat(id, timeUs));
            for (int i = 0; i < TrackPoints; i++)
            {
                fleet.Apply(Position(id, timeUs, i));
            }
        }

        Assert.All(fleet.Vehicles, v => Assert.Equal(TrackPoints, v.Track.Count));
        var ui = new FlyViewController(fleet, sender: null);
        var timeline = new ReplayTimeline(600, 0);
        int step = TrackPoints;
        void Frame()
        {
            timeUs += 33_333;
            step++;
            for (byte id = 1; id <= Vehicles; id++)
            {
                fleet.Apply(Heartbeat(id, timeUs));
                fleet.Apply(Position(id, timeUs, step));
            }

            ui.Update(timeUs, 1280, 720);
            timeline.Advance(0.033);
            timeline.Layout(1280, 720);
        }

        int gen2Before = GC.CollectionCount(2);
        Allocations.AssertZero(Frame, iterations: 3000);
        Assert.Equal(gen2Before, GC.CollectionCount(2));
        Assert.All(fleet.Vehicles, v => Assert.Equal(TrackPoints, v.Track.Count));
    }
}
