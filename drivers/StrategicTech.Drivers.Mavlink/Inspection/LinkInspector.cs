using StrategicTech.Navigation.Time;

namespace StrategicTech.Drivers.Mavlink.Inspection;

/// <summary>
/// Link statistics in the manner of QGroundControl's MAVLink inspector: feed it the bytes of a link
/// (<see cref="Receive"/>, straight from an <see cref="Transports.IMavlinkTransport"/> handler) and take
/// <see cref="TakeSnapshot"/>s: bytes, frames, parser error counters (bad CRC, bad signature when a verifier is
/// given, garbage, length errors, truncation), and per (system, component) the frames lost to sequence gaps and
/// the count and rate of every message. Time comes from the injected clock, so tests drive it with a manual one.
/// Thread-safe: the transport's thread feeds it while a display thread takes snapshots.
/// </summary>
public sealed class LinkInspector
{
    private readonly Lock _lock = new();
    private readonly MavlinkDialect _dialect;
    private readonly MavlinkSignatureVerifier? _verifier;
    private readonly IClock _clock;
    private readonly Dictionary<int, MavlinkParser> _parsers = [];
    private readonly Dictionary<ushort, Source> _sources = [];
    private readonly long _startUs;
    private long _bytes;
    private long _previousSnapshotUs;

    public LinkInspector(MavlinkDialect dialect, IClock clock, MavlinkSignatureVerifier? verifier = null)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _verifier = verifier;
        _startUs = clock.TimeUs;
        _previousSnapshotUs = _startUs;
    }

    /// <summary>
    /// Parses a chunk of received bytes. <paramref name="channel"/> separates byte streams (one per TCP client);
    /// <paramref name="endsOnFrameBoundary"/> (UDP datagrams) releases a trailing unknown-id frame at once.
    /// </summary>
    public void Receive(ReadOnlySpan<byte> bytes, int channel = 0, bool endsOnFrameBoundary = false)
    {
        lock (_lock)
        {
            long nowUs = _clock.TimeUs;
            _bytes += bytes.Length;
            if (!_parsers.TryGetValue(channel, out MavlinkParser? parser))
            {
                parser = new MavlinkParser(_dialect, _verifier);
                _parsers[channel] = parser;
            }

            while (parser.TryRead(ref bytes, out MavlinkFrame frame))
            {
                Record(frame, nowUs);
            }

            while (endsOnFrameBoundary && parser.TryFlush(out MavlinkFrame frame))
            {
                Record(frame, nowUs);
            }
        }
    }

    /// <summary>Statistics now; <see cref="MessageSnapshot.RateHz"/> covers the time since the previous call.</summary>
    public LinkSnapshot TakeSnapshot()
    {
        lock (_lock)
        {
            long nowUs = _clock.TimeUs;
            double windowS = (nowUs - _previousSnapshotUs) / 1e6;
            _previousSnapshotUs = nowUs;
            long frames = 0, badCrc = 0, badSignature = 0, garbage = 0, lengthErrors = 0, unknownIds = 0, truncated = 0;
            foreach (MavlinkParser parser in _parsers.Values)
            {
                MavlinkParserStats s = parser.Stats;
                frames += s.Frames;
                badCrc += s.BadCrc;
                badSignature += s.SignatureFailures;
                garbage += s.GarbageBytes;
                lengthErrors += s.LengthErrors;
                unknownIds += s.UnknownIds;
                truncated += s.Truncated;
            }

            var components = new List<ComponentSnapshot>(_sources.Count);
            long drops = 0;
            foreach ((ushort key, Source source) in _sources.OrderBy(s => s.Key))
            {
                var messages = new List<MessageSnapshot>(source.Messages.Count);
                foreach ((uint id, MessageCounter counter) in source.Messages.OrderBy(m => m.Key))
                {
                    double rateHz = windowS > 0 ? (counter.Count - counter.CountAtSnapshot) / windowS : 0;
                    double meanHz = counter.Count >= 2 && counter.LastUs > counter.FirstUs ? (counter.Count - 1) / ((counter.LastUs - counter.FirstUs) / 1e6) : 0;
                    counter.CountAtSnapshot = counter.Count;
                    messages.Add(new MessageSnapshot(id, _dialect.NameOf(id) ?? $"#{id}", counter.Count, rateHz, meanHz, counter.LastUs));
                }

                drops += source.Drops;
                components.Add(new ComponentSnapshot((byte)(key >> 8), (byte)key, source.Frames, source.Bytes, source.Drops, messages));
            }

            return new LinkSnapshot(nowUs, (nowUs - _startUs) / 1e6, _bytes, frames, badCrc, badSignature, drops, garbage, lengthErrors, unknownIds, truncated, components);
        }
    }

    private void Record(in MavlinkFrame frame, long nowUs)
    {
        ushort key = (ushort)((frame.SystemId << 8) | frame.ComponentId);
        if (!_sources.TryGetValue(key, out Source? source))
        {
            source = new Source { LastSequence = (byte)(frame.Sequence - 1) };
            _sources[key] = source;
        }

        // A gap in the sender's 8-bit counter is frames it sent that never arrived (as the parser counts them).
        source.Drops += (byte)(frame.Sequence - source.LastSequence - 1);
        source.LastSequence = frame.Sequence;
        source.Frames++;
        source.Bytes += frame.Raw.Length;
        uint id = frame.MessageId;
        if (!source.Messages.TryGetValue(id, out MessageCounter? counter))
        {
            counter = new MessageCounter { FirstUs = nowUs };
            source.Messages[id] = counter;
        }

        counter.Count++;
        counter.LastUs = nowUs;
    }

    private sealed class Source
    {
        public Dictionary<uint, MessageCounter> Messages { get; } = [];

        public byte LastSequence { get; set; }

        public long Frames { get; set; }

        public long Bytes { get; set; }

        public long Drops { get; set; }
    }

    private sealed class MessageCounter
    {
        public long Count { get; set; }

        public long CountAtSnapshot { get; set; }

        public long FirstUs { get; set; }

        public long LastUs { get; set; }
    }
}
