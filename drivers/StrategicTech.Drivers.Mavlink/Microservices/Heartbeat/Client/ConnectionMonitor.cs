using System.Reactive.Subjects;

namespace StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Client;

/// <summary>
/// Finds peers by their HEARTBEAT and tracks each one's connection: lost when no HEARTBEAT came for
/// <see cref="TimeoutUs"/> (default 3 s, as QGroundControl and MAVSDK use), regained on the next one. Events go to
/// <see cref="Events"/> (System.Reactive, for UIs). A heartbeat from a known peer allocates nothing; events are
/// published outside the node's critical work only when something changed.
/// </summary>
public sealed class ConnectionMonitor : IMavlinkService, IDisposable
{
    public const long DefaultTimeoutUs = 3_000_000;

    private readonly Dictionary<ushort, PeerState> _peers = [];
    private readonly Lock _lock = new();
    private readonly Subject<PeerEvent> _events = new();

    public ConnectionMonitor(long timeoutUs = DefaultTimeoutUs)
    {
        if (timeoutUs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeoutUs), timeoutUs, "link-lost timeout must be > 0 µs");
        }

        TimeoutUs = timeoutUs;
    }

    public long TimeoutUs { get; }

    /// <summary>Discovered, lost, regained and changed peers, in order.</summary>
    public IObservable<PeerEvent> Events => _events;

    /// <summary>A snapshot of every peer seen so far (allocates; for UIs and tests).</summary>
    public IReadOnlyList<PeerInfo> Peers
    {
        get
        {
            lock (_lock)
            {
                var list = new List<PeerInfo>(_peers.Count);
                foreach (PeerState state in _peers.Values)
                {
                    list.Add(state.Info);
                }

                list.Sort(static (a, b) => ((a.SystemId << 8) | a.ComponentId).CompareTo((b.SystemId << 8) | b.ComponentId));
                return list;
            }
        }
    }

    /// <summary>The peer's last state, when it was ever seen.</summary>
    public bool TryGetPeer(byte systemId, byte componentId, out PeerInfo peer)
    {
        lock (_lock)
        {
            if (_peers.TryGetValue(Key(systemId, componentId), out PeerState? state))
            {
                peer = state.Info;
                return true;
            }
        }

        peer = default;
        return false;
    }

    /// <summary>True when the peer is known and not lost.</summary>
    public bool IsConnected(byte systemId, byte componentId) => TryGetPeer(systemId, componentId, out PeerInfo peer) && peer.IsConnected;

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
        if (!frame.TryDecode(out Dialects.Minimal.Heartbeat heartbeat))
        {
            return;
        }

        PeerEventKind? kind = null;
        PeerInfo info;
        lock (_lock)
        {
            ushort key = Key(frame.SystemId, frame.ComponentId);
            if (!_peers.TryGetValue(key, out PeerState? state))
            {
                state = new PeerState();
                _peers[key] = state;
                kind = PeerEventKind.Discovered;
            }
            else if (!state.Info.IsConnected)
            {
                kind = PeerEventKind.Regained;
            }
            else if (state.Info.Type != heartbeat.Type || state.Info.Autopilot != heartbeat.Autopilot || state.Info.BaseMode != heartbeat.BaseMode
                     || state.Info.CustomMode != heartbeat.CustomMode || state.Info.SystemStatus != heartbeat.SystemStatus)
            {
                kind = PeerEventKind.Changed;
            }

            state.Info = new PeerInfo(frame.SystemId, frame.ComponentId, heartbeat.Type, heartbeat.Autopilot, heartbeat.BaseMode,
                heartbeat.CustomMode, heartbeat.SystemStatus, nowUs, IsConnected: true);
            info = state.Info;
        }

        if (kind is { } k)
        {
            _events.OnNext(new PeerEvent(k, info, nowUs));
        }
    }

    public void Tick(long nowUs)
    {
        // Rare path: a lost peer is published after the lock is released.
        PeerInfo lostPeer = default;
        bool anyLost;
        do
        {
            anyLost = false;
            lock (_lock)
            {
                foreach (PeerState state in _peers.Values)
                {
                    if (state.Info.IsConnected && nowUs - state.Info.LastHeartbeatUs > TimeoutUs)
                    {
                        state.Info = state.Info with { IsConnected = false };
                        lostPeer = state.Info;
                        anyLost = true;
                        break;
                    }
                }
            }

            if (anyLost)
            {
                _events.OnNext(new PeerEvent(PeerEventKind.Lost, lostPeer, nowUs));
            }
        }
        while (anyLost);
    }

    public void Dispose()
    {
        _events.OnCompleted();
        _events.Dispose();
    }

    private static ushort Key(byte systemId, byte componentId) => (ushort)((systemId << 8) | componentId);

    private sealed class PeerState
    {
        public PeerInfo Info;
    }
}
