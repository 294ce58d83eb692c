namespace StrategicTech.Drivers.Mavlink.Transports;

/// <summary>
/// Forwards frames between links per the MAVLink routing rules: it learns which link each (system, component) is
/// behind from the traffic; a frame with a target goes only to the link(s) where that target was seen, a frame
/// without one (or target system 0, or an unknown id) goes to every link; never back to the link it came from,
/// and SETUP_SIGNING (which carries a key) is never forwarded.
/// </summary>
public sealed class MavlinkRouter : IDisposable
{
    private readonly List<MavlinkLink> _links = [];
    private readonly Dictionary<int, List<MavlinkLink>> _byComponent = [];
    private readonly Dictionary<int, List<MavlinkLink>> _bySystem = [];
    private readonly Lock _lock = new();
    private readonly MavlinkDialect _dialect;

    public MavlinkRouter(MavlinkDialect? dialect = null)
    {
        _dialect = dialect ?? MavlinkDialects.All;
    }

    /// <summary>Frames sent on to at least one link.</summary>
    public long Forwarded { get; private set; }

    /// <summary>Frames not forwarded: target not (yet) seen on another link, or SETUP_SIGNING.</summary>
    public long Dropped { get; private set; }

    /// <summary>Adds and starts a link. Frames it receives are forwarded, then passed to <paramref name="local"/> if given.</summary>
    public MavlinkLink Add(IMavlinkTransport transport, MavlinkFrameHandler? local = null)
    {
        var link = new MavlinkLink(transport, _dialect);
        lock (_lock)
        {
            _links.Add(link);
        }

        link.Start((source, frame) =>
        {
            Route(source, frame);
            local?.Invoke(source, frame);
        });
        return link;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (MavlinkLink link in _links)
            {
                link.Dispose();
            }

            _links.Clear();
        }
    }

    private void Route(MavlinkLink source, MavlinkFrame frame)
    {
        lock (_lock)
        {
            Learn(_bySystem, frame.SystemId, source);
            Learn(_byComponent, (frame.SystemId << 8) | frame.ComponentId, source);
            if (frame.MessageId == MavlinkConstants.SetupSigningMessageId)
            {
                Dropped++;
                return;
            }

            (int targetSystem, int targetComponent) = Target(frame);
            List<MavlinkLink>? targets = null;
            if (targetSystem > 0)
            {
                if (targetComponent > 0 && _byComponent.TryGetValue((targetSystem << 8) | targetComponent, out var exact))
                {
                    targets = exact;
                }
                else if (!_bySystem.TryGetValue(targetSystem, out targets))
                {
                    Dropped++;
                    return;
                }
            }

            bool sent = false;
            foreach (MavlinkLink link in targets ?? _links)
            {
                if (!ReferenceEquals(link, source))
                {
                    sent |= link.Send(frame.Raw);
                }
            }

            if (sent)
            {
                Forwarded++;
            }
            else
            {
                Dropped++;
            }
        }
    }

    private (int System, int Component) Target(MavlinkFrame frame)
    {
        if (!frame.IsKnown || !_dialect.TryGet(frame.MessageId, out MavlinkMessageInfo info) || info.TargetSystemOffset < 0)
        {
            return (0, 0);
        }

        ReadOnlySpan<byte> payload = frame.Payload;
        // Trimmed MAVLink 2 payloads end before zero bytes: a target past the end is 0 (broadcast).
        int system = info.TargetSystemOffset < payload.Length ? payload[info.TargetSystemOffset] : 0;
        int component = info.TargetComponentOffset >= 0 && info.TargetComponentOffset < payload.Length ? payload[info.TargetComponentOffset] : 0;
        return (system, component);
    }

    private static void Learn(Dictionary<int, List<MavlinkLink>> table, int key, MavlinkLink link)
    {
        if (!table.TryGetValue(key, out var links))
        {
            links = [];
            table[key] = links;
        }

        if (!links.Contains(link))
        {
            links.Add(link);
        }
    }
}
