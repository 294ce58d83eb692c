using StrategicTech.Drivers.Mavlink.Dialects.Minimal;

namespace StrategicTech.Drivers.Mavlink.Microservices.Heartbeat.Server;

/// <summary>
/// Sends this node's HEARTBEAT at a fixed period (default 1 Hz, as the heartbeat microservice asks), the first one on
/// the first tick. The vehicle sets <see cref="BaseMode"/>, <see cref="CustomMode"/> and <see cref="SystemStatus"/>
/// as they change; a ground station uses the same class with <see cref="MavType.Gcs"/>.
/// </summary>
public sealed class HeartbeatPublisher(MavlinkNode node, MavType type, MavAutopilot autopilot, long periodUs = 1_000_000) : IMavlinkService
{
    private readonly MavlinkNode _node = node ?? throw new ArgumentNullException(nameof(node));
    private long _nextSendUs = long.MinValue;

    public MavType Type { get; set; } = type;

    public MavAutopilot Autopilot { get; set; } = autopilot;

    public MavModeFlag BaseMode { get; set; }

    public uint CustomMode { get; set; }

    public MavState SystemStatus { get; set; } = MavState.Standby;

    public long PeriodUs { get; } = periodUs > 0 ? periodUs : throw new ArgumentOutOfRangeException(nameof(periodUs), periodUs, "heartbeat period must be > 0 µs");

    /// <summary>Heartbeats sent so far.</summary>
    public long Sent { get; private set; }

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
    }

    public void Tick(long nowUs)
    {
        if (nowUs < _nextSendUs)
        {
            return;
        }

        // Keep the cadence even when ticks are late, but never burst to catch up.
        _nextSendUs = _nextSendUs == long.MinValue || nowUs - _nextSendUs >= PeriodUs ? nowUs + PeriodUs : _nextSendUs + PeriodUs;
        var heartbeat = new Dialects.Minimal.Heartbeat
        {
            Type = Type,
            Autopilot = Autopilot,
            BaseMode = BaseMode,
            CustomMode = CustomMode,
            SystemStatus = SystemStatus,
            MavlinkVersion = 3,
        };
        _node.Send(heartbeat);
        Sent++;
    }
}
