using System.Buffers.Binary;
using StrategicTech.Navigation.Logs;

namespace StrategicTech.Navigation.Tests.Logs;

public class ULogSubscriptionTests
{
    private static byte[] Sample(long timeUs, float value)
    {
        var b = new byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(b, (ulong)timeUs);
        BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(8), value);
        return b;
    }

    private static byte[] Build(bool dataAfterRemove)
    {
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(0);
        writer.WriteFormat("battery:uint64_t timestamp;float voltage_v;");
        writer.WriteAddSubscription(0, 5, "battery");
        writer.WriteData(5, Sample(100, 12.5f));
        writer.WriteData(5, Sample(200, 12.4f));
        writer.WriteRemoveSubscription(5);
        if (dataAfterRemove)
        {
            writer.WriteData(5, Sample(250, 99f));
        }

        writer.WriteAddSubscription(0, 9, "battery"); // re-subscribed under a new msg_id: same topic instance
        writer.WriteData(9, Sample(300, 12.3f));
        writer.WriteAddSubscription(1, 5, "battery"); // msg_id 5 reused for the second instance
        writer.WriteData(5, Sample(310, 11.0f));
        return stream.ToArray();
    }

    [Fact]
    public void Re_subscription_continues_the_topic_and_a_reused_msg_id_maps_to_its_new_topic()
    {
        ULogFile log = ULogReader.Read(new MemoryStream(Build(dataAfterRemove: false)), new ULogReadOptions { Strict = true });
        Assert.Equal(2, log.Topics.Count);
        ULogTopic first = log.GetTopic("battery", 0);
        Assert.Equal([100L, 200L, 300L], first.TimestampsUs.ToArray());
        Assert.Equal([12.5, 12.4, 12.3], first.GetColumn("voltage_v").Select(v => Math.Round(v, 5)));
        ULogTopic second = log.GetTopic("battery", 1);
        Assert.Equal(11.0, second.GetDouble("voltage_v", 0));
        Assert.Equal(310, log.LastTimestampUs);
        Assert.Equal(100, log.FirstTimestampUs);
    }

    [Fact]
    public void Data_for_a_removed_subscription_is_corrupt()
    {
        byte[] data = Build(dataAfterRemove: true);
        var e = Assert.Throws<ULogFormatException>(() => ULogReader.Read(data, new ULogReadOptions { Strict = true }));
        Assert.Equal(ULogMessageType.Data, e.MessageType);
        ULogFile lenient = ULogReader.Read(data);
        Assert.Equal(1, lenient.Report.CorruptMessageCount);
        Assert.Equal(3, lenient.GetTopic("battery", 0).SampleCount);
        Assert.Equal(1, lenient.GetTopic("battery", 1).SampleCount);
    }

    [Fact]
    public void Unknown_field_names_and_indices_fail_clearly()
    {
        ULogFile log = ULogReader.Read(Build(dataAfterRemove: false));
        ULogTopic topic = log.GetTopic("battery");
        var missing = Assert.Throws<KeyNotFoundException>(() => topic.GetDouble("current_a", 0));
        Assert.Contains("battery[0]", missing.Message, StringComparison.Ordinal);
        Assert.Contains("voltage_v", missing.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => topic.GetDouble("voltage_v", 3));
        Assert.Throws<KeyNotFoundException>(() => log.GetTopic("battery", 2));
        Assert.Throws<KeyNotFoundException>(() => log.GetParameter("NOPE"));
    }
}
