using System.Text;

namespace StrategicTech.Drivers.Rosbridge.Protocol;

/// <summary>
/// Reassembles rosbridge <c>fragment</c> ops (id, data, num, total) into the original JSON text. Fragments may
/// arrive in any order and duplicates are ignored. Memory is bounded before anything is allocated: <c>total</c> is
/// checked against <see cref="MaxFragments"/>, every slice and the running sum against <see cref="MaxMessageChars"/>,
/// and at most <see cref="MaxPending"/> messages are open at once (the oldest is dropped, and counted, first).
/// </summary>
public sealed class FragmentAssembler
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _order = new();

    public FragmentAssembler(int maxFragments = 4096, int maxMessageChars = 16 << 20, int maxPending = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFragments, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageChars, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPending, 1);
        MaxFragments = maxFragments;
        MaxMessageChars = maxMessageChars;
        MaxPending = maxPending;
    }

    public int MaxFragments { get; }

    public int MaxMessageChars { get; }

    public int MaxPending { get; }

    /// <summary>Incomplete messages dropped to make room for newer ones.</summary>
    public long Evicted { get; private set; }

    public int PendingCount => _pending.Count;

    /// <summary>
    /// Adds one fragment; returns the whole message text when this fragment completes it. Throws
    /// <see cref="RosbridgeFrameException"/> (Fragment) for a fragment outside the limits or inconsistent with
    /// earlier ones of the same id (that message is then discarded).
    /// </summary>
    public string? Add(string id, string data, int num, int total)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(data);
        if (total < 1 || total > MaxFragments)
        {
            throw Fail(id, $"fragment total {total} outside 1..{MaxFragments}");
        }

        if (num < 0 || num >= total)
        {
            throw Fail(id, $"fragment num {num} outside 0..{total - 1}");
        }

        if (data.Length > MaxMessageChars)
        {
            throw Fail(id, $"fragment of {data.Length} chars exceeds the {MaxMessageChars}-char message limit");
        }

        if (!_pending.TryGetValue(id, out Pending? pending))
        {
            if (_pending.Count >= MaxPending)
            {
                string oldest = _order.First!.Value;
                _order.RemoveFirst();
                _pending.Remove(oldest);
                Evicted++;
            }

            pending = new Pending(total, _order.AddLast(id));
            _pending.Add(id, pending);
        }
        else if (pending.Slices.Length != total)
        {
            throw Fail(id, $"fragment total {total} differs from the earlier {pending.Slices.Length}");
        }

        if (pending.Slices[num] is not null)
        {
            return null; // duplicate
        }

        if ((long)pending.Chars + data.Length > MaxMessageChars)
        {
            throw Fail(id, $"fragments exceed the {MaxMessageChars}-char message limit");
        }

        pending.Slices[num] = data;
        pending.Chars += data.Length;
        pending.Received++;
        if (pending.Received < total)
        {
            return null;
        }

        Remove(id, pending);
        var text = new StringBuilder(pending.Chars);
        foreach (string? slice in pending.Slices)
        {
            text.Append(slice);
        }

        return text.ToString();
    }

    private RosbridgeFrameException Fail(string id, string reason)
    {
        if (_pending.TryGetValue(id, out Pending? pending))
        {
            Remove(id, pending);
        }

        return new RosbridgeFrameException(RosbridgeFrameError.Fragment, $"fragment '{id}': {reason}");
    }

    private void Remove(string id, Pending pending)
    {
        _pending.Remove(id);
        _order.Remove(pending.Node);
    }

    private sealed class Pending(int total, LinkedListNode<string> node)
    {
        public string?[] Slices { get; } = new string?[total];

        public LinkedListNode<string> Node { get; } = node;

        public int Received { get; set; }

        public int Chars { get; set; }
    }
}
