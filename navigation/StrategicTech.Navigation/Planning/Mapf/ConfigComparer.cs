namespace StrategicTech.Navigation.Planning.Mapf;

/// <summary>Content equality and hash of configurations (vertex per agent) for LaCAM's explored table.</summary>
internal sealed class ConfigComparer : IEqualityComparer<int[]>
{
    public static readonly ConfigComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(int[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ulong h = 0x9E3779B97F4A7C15UL;
        foreach (int v in obj)
        {
            h = (h ^ (uint)v) * 0xBF58476D1CE4E5B9UL;
            h ^= h >> 29;
        }

        return (int)(h ^ (h >> 32));
    }
}
