namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>Receives a checked frame from a link (on the link's I/O thread; the frame's spans are valid only during the call).</summary>
public delegate void MavlinkFrameHandler(MavlinkLink link, MavlinkFrame frame);

/// <summary>
/// A transport with parsers: bytes in, checked frames out (one parser per byte stream, e.g. per TCP client),
/// and frames out through <see cref="Send"/>. Counters of all its parsers are summed in <see cref="Stats"/>.
/// </summary>
public sealed class MavlinkLink : IDisposable
{
    private readonly Dictionary<int, MavlinkParser> _parsers = [];
    private readonly Lock _lock = new();
    private readonly MavlinkDialect _dialect;
    private readonly MavlinkSignatureVerifier? _verifier;
    private MavlinkFrameHandler? _handler;

    public MavlinkLink(IMavlinkTransport transport, MavlinkDialect dialect, MavlinkSignatureVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(dialect);
        Transport = transport;
        _dialect = dialect;
        _verifier = verifier;
    }

    public IMavlinkTransport Transport { get; }

    public string Name => Transport.Name;

    /// <summary>Sum of the counters of this link's parsers.</summary>
    public MavlinkParserStats Stats
    {
        get
        {
            lock (_lock)
            {
                var sum = new MavlinkParserStats();
                foreach (MavlinkParser parser in _parsers.Values)
                {
                    MavlinkParserStats s = parser.Stats;
                    sum.Frames += s.Frames;
                    sum.BadCrc += s.BadCrc;
                    sum.GarbageBytes += s.GarbageBytes;
                    sum.LengthErrors += s.LengthErrors;
                    sum.UnknownIds += s.UnknownIds;
                    sum.SignatureFailures += s.SignatureFailures;
                    sum.UnsupportedFlags += s.UnsupportedFlags;
                    sum.SequenceDrops += s.SequenceDrops;
                    sum.Truncated += s.Truncated;
                }

                return sum;
            }
        }
    }

    public void Start(MavlinkFrameHandler handler)
    {
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        Transport.Start(OnBytes);
    }

    public bool Send(ReadOnlySpan<byte> frames) => Transport.Send(frames);

    public void Dispose() => Transport.Dispose();

    private void OnBytes(IMavlinkTransport source, int channel, ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (!_parsers.TryGetValue(channel, out MavlinkParser? parser))
            {
                parser = new MavlinkParser(_dialect, _verifier);
                _parsers[channel] = parser;
            }

            while (parser.TryRead(ref bytes, out MavlinkFrame frame))
            {
                _handler!(this, frame);
            }

            // A datagram ends on a frame boundary: release a trailing unknown-id frame now instead of on the next datagram.
            while (source.PreservesFrameBoundaries && parser.TryFlush(out MavlinkFrame frame))
            {
                _handler!(this, frame);
            }
        }
    }
}
