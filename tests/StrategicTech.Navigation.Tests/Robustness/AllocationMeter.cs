namespace StrategicTech.Navigation.Tests.Robustness;

/// <summary>
/// Bytes a reader allocates on the calling thread for one input, whether it returns or throws its own documented
/// exception (any other exception propagates and fails the test).
/// </summary>
internal static class AllocationMeter
{
    public static long BytesAllocated<TException>(Action read)
        where TException : Exception
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            read();
        }
        catch (TException)
        {
            // The reader's own error: what it allocated on the way still counts.
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>Mutates a copy of <paramref name="seed"/>: byte flips, a cut, or a run of random bytes spliced in.</summary>
    public static byte[] Mutate(byte[] seed, int randomSeed)
    {
        var random = new Random(randomSeed);
        byte[] data = (byte[])seed.Clone();
        switch (random.Next(4))
        {
            case 0:
                for (int i = 0, n = 1 + random.Next(16); i < n; i++)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 + random.Next(255));
                }

                return data;
            case 1:
                return data[..random.Next(data.Length + 1)];
            case 2:
                {
                    int at = random.Next(data.Length + 1);
                    byte[] noise = new byte[1 + random.Next(64)];
                    random.NextBytes(noise);
                    return [.. data[..at], .. noise, .. data[at..]];
                }

            default:
                // Large values in random places: sizes, counts and lengths are where amplification hides.
                for (int i = 0, n = 1 + random.Next(4); i < n; i++)
                {
                    int at = random.Next(data.Length);
                    data[at] = random.Next(2) == 0 ? (byte)0xFF : (byte)'9';
                }

                return data;
        }
    }
}
