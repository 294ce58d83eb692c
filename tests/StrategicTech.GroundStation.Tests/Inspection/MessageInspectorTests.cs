using StrategicTech.Drivers.Mavlink;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Minimal;
using StrategicTech.GroundStation.App;
using StrategicTech.GroundStation.Inspection;

namespace StrategicTech.GroundStation.Tests.Inspection;

/// <summary>
/// The inspector's bookkeeping on frames written by the driver: counts and one-second rates per (system, component,
/// message), frames lost to sequence gaps (including across the 255 → 0 wrap), the bound on distinct messages, and
/// the selected message's fields decoded by the generated dialect.
/// </summary>
public sealed class MessageInspectorTests
{
    private readonly Dictionary<(byte, byte), MavlinkFrameWriter> _writers = [];
    private readonly byte[] _buffer = new byte[280];

    [Fact]
    public void Counts_and_rates_are_per_system_component_and_message()
    {
        var inspector = new MessageInspector();
        for (int i = 0; i < 50; i++)
        {
            Record(inspector, new Heartbeat { Type = MavType.Quadrotor }, systemId: 1, sequence: (byte)(2 * i), timeUs: i * 20_000L);
            Record(inspector, new Attitude { Roll = 0.1f }, systemId: 1, sequence: (byte)((2 * i) + 1), timeUs: i * 20_000L);
        }

        Record(inspector, new Heartbeat { Type = MavType.Gcs }, systemId: 2, sequence: 0, timeUs: 0);
        var rows = new List<InspectorRow>();
        var components = new List<InspectorComponent>();
        inspector.Snapshot(1_000_000, rows, components);

        Assert.Equal(["1/ATTITUDE/50", "1/HEARTBEAT/50", "2/HEARTBEAT/1"], rows.Select(r => $"{r.SystemId}/{r.Name}/{r.Count}"));
        Assert.Equal(50.0, rows[0].RateHz, 9); // 50 frames over the first 1 s window
        Assert.Equal([(1, 100L, 0L), (2, 1L, 0L)], components.Select(c => ((int)c.SystemId, c.Frames, c.SequenceDrops)));
    }

    [Fact]
    public void Sequence_gaps_count_the_lost_frames_across_the_wrap()
    {
        var inspector = new MessageInspector();
        byte[] sequences = [250, 251, 254, 255, 3, 4];
        foreach (byte s in sequences)
        {
            Record(inspector, new Heartbeat(), systemId: 1, sequence: s, timeUs: 0);
        }

        var rows = new List<InspectorRow>();
        var components = new List<InspectorComponent>();
        inspector.Snapshot(0, rows, components);

        // 252 and 253 lost, then 0, 1 and 2.
        Assert.Equal(5, Assert.Single(components).SequenceDrops);
    }

    [Fact]
    public void Distinct_messages_beyond_the_bound_are_counted_not_kept()
    {
        var inspector = new MessageInspector();
        for (int system = 0; system < 256; system++)
        {
            for (int component = 0; component < 5; component++)
            {
                Record(inspector, new Heartbeat(), systemId: (byte)system, sequence: 0, timeUs: 0, componentId: (byte)component);
            }
        }

        var rows = new List<InspectorRow>();
        var components = new List<InspectorComponent>();
        inspector.Snapshot(0, rows, components);

        Assert.Equal(MessageInspector.MaxEntries, components.Count);
        Assert.Equal(MessageInspector.MaxEntries, rows.Count);
        Assert.Equal((256 * 5) - MessageInspector.MaxEntries, inspector.Overflow);
    }

    [Fact]
    public void The_selected_messages_fields_are_decoded_by_name_with_enums_by_name()
    {
        var inspector = new MessageInspector();
        Record(inspector, new SysStatus { VoltageBattery = 15_800, BatteryRemaining = 57 }, systemId: 1, sequence: 0, timeUs: 0);
        var ui = new InspectorViewController(inspector, () => new LinkCounters(10, 1, 0, 2, 0, 5, 0));
        ui.Update(1_000_000, 1280, 720);
        UiButton row = ui.Buttons.Single(b => b.Action == UiAction.SelectMessage);
        ui.MouseUp(row.Rect.MidX, row.Rect.MidY);

        Assert.Equal((1, 1, SysStatus.MsgId), ((int)ui.Selected!.Value.SystemId, (int)ui.Selected.Value.ComponentId, ui.Selected.Value.MessageId));
        Assert.Contains(("voltage_battery", "15800"), ui.Fields);
        Assert.Contains(("battery_remaining", "57"), ui.Fields);
        Assert.Equal(1, ui.Counters.BadCrc);
    }

    private void Record<T>(MessageInspector inspector, T message, byte systemId, byte sequence, long timeUs, byte componentId = 1)
        where T : struct, IMavlinkMessage<T>
    {
        if (!_writers.TryGetValue((systemId, componentId), out MavlinkFrameWriter? writer))
        {
            writer = new MavlinkFrameWriter(systemId, componentId);
            _writers.Add((systemId, componentId), writer);
        }

        // The writer numbers its frames itself: write until it reaches the sequence wanted (a real sender's counter).
        int length;
        do
        {
            length = writer.WriteV2(message, _buffer);
        }
        while (_buffer[4] != sequence);

        var parser = new MavlinkParser(MavlinkDialects.All);
        ReadOnlySpan<byte> bytes = _buffer.AsSpan(0, length);
        Assert.True(parser.TryRead(ref bytes, out MavlinkFrame frame));
        inspector.Record(frame, timeUs);
    }
}
