using System.Buffers.Binary;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Navigation.Tests.Logs;

public sealed class ULogEventTests
{
    /// <summary>A log with PX4's event topic (msg/Event.msg: id, event_sequence, arguments[25], log_levels) and one tagged message.</summary>
    internal static byte[] LogWithEvents()
    {
        using var stream = new MemoryStream();
        var w = new ULogWriter(stream);
        w.WriteHeader(0);
        w.WriteFlagBits(0, 0);
        w.WriteFormat("event:uint64_t timestamp;uint32_t id;uint16_t event_sequence;uint8_t[25] arguments;uint8_t log_levels");
        w.WriteAddSubscription(0, 0, "event");
        var sample = new byte[40];
        void Event(long t, uint id, ushort sequence, byte levels, byte firstArgument)
        {
            Array.Clear(sample);
            BinaryPrimitives.WriteUInt64LittleEndian(sample, (ulong)t);
            BinaryPrimitives.WriteUInt32LittleEndian(sample.AsSpan(8), id);
            BinaryPrimitives.WriteUInt16LittleEndian(sample.AsSpan(12), sequence);
            sample[14] = firstArgument;
            sample[39] = levels;
            w.WriteData(0, sample);
        }

        // Component 1 (the autopilot), sub id 0x123456; internal level 6 (info), external 4 (warning).
        Event(2_000_000, 0x0112_3456, 7, 0x64, 0x2A);
        Event(1_000_000, 0x0200_0001, 6, 0x33, 0);
        w.WriteLoggingTagged(ULogLogLevel.Warning, 3, 1_500_000, "battery low");
        return stream.ToArray();
    }

    [Fact]
    public void Events_decode_component_sub_id_sequence_levels_and_arguments_in_time_order()
    {
        List<ULogEvent> events = ULogEvents.Read(ULogReader.Read(LogWithEvents()), out string? problem);
        Assert.Null(problem);
        Assert.Equal(2, events.Count);
        ULogEvent first = events[0], second = events[1];
        Assert.Equal(1_000_000, first.TimestampUs);
        Assert.Equal(2, first.ComponentId);
        Assert.Equal(1, first.SubId);
        Assert.Equal(3, first.ExternalLevel);
        Assert.Equal(1, second.ComponentId);
        Assert.Equal(0x123456, second.SubId);
        Assert.Equal(7, second.Sequence);
        Assert.Equal(6, second.InternalLevel);
        Assert.Equal(4, second.ExternalLevel);
        Assert.Equal("warning", ULogEvent.LevelName(second.ExternalLevel));
        Assert.Equal(25, second.Arguments.Length);
        Assert.Equal(0x2A, second.Arguments[0]);
    }

    [Fact]
    public void Tagged_logging_keeps_its_tag_and_untagged_has_none()
    {
        ULogFile log = ULogReader.Read(LogWithEvents());
        ULogLoggedMessage message = Assert.Single(log.LoggedMessages);
        Assert.Equal((ushort)3, message.Tag);
        Assert.Equal(ULogLogLevel.Warning, message.Level);
        Assert.Equal("battery low", message.Text);
    }

    [Fact]
    public void An_event_topic_without_its_id_field_is_reported_not_thrown()
    {
        using var stream = new MemoryStream();
        var w = new ULogWriter(stream);
        w.WriteHeader(0);
        w.WriteFlagBits(0, 0);
        w.WriteFormat("event:uint64_t timestamp;uint16_t event_sequence");
        w.WriteAddSubscription(0, 0, "event");
        w.WriteData(0, new byte[10]);
        List<ULogEvent> events = ULogEvents.Read(ULogReader.Read(stream.ToArray()), out string? problem);
        Assert.Empty(events);
        Assert.Equal("event[0]: missing field id, log_levels: 1 events not decoded", problem);
    }
}
