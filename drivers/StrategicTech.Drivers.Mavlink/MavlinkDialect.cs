namespace StrategicTech.Drivers.Mavlink;

/// <summary>
/// The set of messages a link understands (a dialect XML with its includes). Lookup by id is a flat table
/// index (ids of the official set are below 65 536; larger 24-bit ids fall back to a dictionary).
/// </summary>
public sealed class MavlinkDialect
{
    private const int DenseLimit = 1 << 16;
    private readonly MavlinkMessageInfo[] _dense;
    private readonly bool[] _known;
    private readonly Dictionary<uint, MavlinkMessageInfo> _sparse = [];
    private readonly MavlinkMessageInfo[] _all;

    public MavlinkDialect(string name, IEnumerable<MavlinkMessageInfo> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Name = name;
        _all = [.. messages.OrderBy(m => m.Id)];
        uint maxDense = 0;
        foreach (var m in _all)
        {
            if (m.Id < DenseLimit)
            {
                maxDense = Math.Max(maxDense, m.Id);
            }
        }

        _dense = new MavlinkMessageInfo[_all.Length == 0 ? 0 : maxDense + 1];
        _known = new bool[_dense.Length];
        foreach (var m in _all)
        {
            if (m.Id < DenseLimit)
            {
                _dense[m.Id] = m;
                _known[m.Id] = true;
            }
            else
            {
                _sparse[m.Id] = m;
            }
        }
    }

    public string Name { get; }

    /// <summary>Every message of the dialect, ordered by id.</summary>
    public IReadOnlyList<MavlinkMessageInfo> Messages => _all;

    public bool TryGet(uint messageId, out MavlinkMessageInfo info)
    {
        if (messageId < (uint)_known.Length && _known[messageId])
        {
            info = _dense[messageId];
            return true;
        }

        if (messageId >= DenseLimit)
        {
            return _sparse.TryGetValue(messageId, out info);
        }

        info = default;
        return false;
    }

    /// <summary>The message's name, or null when the id is not in this dialect.</summary>
    public string? NameOf(uint messageId) => TryGet(messageId, out var info) ? info.Name : null;
}
