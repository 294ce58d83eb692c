using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Mavlink.Tests.Mavlink;

/// <summary>Frames of shared/bench/mavlink/stream-100k.bin, split by walking headers (independently of the parser).</summary>
internal static class StreamFrames
{
    private static readonly Lazy<byte[]> Bytes = new(() => File.ReadAllBytes(SharedData.PathOf("bench", "mavlink", "stream-100k.bin")));

    public static byte[] All => Bytes.Value;

    public static List<byte[]> First(int count)
    {
        var frames = new List<byte[]>(count);
        byte[] data = Bytes.Value;
        int at = 0;
        while (frames.Count < count && at < data.Length)
        {
            Assert.Equal(0xFD, data[at]);
            int length = 10 + data[at + 1] + 2;
            frames.Add(data.AsSpan(at, length).ToArray());
            at += length;
        }

        return frames;
    }
}
