namespace StrategicTech.Navigation.Localization;

/// <summary>
/// The sparse (x, y, yaw) histogram of KLD-sampling and of particle clustering: an open-addressing hash set of bin
/// keys sized at construction, cleared in O(1) by a generation stamp, so it allocates nothing in use. Each occupied
/// bin is a slot with a weight sum and a cluster label.
/// </summary>
internal sealed class PoseBinTable
{
    private const int CoordinateBias = 1 << 20;
    private readonly long[] _keys;
    private readonly int[] _stamp;
    private readonly int[] _used;
    private readonly int _mask;
    private int _generation = 1;

    public PoseBinTable(int maxBins, double binSizeXyM, double binSizeYawRad)
    {
        int capacity = 1;
        while (capacity < 2 * maxBins)
        {
            capacity <<= 1;
        }

        _keys = new long[capacity];
        _stamp = new int[capacity];
        _used = new int[maxBins];
        Weight = new double[capacity];
        Cluster = new int[capacity];
        _mask = capacity - 1;
        BinSizeXyM = binSizeXyM;
        BinSizeYawRad = binSizeYawRad;
        YawBins = (int)Math.Ceiling((2 * Math.PI) / binSizeYawRad);
    }

    public double BinSizeXyM { get; }

    public double BinSizeYawRad { get; }

    public int YawBins { get; }

    /// <summary>Occupied bins since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Per-slot weight sum (valid for occupied slots).</summary>
    public double[] Weight { get; }

    /// <summary>Per-slot cluster label (valid for occupied slots).</summary>
    public int[] Cluster { get; }

    /// <summary>The i-th occupied slot.</summary>
    public int UsedSlot(int i) => _used[i];

    public void Clear()
    {
        Count = 0;
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    public (int X, int Y, int Yaw) BinOf(double xM, double yM, double yawRad)
    {
        int bx = (int)Math.Floor(xM / BinSizeXyM);
        int by = (int)Math.Floor(yM / BinSizeXyM);
        int byaw = (int)Math.Floor((yawRad + Math.PI) / BinSizeYawRad);
        return (bx, by, ((byaw % YawBins) + YawBins) % YawBins);
    }

    /// <summary>The slot of the pose's bin, inserting it (weight 0, cluster −1) when new; −1 when the table is full.</summary>
    public int Insert(double xM, double yM, double yawRad)
    {
        (int bx, int by, int byaw) = BinOf(xM, yM, yawRad);
        return InsertKey(Key(bx, by, byaw));
    }

    /// <summary>The slot of bin (x, y, yaw) or −1 when not occupied.</summary>
    public int Find(int bx, int by, int byaw)
    {
        long key = Key(bx, by, ((byaw % YawBins) + YawBins) % YawBins);
        int slot = Hash(key);
        while (_stamp[slot] == _generation)
        {
            if (_keys[slot] == key)
            {
                return slot;
            }

            slot = (slot + 1) & _mask;
        }

        return -1;
    }

    public (int X, int Y, int Yaw) BinOfSlot(int slot)
    {
        long key = _keys[slot];
        return ((int)(key >> 42) - CoordinateBias, (int)((key >> 21) & 0x1F_FFFF) - CoordinateBias, (int)(key & 0x1F_FFFF));
    }

    private int InsertKey(long key)
    {
        int slot = Hash(key);
        while (_stamp[slot] == _generation)
        {
            if (_keys[slot] == key)
            {
                return slot;
            }

            slot = (slot + 1) & _mask;
        }

        if (Count == _used.Length)
        {
            return -1;
        }

        _stamp[slot] = _generation;
        _keys[slot] = key;
        Weight[slot] = 0;
        Cluster[slot] = -1;
        _used[Count++] = slot;
        return slot;
    }

    private static long Key(int bx, int by, int byaw) =>
        ((long)(bx + CoordinateBias) << 42) | ((long)((by + CoordinateBias) & 0x1F_FFFF) << 21) | (long)byaw;

    private int Hash(long key)
    {
        ulong h = (ulong)key * 0x9E37_79B9_7F4A_7C15UL;
        return (int)(h >> 40) & _mask;
    }
}
