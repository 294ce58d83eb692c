using StrategicTech.Navigation.Logs;

namespace StrategicTech.Navigation.Tests.Logs;

// Tolerances in this class are rounding epsilons on exact identities (values written by SyntheticULog read back).
public class ULogRoundTripTests
{
    private static readonly ULogFile Log = ULogReader.Read(SyntheticULog.Build(), new ULogReadOptions { Strict = true });

    [Fact]
    public void Header_flags_and_appended_offset_round_trip()
    {
        Assert.Equal(1, Log.Version);
        Assert.Equal(SyntheticULog.StartUs, Log.StartTimestampUs);
        Assert.True(Log.HasAppendedData);
        Assert.Single(Log.AppendedOffsets);
        Assert.True(Log.Report.TruncatedBytes > 0, "the cut message before the appended data is counted");
        Assert.False(Log.Report.TruncatedTail);
        Assert.Equal(0, Log.Report.CorruptMessageCount);
    }

    [Fact]
    public void Multi_instance_topics_and_appended_samples_are_read()
    {
        ULogTopic left = Log.GetTopic("wheel_encoder", 0);
        ULogTopic right = Log.GetTopic("wheel_encoder", 1);
        Assert.Equal(SyntheticULog.WheelSamplesPerInstance + SyntheticULog.AppendedSamples, left.SampleCount);
        Assert.Equal(SyntheticULog.WheelSamplesPerInstance, right.SampleCount);
        Assert.Equal(0.1 * 7, left.GetDouble("speed_mps", 7), 6);
        Assert.Equal(1 + (0.1 * 7), right.GetDouble("speed_mps", 7), 6);
        Assert.Equal(700 - 1000, right.GetInt64("ticks", 7));
        Assert.Equal("LR1", right.GetString("tag", 3));
        Assert.Equal(SyntheticULog.StartUs + 1_000_000 + 4000, left.TimestampsUs[^1]);
        Assert.Equal(104 * 0.1, left.GetDouble("speed_mps", left.SampleCount - 1), 5);
        Assert.DoesNotContain(left.Fields, f => f.Name.StartsWith("_padding", StringComparison.Ordinal));
        Assert.Equal(20, left.SampleSizeBytes);
        Assert.Equal(19, left.MinimumSampleSizeBytes);
    }

    [Fact]
    public void Nested_arrays_flatten_with_offsets()
    {
        ULogTopic imu = Log.GetTopic("imu");
        Assert.Equal(SyntheticULog.ImuSamples, imu.SampleCount);
        Assert.Equal(40, imu.SampleSizeBytes);
        Assert.Equal(["timestamp", "axes[0].x", "axes[0].y", "axes[0].z", "axes[1].x", "axes[1].y", "axes[1].z", "temperature_c"], imu.Fields.Select(f => f.Name));
        Assert.Equal(8 + 16, imu.GetField("axes[1].y").OffsetBytes);
        Assert.Equal((10 * 0.5) + 4, imu.GetDouble("axes[1].y", 10), 6);
        Assert.Equal(20.49, imu.GetColumn("temperature_c")[49], 12);
        Assert.Equal(SyntheticULog.StartUs + (49 * 10_000), imu.TimestampsUs[49]);
    }

    [Fact]
    public void Info_multi_info_parameters_and_strings_round_trip()
    {
        Assert.Equal("SITL", Log.Info["sys_name"].AsString());
        Assert.Equal(42, Log.Info["ver_sw_release"].AsInt64());
        Assert.Equal(["hello world", "two"], Log.MultiInfo["perf"].Select(v => v.AsString()));
        Assert.Equal(7, Log.Parameters["MAV_SYS_ID"].AsInt64());
        Assert.Equal(0.45f, (float)Log.GetParameter("AMR_TRACK_M"));
        ULogParameterChange change = Assert.Single(Log.ParameterChanges);
        Assert.Equal(0.47f, (float)change.Value.AsDouble());
        Assert.Equal(SyntheticULog.StartUs + (25 * 10_000), change.AfterTimestampUs);
        ULogDefaultParameter def = Assert.Single(Log.DefaultParameters);
        Assert.Equal(ULogDefaultTypes.SystemWide, def.DefaultTypes);
        Assert.Equal(0.5f, (float)def.Value.AsDouble());
        Assert.Equal(2, Log.LoggedMessages.Count);
        Assert.Equal(new ULogLoggedMessage(ULogLogLevel.Info, null, SyntheticULog.StartUs + 10, "armed"), Log.LoggedMessages[0]);
        Assert.Equal(new ULogLoggedMessage(ULogLogLevel.Warning, 3, SyntheticULog.StartUs + 250_000, "low battery"), Log.LoggedMessages[1]);
        Assert.Equal(new ULogDropout(SyntheticULog.StartUs + 250_000, 35), Assert.Single(Log.Dropouts));
        Assert.Equal(1, Log.SyncCount);
    }

    [Fact]
    public void Full_samples_with_trailing_padding_read_the_same()
    {
        ULogFile padded = ULogReader.Read(SyntheticULog.Build(appended: false, omitTrailingPadding: false));
        ULogTopic right = padded.GetTopic("wheel_encoder", 1);
        Assert.Equal("LR1", right.GetString("tag", 0));
        Assert.Equal(SyntheticULog.WheelSamplesPerInstance, padded.GetTopic("wheel_encoder", 0).SampleCount);
        Assert.True(padded.Report.IsClean);
    }

    [Fact]
    public void Data_writes_allocate_nothing()
    {
        using var sink = new MemoryStream(new byte[1 << 20]);
        var writer = new ULogWriter(sink);
        byte[] sample = SyntheticULog.Imu(5, 1);
        TestSupport.Allocations.AssertZero(
            () =>
            {
                sink.Position = 0;
                writer.WriteData(0, sample);
            },
            1000);
    }
}
