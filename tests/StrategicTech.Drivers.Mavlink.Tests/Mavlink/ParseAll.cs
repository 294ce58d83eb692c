using StrategicTech.Drivers.Mavlink;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Test convenience: runs a parser over chunks and collects copies of the frames.</summary>
internal static class ParseAll
{
    public static List<byte[]> Frames(MavlinkParser parser, ReadOnlySpan<byte> data, Random? chunking = null, bool flush = true)
    {
        var frames = new List<byte[]>();
        int at = 0;
        while (at < data.Length)
        {
            int size = chunking is null ? data.Length - at : Math.Min(data.Length - at, 1 + chunking.Next(300));
            ReadOnlySpan<byte> chunk = data.Slice(at, size);
            at += size;
            while (parser.TryRead(ref chunk, out MavlinkFrame frame))
            {
                frames.Add(frame.Raw.ToArray());
            }

            Assert.True(chunk.IsEmpty);
        }

        while (flush && parser.TryFlush(out MavlinkFrame frame))
        {
            frames.Add(frame.Raw.ToArray());
        }

        return frames;
    }
}
