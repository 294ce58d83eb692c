using FsCheck;
using FsCheck.Xunit;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.Xunit.PropertyAttribute;
using StrategicTech.Navigation.Logs;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Logs;

/// <summary>Damaged input never escapes as anything but <see cref="ULogFormatException"/>, never hangs, never loses accepted data.</summary>
public class ULogRobustnessTests
{
    private static readonly byte[] Synthetic = SyntheticULog.Build(appended: false);
    private static readonly Lazy<byte[]> Real = new(() => File.ReadAllBytes(SharedData.PathOf("logs", "esc_status_log.ulg")));

    /// <summary>Every sample the synthetic file holds: a prefix of it can hold no more.</summary>
    private const int SyntheticSamples = SyntheticULog.ImuSamples + (2 * SyntheticULog.WheelSamplesPerInstance);

    /// <summary>
    /// True when the parse ends either in a read with at most <paramref name="maxSamples"/> samples or in the
    /// documented <see cref="ULogFormatException"/> naming a byte offset; any other exception fails the property.
    /// </summary>
    private static bool ParsesOrThrowsFormatException(byte[] data, bool strict, int maxSamples = int.MaxValue)
    {
        var task = Task.Run(() =>
        {
            try
            {
                ULogFile log = ULogReader.Read(data, new ULogReadOptions { Strict = strict });
                return log.Topics.Sum(t => t.SampleCount) <= maxSamples;
            }
            catch (ULogFormatException e)
            {
                return e.Message.Contains("byte offset", StringComparison.Ordinal);
            }
        });

        // A guard against an endless loop, not a speed assertion: a parse of these sizes takes milliseconds.
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "parser did not finish (endless loop?)");
        return task.Result;
    }

    [Property(MaxTest = 200)]
    public bool Truncated_synthetic_files_read_or_throw_the_documented_exception(NonNegativeInt cut, bool strict)
    {
        int length = cut.Get % (Synthetic.Length + 1);
        return ParsesOrThrowsFormatException(Synthetic[..length], strict, SyntheticSamples);
    }

    [Property(MaxTest = 300)]
    public bool Byte_flips_in_synthetic_files_read_or_throw_the_documented_exception(NonNegativeInt position, byte mask, PositiveInt flips, bool strict)
    {
        byte[] data = (byte[])Synthetic.Clone();
        var random = new Random(position.Get);
        for (int i = 0; i < 1 + (flips.Get % 8); i++)
        {
            data[random.Next(data.Length)] ^= mask == 0 ? (byte)0x5A : mask;
        }

        return ParsesOrThrowsFormatException(data, strict);
    }

    [SharedDataProperty(MaxTest = 100)]
    public Property Byte_flips_in_the_data_section_of_the_real_log_lose_little_in_lenient_mode()
    {
        // Flips past the definitions section: the lenient reader never throws and keeps nearly every sample.
        Gen<int[]> positions = Gen.ArrayOf(Gen.Choose(200_000, Real.Value.Length - 1), 4);
        return Prop.ForAll(positions.ToArbitrary(), pos =>
        {
            byte[] data = (byte[])Real.Value.Clone();
            foreach (int p in pos)
            {
                data[p] ^= 0xA5;
            }

            ULogFile log = ULogReader.Read(data);
            int samples = log.Topics.Sum(t => t.SampleCount);
            return samples >= 8200 - (4 * 40) && samples <= 8200;
        });
    }

    [SharedDataTheory]
    [InlineData(279288)] // high byte of a data message's size: the size no longer fits the topic, so it is not trusted
    [InlineData(533878)] // high byte of a msg_id: resync must not take payload bytes for a logged-string message
    public void A_damaged_size_or_id_costs_one_sample_not_a_stretch_of_the_log(int offset)
    {
        byte[] data = (byte[])Real.Value.Clone();
        data[offset] ^= 0xA5;
        ULogFile log = ULogReader.Read(data);
        Assert.Equal(1, log.Report.CorruptMessageCount);
        Assert.Equal(8200 - 1, log.Topics.Sum(t => t.SampleCount));
    }

    [SharedDataFact]
    public void Every_truncation_of_the_real_log_keeps_the_samples_before_the_cut()
    {
        byte[] data = Real.Value;
        IndependentULogWalk full = IndependentULogWalk.Walk(data);
        foreach (int length in new[] { 300_000, 450_001, data.Length - 1, data.Length - 17 })
        {
            ULogFile log = ULogReader.Read(data.AsSpan(0, length));
            int expected = IndependentULogWalk.Walk(data[..length]).DataCount.Values.Sum();
            Assert.Equal(expected, log.Topics.Sum(t => t.SampleCount));
            Assert.True(log.Report.TruncatedTail);
            Assert.True(expected < full.DataCount.Values.Sum());
        }
    }

    [Fact]
    public void Short_or_foreign_files_throw_naming_the_header()
    {
        var shortFile = Assert.Throws<ULogFormatException>(() => ULogReader.Read(Synthetic.AsSpan(0, 10)));
        Assert.Equal(0, shortFile.Offset);
        Assert.Null(shortFile.MessageType);
        Assert.Contains("shorter than the 16-byte header", shortFile.Message, StringComparison.Ordinal);
        byte[] foreign = (byte[])Synthetic.Clone();
        foreign[0] = (byte)'X';
        var badMagic = Assert.Throws<ULogFormatException>(() => ULogReader.Read(foreign));
        Assert.Contains("bad magic", badMagic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_data_message_throws_in_strict_mode_and_is_skipped_in_lenient_mode()
    {
        byte[] data = (byte[])Synthetic.Clone();
        int offset = OffsetOfNthData(data, 10);
        data[offset + 3] = 0x77; // msg_id low byte: no such subscription
        var e = Assert.Throws<ULogFormatException>(() => ULogReader.Read(data, new ULogReadOptions { Strict = true }));
        Assert.Equal(offset, e.Offset);
        Assert.Equal(ULogMessageType.Data, e.MessageType);
        Assert.Contains("no subscription", e.Message, StringComparison.Ordinal);

        ULogFile lenient = ULogReader.Read(data);
        Assert.Equal(1, lenient.Report.CorruptMessageCount);
        int expected = SyntheticULog.ImuSamples + (2 * SyntheticULog.WheelSamplesPerInstance) - 1;
        Assert.Equal(expected, lenient.Topics.Sum(t => t.SampleCount));
        Assert.Single(lenient.Report.Problems);
    }

    [SharedDataFact]
    public void A_damaged_size_that_overruns_the_file_is_corruption_not_a_truncated_tail()
    {
        byte[] data = (byte[])Real.Value.Clone();
        int offset = OffsetOfNthData(data, 4000);
        data[offset] = 0xFF;
        data[offset + 1] = 0xFF;
        data = data[..(offset + 40_000)]; // 65 535 bytes now run past the end
        ULogFile log = ULogReader.Read(data);
        int expected = IndependentULogWalk.Walk(Real.Value[..(offset + 40_000)]).DataCount.Values.Sum() - 1;
        Assert.False(log.Report.TruncatedTail && log.Report.TruncatedBytes > 1000);
        Assert.Equal(1, log.Report.CorruptMessageCount);
        Assert.Equal(expected, log.Topics.Sum(t => t.SampleCount));
        var e = Assert.Throws<ULogFormatException>(() => ULogReader.Read(data, new ULogReadOptions { Strict = true }));
        Assert.Equal(offset, e.Offset);
    }

    [Fact]
    public void Unknown_incompatible_flags_are_refused()
    {
        byte[] data = (byte[])Synthetic.Clone();
        data[16 + 3 + 8] |= 0x02;
        var e = Assert.Throws<ULogFormatException>(() => ULogReader.Read(data));
        Assert.Equal(ULogMessageType.FlagBits, e.MessageType);
        Assert.Equal(16, e.Offset);
    }

    [Fact]
    public void Cyclic_nested_formats_are_reported_not_followed()
    {
        using var stream = new MemoryStream();
        var writer = new ULogWriter(stream);
        writer.WriteHeader(0);
        writer.WriteFormat("a:uint64_t timestamp;b inner;");
        writer.WriteFormat("b:a outer;");
        writer.WriteAddSubscription(0, 0, "a");
        var e = Assert.Throws<ULogFormatException>(() => ULogReader.Read(stream.ToArray(), new ULogReadOptions { Strict = true }));
        Assert.Equal(ULogMessageType.AddSubscription, e.MessageType);
        Assert.Contains("nests deeper", e.Message, StringComparison.Ordinal);
    }

    private static int OffsetOfNthData(byte[] data, int n)
    {
        int p = 16;
        while (p + 3 <= data.Length)
        {
            if (data[p + 2] == 'D' && n-- == 0)
            {
                return p;
            }

            p += 3 + data[p] + (data[p + 1] << 8);
        }

        throw new InvalidOperationException("not enough data messages");
    }
}
