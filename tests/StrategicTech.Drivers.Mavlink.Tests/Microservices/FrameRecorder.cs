using StrategicTech.Drivers.Mavlink.Microservices;

namespace StrategicTech.Drivers.Mavlink.Tests.Microservices;

/// <summary>Records every frame a node receives (copied), with the time it arrived.</summary>
internal sealed class FrameRecorder : IMavlinkService
{
    public List<(long TimeUs, uint MessageId, byte[] Raw)> Frames { get; } = [];

    public void OnFrame(MavlinkFrame frame, long nowUs) => Frames.Add((nowUs, frame.MessageId, frame.Raw.ToArray()));

    public void Tick(long nowUs)
    {
    }

    public List<T> Decoded<T>()
        where T : struct, IMavlinkMessage<T>
    {
        var result = new List<T>();
        var parser = new MavlinkParser(MavlinkDialects.All);
        foreach ((_, uint id, byte[] raw) in Frames)
        {
            ReadOnlySpan<byte> input = raw;
            if (id == T.MessageId && parser.TryRead(ref input, out MavlinkFrame frame) && frame.TryDecode(out T message))
            {
                result.Add(message);
            }
        }

        return result;
    }

    public int Count(uint messageId) => Frames.Count(f => f.MessageId == messageId);

    public List<long> TimesOf(uint messageId) => Frames.Where(f => f.MessageId == messageId).Select(f => f.TimeUs).ToList();
}
