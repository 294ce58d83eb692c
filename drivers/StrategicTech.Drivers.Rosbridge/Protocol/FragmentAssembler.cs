using System.Text;
using System.Text.Json;

namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>
/// Reassembles rosbridge <c>fragment</c> ops (id, data, num, total) into the original JSON message as UTF-8. Fragments
/// may arrive in any order and duplicates are ignored. Memory is bounded and reused: <c>total</c> is checked against
/// <see cref="MaxFragments"/> before the slot's index is sized, every slice and the running sum against
/// <see cref="MaxMessageBytes"/> before its buffer grows, and at most <see cref="MaxPending"/> messages are open at once
/// (the oldest is dropped, and counted, first). Slots, their buffers and the output buffer are kept and only grow, so
/// once a message of a size has passed, later ones up to that size allocate nothing. One thread at a time.
/// </summary>
public sealed class FragmentAssembler
{
    /// <summary>Longest fragment id accepted (rosbridge ids are short: "publish:/scan:12").</summary>
    public const int MaxIdBytes = 256;

    private readonly Slot[] _slots;
    private byte[] _scratch = [];
    private byte[] _whole = [];
    private long _arrivals;

    public FragmentAssembler(int maxFragments = 4096, int maxMessageBytes = 16 << 20, int maxPending = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFragments, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPending, 1);
        MaxFragments = maxFragments;
        MaxMessageBytes = maxMessageBytes;
        MaxPending = maxPending;
        _slots = new Slot[maxPending];
        for (int i = 0; i < maxPending; i++)
        {
            _slots[i] = new Slot();
        }
    }

    public int MaxFragments { get; }

    /// <summary>Largest reassembled message, in UTF-8 bytes.</summary>
    public int MaxMessageBytes { get; }

    public int MaxPending { get; }

    /// <summary>Incomplete messages dropped to make room for newer ones.</summary>
    public long Evicted { get; private set; }

    public int PendingCount
    {
        get
        {
            int count = 0;
            foreach (Slot slot in _slots)
            {
                count += slot.InUse ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>
    /// Adds one fragment whose data is <paramref name="dataToken"/>, the JSON string token as received (quotes and
    /// escapes included); it is unescaped here without allocating. True when this fragment completes the message,
    /// which <paramref name="whole"/> then holds until the next call. Throws <see cref="RosbridgeFrameException"/>
    /// (Fragment) for a fragment outside the limits, not a valid string, or inconsistent with earlier ones of the same
    /// id (that message is then discarded).
    /// </summary>
    public bool TryAddJsonToken(ReadOnlySpan<byte> idUtf8, ReadOnlySpan<byte> dataToken, int num, int total, out ReadOnlyMemory<byte> whole)
    {
        whole = default;
        if (dataToken.Length - 2 > MaxMessageBytes)
        {
            throw Fail(idUtf8, $"fragment of {dataToken.Length - 2} escaped bytes exceeds the {MaxMessageBytes}-byte message limit");
        }

        // Unescaped text is never longer than its escaped form; the scratch buffer is bounded by the largest frame seen.
        if (_scratch.Length < dataToken.Length)
        {
            _scratch = new byte[Math.Max(dataToken.Length, _scratch.Length * 2)];
        }

        int written;
        try
        {
            var reader = new Utf8JsonReader(dataToken);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                throw Fail(idUtf8, "fragment 'data' is not a string");
            }

            written = reader.CopyString(_scratch);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Fail(idUtf8, $"fragment 'data' is not valid JSON string text: {e.Message}");
        }

        return TryAdd(idUtf8, _scratch.AsSpan(0, written), num, total, out whole);
    }

    /// <summary>
    /// Adds one fragment whose data is already unescaped UTF-8; as <see cref="TryAddJsonToken"/> otherwise.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<byte> idUtf8, ReadOnlySpan<byte> dataUtf8, int num, int total, out ReadOnlyMemory<byte> whole)
    {
        whole = default;
        if (idUtf8.Length > MaxIdBytes)
        {
            throw new RosbridgeFrameException(RosbridgeFrameError.Fragment, $"fragment id of {idUtf8.Length} bytes exceeds {MaxIdBytes}");
        }

        if (total < 1 || total > MaxFragments)
        {
            throw Fail(idUtf8, $"fragment total {total} outside 1..{MaxFragments}");
        }

        if (num < 0 || num >= total)
        {
            throw Fail(idUtf8, $"fragment num {num} outside 0..{total - 1}");
        }

        if (dataUtf8.Length > MaxMessageBytes)
        {
            throw Fail(idUtf8, $"fragment of {dataUtf8.Length} bytes exceeds the {MaxMessageBytes}-byte message limit");
        }

        Slot? slot = Find(idUtf8);
        if (slot is null)
        {
            slot = Free();
            slot.Open(idUtf8, total, ++_arrivals);
        }
        else if (slot.Total != total)
        {
            throw Fail(idUtf8, $"fragment total {total} differs from the earlier {slot.Total}");
        }

        if (slot.Lengths[num] >= 0)
        {
            return false; // duplicate
        }

        if ((long)slot.Bytes + dataUtf8.Length > MaxMessageBytes)
        {
            throw Fail(idUtf8, $"fragments exceed the {MaxMessageBytes}-byte message limit");
        }

        slot.Append(num, dataUtf8, MaxMessageBytes);
        if (slot.Received < total)
        {
            return false;
        }

        if (_whole.Length < slot.Bytes)
        {
            _whole = new byte[Math.Min(Math.Max(slot.Bytes, _whole.Length * 2), MaxMessageBytes)];
        }

        int length = slot.CopyInOrder(_whole);
        slot.Close();
        whole = _whole.AsMemory(0, length);
        return true;
    }

    /// <summary>Convenience over <see cref="TryAdd"/> for text (allocates): the whole message when complete, else null.</summary>
    public string? Add(string id, string data, int num, int total)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(data);
        return TryAdd(Encoding.UTF8.GetBytes(id), Encoding.UTF8.GetBytes(data), num, total, out ReadOnlyMemory<byte> whole)
            ? Encoding.UTF8.GetString(whole.Span)
            : null;
    }

    private Slot? Find(ReadOnlySpan<byte> idUtf8)
    {
        foreach (Slot slot in _slots)
        {
            if (slot.InUse && slot.Id.SequenceEqual(idUtf8))
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>A free slot, or the oldest open one dropped (and counted) to make room.</summary>
    private Slot Free()
    {
        Slot oldest = _slots[0];
        foreach (Slot slot in _slots)
        {
            if (!slot.InUse)
            {
                return slot;
            }

            if (slot.Opened < oldest.Opened)
            {
                oldest = slot;
            }
        }

        oldest.Close();
        Evicted++;
        return oldest;
    }

    private RosbridgeFrameException Fail(ReadOnlySpan<byte> idUtf8, string reason)
    {
        Find(idUtf8)?.Close();
        return new RosbridgeFrameException(RosbridgeFrameError.Fragment, $"fragment '{Encoding.UTF8.GetString(idUtf8)}': {reason}");
    }

    /// <summary>One open message: its slices appended in arrival order, indexed by fragment number.</summary>
    private sealed class Slot
    {
        private readonly byte[] _id = new byte[MaxIdBytes];
        private int _idLength;
        private byte[] _data = [];
        private int[] _offsets = [];

        public int[] Lengths { get; private set; } = [];

        public ReadOnlySpan<byte> Id => _id.AsSpan(0, _idLength);

        public bool InUse { get; private set; }

        public long Opened { get; private set; }

        public int Total { get; private set; }

        public int Received { get; private set; }

        public int Bytes { get; private set; }

        /// <summary><paramref name="total"/> was checked against the fragment limit; the index grows to it once.</summary>
        public void Open(ReadOnlySpan<byte> id, int total, long opened)
        {
            id.CopyTo(_id);
            _idLength = id.Length;
            if (Lengths.Length < total)
            {
                Lengths = new int[total];
                _offsets = new int[total];
            }

            Lengths.AsSpan(0, total).Fill(-1);
            Total = total;
            Received = 0;
            Bytes = 0;
            Opened = opened;
            InUse = true;
        }

        public void Append(int num, ReadOnlySpan<byte> data, int maxBytes)
        {
            int needed = Bytes + data.Length;
            if (_data.Length < needed)
            {
                byte[] grown = new byte[Math.Min(Math.Max(needed, _data.Length * 2), maxBytes)];
                _data.AsSpan(0, Bytes).CopyTo(grown);
                _data = grown;
            }

            data.CopyTo(_data.AsSpan(Bytes));
            _offsets[num] = Bytes;
            Lengths[num] = data.Length;
            Bytes = needed;
            Received++;
        }

        public int CopyInOrder(Span<byte> destination)
        {
            int at = 0;
            for (int i = 0; i < Total; i++)
            {
                _data.AsSpan(_offsets[i], Lengths[i]).CopyTo(destination[at..]);
                at += Lengths[i];
            }

            return at;
        }

        public void Close() => InUse = false;
    }
}
