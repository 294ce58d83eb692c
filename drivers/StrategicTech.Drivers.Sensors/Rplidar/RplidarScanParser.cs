namespace StrategicTech.Drivers.Sensors.Rplidar;

/// <summary>One lidar return: bearing (rad, clockwise from the sensor's 0° mark, as the device reports) and range (m).</summary>
public readonly record struct LidarPoint(double AngleRad, double RangeM, byte Quality);

/// <summary>
/// Parser for an RPLIDAR standard scan stream (SCAN request 0xA5 0x20). It first expects the response descriptor
/// <c>A5 5A 05 00 00 40 81</c> (5-byte nodes, multiple-response mode, type 0x81), then 5-byte nodes:
/// byte 0 = quality(6) | ¬S | S (S marks the first node of a revolution and ¬S must be its complement), byte 1 =
/// angle_q6 bits 0..6 | C (check bit, always 1), byte 2 = angle_q6 bits 7..14, bytes 3..4 = distance_q2 (LE).
/// Angle = angle_q6 / 64 °, distance = distance_q2 / 4 mm (0 = no return, skipped). A node failing the sync or
/// check bits is counted and the parser slides one byte to re-synchronize. Completed revolutions are double
/// buffered; <see cref="TryReadScan"/> returns the newest one. Allocation-free after construction.
/// </summary>
public sealed class RplidarScanParser
{
    private readonly LidarPoint[][] _buffers;
    private readonly int[] _counts = new int[2];
    private readonly byte[] _node = new byte[RplidarCommand.NodeLength];
    private readonly byte[] _descriptor = new byte[7];
    private int _nodeLength;
    private int _descriptorLength;
    private int _filling;
    private bool _descriptorSeen;
    private bool _hasNew;
    private bool _revolutionStarted;
    private long _revolutionTimeUs;

    /// <param name="maxPointsPerRevolution">A7.x/A2 deliver up to about 2 000 points per turn at 10 Hz.</param>
    public RplidarScanParser(int maxPointsPerRevolution = 4096)
    {
        _buffers = [new LidarPoint[maxPointsPerRevolution], new LidarPoint[maxPointsPerRevolution]];
    }

    public long Nodes { get; private set; }
    public long InvalidNodes { get; private set; }
    public long Revolutions { get; private set; }
    /// <summary>Points dropped because a revolution exceeded the buffer.</summary>
    public long DroppedPoints { get; private set; }
    public long BadDescriptors { get; private set; }
    public bool DescriptorSeen => _descriptorSeen;

    /// <summary>Time (µs) of the first node of the newest complete revolution.</summary>
    public long ScanTimeUs { get; private set; }

    public void Feed(ReadOnlySpan<byte> bytes, long timeUs)
    {
        foreach (byte b in bytes)
        {
            if (_descriptorSeen)
            {
                PushNode(b, timeUs);
            }
            else
            {
                PushDescriptor(b);
            }
        }
    }

    /// <summary>The newest complete revolution, once; the span stays valid until the next revolution completes.</summary>
    public bool TryReadScan(out ReadOnlySpan<LidarPoint> points)
    {
        int done = 1 - _filling;
        points = _buffers[done].AsSpan(0, _counts[done]);
        if (!_hasNew)
        {
            return false;
        }

        _hasNew = false;
        return true;
    }

    /// <summary>Decodes one node; false when its sync or check bits are wrong.</summary>
    public static bool TryDecodeNode(ReadOnlySpan<byte> n, out LidarPoint point, out bool startOfRevolution)
    {
        point = default;
        startOfRevolution = (n[0] & 0x01) != 0;
        bool inverse = (n[0] & 0x02) != 0;
        if (startOfRevolution == inverse || (n[1] & 0x01) == 0)
        {
            return false;
        }

        int angleQ6 = (n[1] >> 1) | (n[2] << 7);
        int distanceQ2 = n[3] | (n[4] << 8);
        point = new LidarPoint(angleQ6 / 64.0 * Math.PI / 180.0, distanceQ2 / 4.0 / 1000.0, (byte)(n[0] >> 2));
        return true;
    }

    private void PushDescriptor(byte b)
    {
        ReadOnlySpan<byte> expected = [RplidarCommand.DescriptorStart1, RplidarCommand.DescriptorStart2, 0x05, 0x00, 0x00, 0x40, RplidarCommand.ScanDataType];
        if (b == expected[_descriptorLength])
        {
            _descriptor[_descriptorLength++] = b;
            if (_descriptorLength == expected.Length)
            {
                _descriptorSeen = true;
            }

            return;
        }

        if (_descriptorLength >= 2)
        {
            BadDescriptors++; // a descriptor for another request (or a corrupted one)
        }

        _descriptorLength = b == RplidarCommand.DescriptorStart1 ? 1 : 0;
    }

    private void PushNode(byte b, long timeUs)
    {
        _node[_nodeLength++] = b;
        if (_nodeLength < RplidarCommand.NodeLength)
        {
            return;
        }

        if (!TryDecodeNode(_node, out LidarPoint point, out bool start))
        {
            InvalidNodes++;
            Array.Copy(_node, 1, _node, 0, RplidarCommand.NodeLength - 1);
            _nodeLength = RplidarCommand.NodeLength - 1;
            return;
        }

        _nodeLength = 0;
        Nodes++;
        if (start)
        {
            if (_revolutionStarted)
            {
                Publish();
            }

            _revolutionStarted = true;
            _revolutionTimeUs = timeUs;
        }

        if (!_revolutionStarted || point.RangeM <= 0)
        {
            return;
        }

        LidarPoint[] buffer = _buffers[_filling];
        if (_counts[_filling] == buffer.Length)
        {
            DroppedPoints++;
            return;
        }

        buffer[_counts[_filling]++] = point;
    }

    private void Publish()
    {
        ScanTimeUs = _revolutionTimeUs;
        _filling = 1 - _filling;
        _counts[_filling] = 0;
        Revolutions++;
        _hasNew = true;
    }
}
