using StrategicTech.GroundStation.Model;
using StrategicTech.GroundStation.Telemetry;

namespace StrategicTech.GroundStation.Bench;

/// <summary>
/// The performance scene: <see cref="Vehicles"/> vehicles, each with a full <see cref="TrackPoints"/>-point track,
/// flying epicycles over the same few hundred metres so every track is on screen at the default 1 m/px and
/// crosses itself (the hardest case for stroking). <see cref="Step"/> feeds one frame's telemetry (heartbeat,
/// attitude, position) for every vehicle, allocating nothing.
/// </summary>
public sealed class FleetBenchScene
{
    public const int Vehicles = 10;
    public const int TrackPoints = 10_000;
    public const double OriginLatDeg = 47.397742;
    public const double OriginLonDeg = 8.545594;
    private const double MetresPerDegLat = 111_195;

    private long _timeUs = 1_000_000;
    private int _step;

    public FleetBenchScene(Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        Fleet = fleet;
        for (byte id = 1; id <= Vehicles; id++)
        {
            fleet.Apply(Heartbeat(id, _timeUs));
            fleet.Apply(Home(id, _timeUs));
        }

        // The vehicles' positions advance 1 m or so per step, so each track keeps all its points (TrackBuffer drops
        // only points closer than ~0.2 m).
        for (_step = 0; _step < TrackPoints; _step++)
        {
            for (byte id = 1; id <= Vehicles; id++)
            {
                fleet.Apply(Position(id, _timeUs, _step));
            }
        }

        fleet.Select(1);
    }

    public Fleet Fleet { get; }

    /// <summary>Scene time, µs (advances 1/30 s per <see cref="Step"/>).</summary>
    public long NowUs => _timeUs;

    /// <summary>One frame's telemetry for every vehicle (a new track point each).</summary>
    public void Step()
    {
        _timeUs += 33_333;
        _step++;
        for (byte id = 1; id <= Vehicles; id++)
        {
            Fleet.Apply(Heartbeat(id, _timeUs));
            Fleet.Apply(Attitude(id, _timeUs, _step));
            Fleet.Apply(Position(id, _timeUs, _step));
        }
    }

    /// <summary>
    /// North and east offset of vehicle <paramref name="id"/> from the origin at step <paramref name="step"/>, metres: an
    /// epicycle (a 200 m circle plus a 70 m one turning 5-7 times faster the other way), so the speed never drops below
    /// (70·5 − 200)·0.0047 ≈ 0.7 m per step and every step adds a track point.
    /// </summary>
    public static (double NorthM, double EastM) OffsetM(byte id, int step)
    {
        double t = (step * 0.0047) + id;
        int fast = 5 + (id % 3);
        double centreEastM = (id - 5.5) * 40;
        return ((200 * Math.Cos(t)) + (70 * Math.Cos(-fast * t)), centreEastM + (200 * Math.Sin(t)) + (70 * Math.Sin(-fast * t)));
    }

    private static TelemetrySample Position(byte id, long timeUs, int step)
    {
        (double n, double e) = OffsetM(id, step);
        return new TelemetrySample
        {
            Kind = TelemetryKind.GlobalPosition,
            SystemId = id,
            TimeUs = timeUs,
            A = OriginLatDeg + (n / MetresPerDegLat),
            B = OriginLonDeg + (e / (MetresPerDegLat * Math.Cos(OriginLatDeg * Math.PI / 180))),
            C = 508 + id,
            D = 20 + id,
            E = 8,
            F = 2,
            I1 = (step * 37) % 36_000,
        };
    }

    private static TelemetrySample Attitude(byte id, long timeUs, int step) => new()
    {
        Kind = TelemetryKind.Attitude,
        SystemId = id,
        TimeUs = timeUs,
        A = 0.2 * Math.Sin(step * 0.05),
        B = 0.1 * Math.Cos(step * 0.04),
        C = (step * 0.01) % (2 * Math.PI),
    };

    private static TelemetrySample Heartbeat(byte id, long timeUs) => new()
    {
        Kind = TelemetryKind.Heartbeat,
        SystemId = id,
        TimeUs = timeUs,
        I0 = (4 << 16) | (4 << 24),
        I1 = 0x80 | 1,
        I2 = 2 | (12 << 8) | (4 << 16),
    };

    private static TelemetrySample Home(byte id, long timeUs) => new()
    {
        Kind = TelemetryKind.Home,
        SystemId = id,
        TimeUs = timeUs,
        A = OriginLatDeg + (id * 1e-4),
        B = OriginLonDeg + ((id - 5.5) * 40 / (MetresPerDegLat * Math.Cos(OriginLatDeg * Math.PI / 180))),
        C = 488,
    };
}
