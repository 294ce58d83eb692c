using FsCheck;
using FsCheck.Fluent;
using StrategicTech.Navigation.Logs;
using StrategicTech.Navigation.Tests.Logs;
using PropertyAttribute = FsCheck.Xunit.PropertyAttribute;

namespace StrategicTech.Navigation.Tests.Robustness;

/// <summary>What a ULog costs in memory follows its bytes, not the array lengths and subscriptions it declares.</summary>
public class ULogAllocationTests
{
    private static readonly byte[] Synthetic = SyntheticULog.Build(appended: false);

    /// <summary>A 635-byte log: one 65 000-element array format, subscribed 64 times under different multi ids.</summary>
    private static byte[] ArrayFormatSubscribedManyTimes()
    {
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(0);
        writer.WriteFormat("big:uint64_t timestamp;uint8_t[65000] x;");
        for (int i = 0; i < 64; i++)
        {
            writer.WriteAddSubscription((byte)i, (ushort)i, "big");
        }

        return stream.ToArray();
    }

    [Fact]
    public void A_declared_65000_element_array_subscribed_64_times_costs_kilobytes_not_megabytes()
    {
        byte[] data = ArrayFormatSubscribedManyTimes();
        long allocated = AllocationMeter.BytesAllocated<ULogFormatException>(() => ULogReader.Read(data));
        ULogFile log = ULogReader.Read(data);

        // The leaves are still all there, named on demand.
        ULogTopic topic = log.Topics[63];
        Assert.Equal(64, log.Topics.Count);
        Assert.Equal(65001, topic.Fields.Count);
        Assert.Equal("x[64999]", topic.Fields[65000].Name);
        Assert.Equal(8 + 64999, topic.GetField("x[64999]").OffsetBytes);
        Assert.False(topic.TryGetField("x[65000]", out _));

        // measured 33 040 bytes for this 635-byte file (before, every subscription built a 65 001-entry field table
        // and a 1 MB sample buffer); bound 48 KB
        Assert.True(allocated < 48 * 1024, $"allocated {allocated} bytes for a {data.Length}-byte file");
    }

    [Fact]
    public void Continued_multi_info_is_joined_once_not_copied_per_piece()
    {
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(0);
        byte[] piece = new byte[200];
        writer.WriteMultiInfo("char[200] perf", piece, isContinued: false);
        for (int i = 0; i < 2000; i++)
        {
            writer.WriteMultiInfo("char[200] perf", piece, isContinued: true);
        }

        byte[] data = stream.ToArray();
        long allocated = AllocationMeter.BytesAllocated<ULogFormatException>(() => ULogReader.Read(data));
        ULogFile log = ULogReader.Read(data);
        Assert.Equal(2001 * 200, log.MultiInfo["perf"][0].ArrayLength);

        // measured 1 459 792 bytes for this 438 235-byte file (a join per piece copied the value so far each time); bound 2.15 MB
        Assert.True(allocated < 2_150_000, $"allocated {allocated} bytes for a {data.Length}-byte file");
    }

    [Fact]
    public void A_format_redefined_differently_is_refused_naming_it_and_an_identical_repeat_is_accepted()
    {
        // Formats are resolved once per name and shared, so a second, different definition is damage (like any
        // error in the definitions section it is fatal); an identical repeat changes nothing.
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(0);
        writer.WriteFormat("a:uint64_t timestamp;float x;");
        writer.WriteFormat("a:uint64_t timestamp;float x;");
        writer.WriteAddSubscription(0, 0, "a");
        Assert.Equal(ULogBaseType.Float, ULogReader.Read(stream.ToArray()).Topics[0].GetField("x").BaseType);

        using var conflicting = new MemoryStream();
        var second = new ULogWriter(conflicting);
        second.WriteHeader(0);
        second.WriteFormat("a:uint64_t timestamp;float x;");
        second.WriteFormat("a:uint64_t timestamp;double x;");
        second.WriteAddSubscription(0, 0, "a");
        var e = Assert.Throws<ULogFormatException>(() => ULogReader.Read(conflicting.ToArray()));
        Assert.Equal(ULogMessageType.Format, e.MessageType);
        Assert.Contains("format \"a\" is redefined differently", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Bound: 8 KB + 12 bytes per input byte. Measured over 3 000 mutated synthetic logs and random logs: at most
    /// 8.51 bytes per input byte above 8 KB (largest single parse 25.5 KB).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Mutated_and_random_logs_allocate_at_most_8_KB_plus_12_bytes_per_input_byte()
    {
        Gen<byte[]> inputs = Gen.OneOf(
            Gen.Choose(0, int.MaxValue).Select(s => AllocationMeter.Mutate(Synthetic, s)),
            Gen.Choose(0, int.MaxValue).Select(s => RandomLog(s)));
        return Prop.ForAll(inputs.ToArbitrary(), data =>
        {
            long allocated = AllocationMeter.BytesAllocated<ULogFormatException>(() => ULogReader.Read(data));
            return allocated <= 8 * 1024 + (12L * data.Length);
        });
    }

    /// <summary>A valid header followed by random messages whose type bytes are real ULog types.</summary>
    private static byte[] RandomLog(int seed)
    {
        var random = new Random(seed);
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(0);
        writer.WriteFormat("big:uint64_t timestamp;uint8_t[" + random.Next(1, 65000) + "] x;");
        byte[] types = "FIMPQADLCSOR"u8.ToArray();
        for (int i = 0, n = random.Next(1, 40); i < n; i++)
        {
            byte[] payload = new byte[random.Next(0, 48)];
            random.NextBytes(payload);
            if (random.Next(3) == 0)
            {
                writer.WriteAddSubscription((byte)random.Next(256), (ushort)random.Next(4), "big");
            }
            else
            {
                writer.WriteMessage((ULogMessageType)types[random.Next(types.Length)], payload);
            }
        }

        return stream.ToArray();
    }
}
