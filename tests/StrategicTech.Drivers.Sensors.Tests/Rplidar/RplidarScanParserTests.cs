using FsCheck;
using FsCheck.Xunit;
using StrategicTech.Drivers.Sensors.Rplidar;
using StrategicTech.Drivers.Sensors.Tests.Support;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Rplidar;

public sealed class RplidarScanParserTests
{
    private static readonly byte[] Descriptor = [0xA5, 0x5A, 0x05, 0x00, 0x00, 0x40, 0x81];

    /// <summary>Test-side node encoder (standard scan format).</summary>
    private static byte[] Node(int angleQ6, int distanceQ2, int quality, bool start) =>
    [
        (byte)((quality << 2) | (start ? 0x01 : 0x02)),
        (byte)(((angleQ6 & 0x7F) << 1) | 0x01),
        (byte)(angleQ6 >> 7),
        (byte)distanceQ2,
        (byte)(distanceQ2 >> 8),
    ];

    /// <summary>Revolutions of <paramref name="pointsPerTurn"/> nodes, angle stepping evenly, distance = 1000 + index mm.</summary>
    private static byte[] Stream(int revolutions, int pointsPerTurn)
    {
        var bytes = new List<byte>(Descriptor);
        for (int r = 0; r < revolutions; r++)
        {
            for (int i = 0; i < pointsPerTurn; i++)
            {
                bytes.AddRange(Node(i * 360 * 64 / pointsPerTurn, (1000 + i) * 4, 47, i == 0));
            }
        }

        return [.. bytes];
    }

    [Property(MaxTest = 300)]
    public void Node_round_trips_angle_range_and_quality(ushort angleRaw, ushort distanceRaw, byte qualityRaw, bool start)
    {
        int angleQ6 = angleRaw % 23040, distanceQ2 = distanceRaw, quality = qualityRaw & 0x3F;
        Assert.True(RplidarScanParser.TryDecodeNode(Node(angleQ6, distanceQ2, quality, start), out LidarPoint p, out bool s));
        Assert.Equal(start, s);
        Assert.Equal(angleQ6 / 64.0 * Math.PI / 180.0, p.AngleRad, 12);
        Assert.Equal(distanceQ2 / 4000.0, p.RangeM, 12);
        Assert.Equal(quality, p.Quality);
    }

    [Fact]
    public void Revolutions_are_published_when_the_next_one_starts()
    {
        var parser = new RplidarScanParser();
        parser.Feed(Stream(3, 360), 0);

        Assert.True(parser.DescriptorSeen);
        Assert.Equal(2, parser.Revolutions); // the third is still open
        Assert.True(parser.TryReadScan(out ReadOnlySpan<LidarPoint> scan));
        Assert.Equal(360, scan.Length);
        Assert.Equal(1.000, scan[0].RangeM, 12);
        Assert.Equal(1.359, scan[359].RangeM, 12);
        Assert.Equal(359 * Math.PI / 180.0, scan[359].AngleRad, 12);
        Assert.False(parser.TryReadScan(out _));
    }

    [Fact]
    public void Nodes_before_the_response_descriptor_are_ignored()
    {
        var parser = new RplidarScanParser();
        byte[] stream = Stream(2, 10);
        parser.Feed(stream.AsSpan(Descriptor.Length), 0); // no descriptor
        Assert.Equal(0, parser.Nodes);
        parser.Feed(stream, 0);
        Assert.Equal(20, parser.Nodes);
    }

    [Fact]
    public void Node_with_a_bad_check_bit_is_counted_and_the_stream_resynchronizes()
    {
        byte[] stream = Stream(3, 100);
        stream[Descriptor.Length + (5 * 150) + 1] &= 0xFE; // clear C in node 150 (second revolution)
        var parser = new RplidarScanParser();
        parser.Feed(stream, 0);

        Assert.True(parser.InvalidNodes >= 1);
        Assert.Equal(2, parser.Revolutions);
        Assert.True(parser.TryReadScan(out ReadOnlySpan<LidarPoint> scan));
        Assert.InRange(scan.Length, 90, 99); // node 150 lost, plus any node the re-synchronization slid through
    }

    [Property(MaxTest = 50)]
    public void Any_chunking_yields_the_same_scans(int seed)
    {
        byte[] stream = Stream(4, 200);
        var parser = new RplidarScanParser();
        Chunks.Feed(stream, seed, c => parser.Feed(c.Span, 0));
        Assert.Equal(3, parser.Revolutions);
        Assert.Equal(800, parser.Nodes);
        Assert.Equal(0, parser.InvalidNodes);
    }

    [Property(MaxTest = 200)]
    public void Random_bytes_never_throw(byte[] bytes)
    {
        var parser = new RplidarScanParser(maxPointsPerRevolution: 64);
        parser.Feed([.. Descriptor, .. bytes ?? []], 0);
        Assert.True(parser.Nodes + parser.InvalidNodes <= (bytes?.Length ?? 0));
    }

    [Fact]
    public void Scan_request_bytes_are_a5_20()
    {
        Span<byte> request = stackalloc byte[2];
        Assert.Equal(2, RplidarCommand.Write(request, RplidarCommand.Scan));
        Assert.Equal([0xA5, 0x20], request.ToArray());
    }

    [Fact]
    public void Parsing_a_revolution_allocates_nothing()
    {
        byte[] stream = Stream(2, 400);
        byte[] nodes = stream[Descriptor.Length..];
        var parser = new RplidarScanParser();
        parser.Feed(Descriptor, 0);
        Allocations.AssertZero(
            () =>
            {
                parser.Feed(nodes, 0);
                parser.TryReadScan(out _);
            },
            iterations: 20);
    }
}
