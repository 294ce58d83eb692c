namespace StrategicTech.Drivers.Sensors.Tests.Support;

/// <summary>Splits a byte stream into random chunks (1..64 bytes), to show parsers do not depend on read sizes.</summary>
internal static class Chunks
{
    public static void Feed(byte[] bytes, int seed, Action<ReadOnlyMemory<byte>> sink)
    {
        var random = new Random(seed);
        int at = 0;
        while (at < bytes.Length)
        {
            int n = Math.Min(bytes.Length - at, 1 + random.Next(64));
            sink(bytes.AsMemory(at, n));
            at += n;
        }
    }
}
