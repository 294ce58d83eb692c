using System.Buffers.Binary;
using System.Text;
using StrategicTech.Navigation.Logs;
using StrategicTech.TestSupport;

namespace StrategicTech.Navigation.Tests.Logs;

/// <summary>The reader against a real PX4 flight log (shared/logs/esc_status_log.ulg, see its SOURCE.md).</summary>
public class EscStatusLogTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Lazy<byte[]> Bytes = new(() => File.ReadAllBytes(SharedData.PathOf("logs", "esc_status_log.ulg")));
    private static readonly Lazy<ULogFile> Log = new(() => ULogReader.Read(Bytes.Value, new ULogReadOptions { Strict = true }));
    private static readonly Lazy<IndependentULogWalk> Walk = new(() => IndependentULogWalk.Walk(Bytes.Value));

    [SharedDataFact]
    public void Header_and_flags_are_read()
    {
        ULogFile log = Log.Value;
        Assert.Equal(1, log.Version);
        Assert.Equal(BinaryPrimitives.ReadUInt64LittleEndian(Bytes.Value.AsSpan(8)), (ulong)log.StartTimestampUs);
        Assert.Equal(0UL, log.IncompatFlags);
        Assert.False(log.HasAppendedData);
        Assert.True(log.Report.IsClean);
        Assert.Equal(Walk.Value.TypeCount.Values.Sum(), log.Report.MessageCount);
    }

    [SharedDataFact]
    public void Every_subscription_is_a_topic_with_the_independently_counted_samples_and_timestamps()
    {
        ULogFile log = Log.Value;
        IndependentULogWalk walk = Walk.Value;
        Assert.Equal(35, walk.Subscriptions.Count);
        Assert.Equal(walk.Subscriptions.Count, log.Topics.Count);
        foreach ((ushort msgId, (string name, byte multiId)) in walk.Subscriptions)
        {
            ULogTopic topic = log.GetTopic(name, multiId);
            int expected = walk.DataCount.GetValueOrDefault(msgId);
            Assert.Equal(expected, topic.SampleCount);
            if (expected > 0)
            {
                Assert.Equal((long)walk.TimestampRange[msgId].First, topic.TimestampsUs[0]);
                Assert.Equal((long)walk.TimestampRange[msgId].Last, topic.TimestampsUs[^1]);
            }
        }

        Assert.Equal(walk.DataCount.Values.Sum(), log.Topics.Sum(t => t.SampleCount));
    }

    [SharedDataTheory]
    [InlineData("distance_sensor", 361)]
    [InlineData("ekf2_innovations", 180)]
    [InlineData("estimator_status", 107)]
    [InlineData("sensor_combined", 341)]
    [InlineData("vehicle_air_data", 110)]
    [InlineData("vehicle_attitude", 1099)]
    [InlineData("vehicle_global_position", 95)]
    [InlineData("vehicle_gps_position", 179)]
    [InlineData("vehicle_local_position", 315)]
    [InlineData("vehicle_magnetometer", 117)]
    [InlineData("wind_estimate", 123)]
    public void Sample_counts_match_the_inventory_in_SOURCE_md(string topic, int count)
    {
        Assert.Equal(count, Log.Value.GetTopic(topic).SampleCount);
    }

    [SharedDataFact]
    public void Multi_instance_topics_are_kept_apart()
    {
        ULogFile log = Log.Value;
        Assert.NotNull(log.FindTopic("actuator_outputs", 0));
        Assert.NotNull(log.FindTopic("actuator_outputs", 1));
        Assert.NotNull(log.FindTopic("actuator_outputs", 2));
        Assert.NotNull(log.FindTopic("input_rc", 1));
        Assert.Null(log.FindTopic("actuator_outputs", 3));
    }

    [SharedDataFact]
    public void Time_span_matches_the_flight()
    {
        ULogFile log = Log.Value;
        output.WriteLine($"first {log.FirstTimestampUs} µs, last {log.LastTimestampUs} µs");
        Assert.Equal(5_076_509_383, log.FirstTimestampUs); // exact: decoded, not estimated
        Assert.Equal(5_120_481_221, log.LastTimestampUs);
        ReadOnlySpan<long> ts = log.GetTopic("vehicle_attitude").TimestampsUs;
        for (int i = 1; i < ts.Length; i++)
        {
            Assert.True(ts[i] > ts[i - 1], $"vehicle_attitude timestamps not increasing at {i}");
        }
    }

    [SharedDataFact]
    public void Info_fields_are_typed()
    {
        ULogFile log = Log.Value;
        Assert.Equal("PX4", log.Info["sys_name"].AsString());
        Assert.Equal("PX4_FMU_V3", log.Info["ver_hw"].AsString());
        Assert.Equal("char[10]", log.Info["ver_hw"].TypeName);
        Assert.Equal("654ed4b90450b9e68bfb526ce6d9d228a090fa4a", log.Info["ver_sw"].AsString());
        Assert.Equal("NuttX", log.Info["sys_os_name"].AsString());
        Assert.Equal(ULogBaseType.UInt32, log.Info["ver_sw_release"].BaseType);
        Assert.Equal(17367168L, log.Info["ver_sw_release"].AsInt64());
        foreach ((string name, byte[] raw) in Walk.Value.InfoRaw)
        {
            Assert.True(log.Info[name].Raw.SequenceEqual(raw), name);
        }
    }

    [SharedDataFact]
    public void Parameters_match_the_independent_walk()
    {
        ULogFile log = Log.Value;
        IndependentULogWalk walk = Walk.Value;
        Assert.Equal(759, log.Parameters.Count);
        Assert.Equal(walk.ParameterRaw.Count, log.Parameters.Count);
        Assert.Empty(log.ParameterChanges);
        foreach ((string name, byte[] raw) in walk.ParameterRaw)
        {
            ULogValue value = log.Parameters[name];
            double expected = walk.ParameterType[name] == "float"
                ? (double)BinaryPrimitives.ReadSingleLittleEndian(raw)
                : (double)BinaryPrimitives.ReadInt32LittleEndian(raw);
            Assert.Equal(expected, value.AsDouble());
        }

        Assert.Equal(ULogBaseType.Int32, log.Parameters["SYS_AUTOSTART"].BaseType);
        Assert.Equal(ULogBaseType.Float, log.Parameters["MPC_XY_VEL_MAX"].BaseType);
    }

    [SharedDataFact]
    public void Fields_decode_to_the_documented_flight()
    {
        ULogFile log = Log.Value;
        Assert.Empty(log.LoggedMessages);
        Assert.Empty(log.Dropouts);
        ULogTopic land = log.GetTopic("vehicle_land_detected");
        Assert.Equal(1, land.GetInt64("landed", land.SampleCount - 1));
        Assert.Equal(0, land.GetInt64("landed", 0));
        ULogTopic range = log.GetTopic("distance_sensor");
        Assert.Equal(0.47f, (float)range.GetDouble("current_distance", range.SampleCount - 1)); // float32 field, exact
        double[] z = log.GetTopic("vehicle_local_position").GetColumn("z");
        Assert.Equal(-16.722307f, (float)z.Min()); // float32 fields, exact
        Assert.Equal(-6.483754f, (float)z.Max());
        ULogTopic imu = log.GetTopic("sensor_combined");
        Assert.Contains(imu.Fields, f => f.Name == "gyro_rad[2]" && f.BaseType == ULogBaseType.Float);
        double accelZ = imu.GetColumn("accelerometer_m_s2[2]").Average();
        Assert.Equal(-10.586295290776361, accelZ, 1e-12); // mean of the float32 column: only summation rounding
        ULogTopic gps = log.GetTopic("vehicle_gps_position");
        output.WriteLine($"range {range.GetDouble("current_distance", range.SampleCount - 1):R} m, z {z.Min():R}..{z.Max():R} m, mean accel z {accelZ:R} m/s², lat {gps.GetInt64("lat", 0)}");
        Assert.Equal(473_565_765, gps.GetInt64("lat", 0)); // 47.3565765°
        Assert.Equal(4, gps.GetInt64("fix_type", 0));
    }

    [SharedDataFact]
    public void Nested_esc_status_reports_are_flattened()
    {
        ULogTopic esc = Log.Value.GetTopic("esc_status");
        Assert.True(esc.SampleCount > 0);
        Assert.Contains(esc.Fields, f => f.Name.StartsWith("esc[0].", StringComparison.Ordinal));
        Assert.Contains(esc.Fields, f => f.Name.StartsWith("esc[7].", StringComparison.Ordinal));
        ULogField first = esc.Fields.First(f => f.Name.StartsWith("esc[0].", StringComparison.Ordinal));
        ULogField second = esc.GetField(first.Name.Replace("esc[0].", "esc[1].", StringComparison.Ordinal));
        Assert.True(second.OffsetBytes > first.OffsetBytes);
        Assert.Equal(Encoding.ASCII.GetString(Bytes.Value).Contains("esc_report:", StringComparison.Ordinal), Log.Value.Formats.ContainsKey("esc_report"));
    }
}
