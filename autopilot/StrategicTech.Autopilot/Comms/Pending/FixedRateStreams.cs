using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Microservices;

namespace StrategicTech.Autopilot.Comms.Pending;

// Stand-in for the mavlink branch's TelemetryScheduler until it is merged.
public delegate bool StreamProvider<TMessage>(long nowUs, out TMessage message)
    where TMessage : struct, IMavlinkMessage<TMessage>;

public sealed class FixedRateStreams(MavlinkNode node) : IMavlinkService
{
    private readonly List<Stream> _streams = [];

    public void Register<TMessage>(long intervalUs, StreamProvider<TMessage> provider)
        where TMessage : struct, IMavlinkMessage<TMessage> => _streams.Add(new Stream<TMessage>(node, intervalUs, provider));

    public void OnFrame(MavlinkFrame frame, long nowUs)
    {
    }

    public void Tick(long nowUs)
    {
        foreach (Stream stream in _streams)
        {
            stream.Tick(nowUs);
        }
    }

    private abstract class Stream
    {
        public abstract void Tick(long nowUs);
    }

    private sealed class Stream<TMessage>(MavlinkNode node, long intervalUs, StreamProvider<TMessage> provider) : Stream
        where TMessage : struct, IMavlinkMessage<TMessage>
    {
        private long _nextUs = long.MinValue;

        public override void Tick(long nowUs)
        {
            if (intervalUs <= 0 || nowUs < _nextUs)
            {
                return;
            }

            if (provider(nowUs, out TMessage message))
            {
                node.Send(message);
                _nextUs = _nextUs == long.MinValue || nowUs - _nextUs >= intervalUs ? nowUs + intervalUs : _nextUs + intervalUs;
            }
        }
    }
}
