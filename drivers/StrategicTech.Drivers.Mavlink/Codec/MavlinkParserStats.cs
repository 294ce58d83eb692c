namespace StrategicTech.Drivers.Mavlink;

/// <summary>Counters of one parser: what was accepted and every way bytes were rejected. Read them any time; they only grow (until <see cref="Reset"/>).</summary>
public sealed class MavlinkParserStats
{
    /// <summary>Frames delivered (known ids with a good CRC, plus delivered raw frames of unknown ids).</summary>
    public long Frames { get; internal set; }

    /// <summary>Candidate frames of a known id whose CRC (with CRC_EXTRA) did not match.</summary>
    public long BadCrc { get; internal set; }

    /// <summary>Bytes skipped while hunting for a frame start: noise between frames and the first byte of each false start.</summary>
    public long GarbageBytes { get; internal set; }

    /// <summary>Candidate frames of a known id with a bad CRC whose length byte is impossible for that id (MAVLink 1: not the base length; MAVLink 2: zero or above the largest).</summary>
    public long LengthErrors { get; internal set; }

    /// <summary>Frames with an id outside the dialect (delivered raw or skipped, per the parser's policy).</summary>
    public long UnknownIds { get; internal set; }

    /// <summary>Frames rejected by the signing policy: bad signature, replayed or stale timestamp, unsigned under <c>require</c>, MAVLink 1 under <c>require</c>.</summary>
    public long SignatureFailures { get; internal set; }

    /// <summary>MAVLink 2 candidates with incompat_flags this implementation does not understand (the spec says drop them).</summary>
    public long UnsupportedFlags { get; internal set; }

    /// <summary>Frames a sender sent that we never saw, from gaps in each (system, component) sequence counter.</summary>
    public long SequenceDrops { get; internal set; }

    /// <summary>Candidates cut off by the end of the stream (counted by <see cref="MavlinkParser.TryFlush"/>).</summary>
    public long Truncated { get; internal set; }

    /// <summary>
    /// The parser's work in bytes examined: scanned for a start marker, read as a header, or checksummed. A measure of
    /// what input costs (a flood meant to keep the parser busy shows here); see the README for the bound per input byte.
    /// </summary>
    public long WorkBytes { get; internal set; }

    /// <summary>All rejected candidates (not counting garbage bytes or drops).</summary>
    public long Errors => BadCrc + LengthErrors + SignatureFailures + UnsupportedFlags + Truncated;

    public void Reset()
    {
        Frames = BadCrc = GarbageBytes = LengthErrors = UnknownIds = SignatureFailures = UnsupportedFlags = SequenceDrops = Truncated = WorkBytes = 0;
    }
}
