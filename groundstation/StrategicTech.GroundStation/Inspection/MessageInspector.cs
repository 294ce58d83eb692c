using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Inspection;

namespace StrategicTech.GroundStation.Inspection;

/// <summary>
/// The MAVLink inspector's data, QGroundControl style: per (system, component, message) the count, the rate over the
/// last second, the last time and the last payload; per (system, component) the frames lost to sequence gaps. The
/// link's I/O thread records every checked frame (allocating only the first time a message is seen); the render
/// thread takes snapshots and copies a payload to decode its fields. A bounded number of distinct messages is kept
/// (<see cref="MaxEntries"/>), so a peer spraying ids cannot grow memory; the rest are counted.
/// </summary>
public sealed class MessageInspector
{
    public const int MaxEntries = 1024;
    private const long RateWindowUs = 1_000_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, Entry> _entries = [];
    private readonly Dictionary<ushort, Component> _components = [];

    /// <summary>Frames of messages beyond <see cref="MaxEntries"/> distinct ones (counted, not listed).</summary>
    public long Overflow { get; private set; }

    /// <summary>Records one checked frame (I/O thread).</summary>
    public void Record(MavlinkFrame frame, long nowUs)
    {
        lock (_lock)
        {
            ushort source = (ushort)((frame.SystemId << 8) | frame.ComponentId);
            if (!_components.TryGetValue(source, out Component? component))
            {
                if (_components.Count >= MaxEntries)
                {
                    Overflow++;
                    return;
                }

                component = new Component(frame.SystemId, frame.ComponentId);
                _components.Add(source, component);
            }
            else
            {
                // MAVLink's sequence is per sender and wraps at 256; a gap counts the frames between.
                int gap = (frame.Sequence - component.LastSequence - 1) & 0xFF;
                component.Drops += gap;
            }

            component.LastSequence = frame.Sequence;
            component.Frames++;
            ulong key = Key(frame.SystemId, frame.ComponentId, frame.MessageId);
            if (!_entries.TryGetValue(key, out Entry? entry))
            {
                if (_entries.Count >= MaxEntries)
                {
                    Overflow++;
                    return;
                }

                entry = new Entry(frame.SystemId, frame.ComponentId, frame.MessageId, MavlinkMessageFields.NameOf(frame.MessageId) ?? "MSG_" + frame.MessageId, nowUs);
                _entries.Add(key, entry);
            }

            entry.Count++;
            entry.LastUs = nowUs;
            ReadOnlySpan<byte> payload = frame.Payload;
            payload.CopyTo(entry.Payload);
            entry.PayloadLength = payload.Length;
        }
    }

    /// <summary>Fills <paramref name="rows"/> (sorted by system, component, name) and <paramref name="components"/>.</summary>
    public void Snapshot(long nowUs, List<InspectorRow> rows, List<InspectorComponent> components)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(components);
        rows.Clear();
        components.Clear();
        lock (_lock)
        {
            foreach (Entry e in _entries.Values)
            {
                long elapsedUs = nowUs - e.WindowStartUs;
                if (elapsedUs >= RateWindowUs)
                {
                    e.RateHz = (e.Count - e.CountAtWindowStart) * 1e6 / elapsedUs;
                    e.CountAtWindowStart = e.Count;
                    e.WindowStartUs = nowUs;
                }

                // A message that stopped shows 0 Hz once its window passes without frames.
                double rate = nowUs - e.LastUs > 2 * RateWindowUs ? 0 : e.RateHz;
                rows.Add(new InspectorRow(e.SystemId, e.ComponentId, e.MessageId, e.Name, e.Count, rate, e.LastUs));
            }

            foreach (Component c in _components.Values)
            {
                components.Add(new InspectorComponent(c.SystemId, c.ComponentId, c.Frames, c.Drops));
            }
        }

        rows.Sort(static (a, b) => a.SystemId != b.SystemId ? a.SystemId.CompareTo(b.SystemId)
            : a.ComponentId != b.ComponentId ? a.ComponentId.CompareTo(b.ComponentId)
            : string.CompareOrdinal(a.Name, b.Name));
        components.Sort(static (a, b) => a.SystemId != b.SystemId ? a.SystemId.CompareTo(b.SystemId) : a.ComponentId.CompareTo(b.ComponentId));
    }

    /// <summary>Copies the last payload of a message into <paramref name="destination"/> (at least 255 bytes); false when never seen.</summary>
    public bool TryCopyPayload(byte systemId, byte componentId, uint messageId, Span<byte> destination, out int length)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(Key(systemId, componentId, messageId), out Entry? e))
            {
                e.Payload.AsSpan(0, e.PayloadLength).CopyTo(destination);
                length = e.PayloadLength;
                return true;
            }
        }

        length = 0;
        return false;
    }

    private static ulong Key(byte systemId, byte componentId, uint messageId) => ((ulong)systemId << 40) | ((ulong)componentId << 32) | messageId;

    private sealed class Entry(byte systemId, byte componentId, uint messageId, string name, long firstUs)
    {
        public byte SystemId { get; } = systemId;

        public byte ComponentId { get; } = componentId;

        public uint MessageId { get; } = messageId;

        public string Name { get; } = name;

        public long Count { get; set; }

        public long LastUs { get; set; } = firstUs;

        public long WindowStartUs { get; set; } = firstUs;

        public long CountAtWindowStart { get; set; }

        public double RateHz { get; set; }

        public byte[] Payload { get; } = new byte[255];

        public int PayloadLength { get; set; }
    }

    private sealed class Component(byte systemId, byte componentId)
    {
        public byte SystemId { get; } = systemId;

        public byte ComponentId { get; } = componentId;

        public byte LastSequence { get; set; }

        public long Frames { get; set; }

        public long Drops { get; set; }
    }
}
